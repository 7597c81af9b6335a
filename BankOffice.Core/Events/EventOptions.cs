namespace BankOffice.Core.Events;

/// <summary>
/// The Kafka connection (section <c>Kafka</c>). With no <see cref="BootstrapServers"/> the publisher
/// stays idle: events accumulate in the outbox and go out once a broker is configured.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>host:port[,host:port]; empty disables publishing.</summary>
    public string BootstrapServers { get; set; } = "";

    public string ClientId { get; set; } = "bankoffice-api";

    /// <summary>Plaintext, Ssl, SaslPlaintext or SaslSsl.</summary>
    public string SecurityProtocol { get; set; } = "Plaintext";

    /// <summary>Plain, ScramSha256 or ScramSha512 (with a Sasl* protocol).</summary>
    public string? SaslMechanism { get; set; }
    public string? SaslUsername { get; set; }
    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file (PEM) for Ssl/SaslSsl.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Idempotent producer (needs a broker of 0.11 or later).</summary>
    public bool EnableIdempotence { get; set; } = true;

    /// <summary>How long librdkafka keeps trying one message before it reports a failure.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Logical stream (<see cref="EventStreams"/>) to topic name; unlisted streams keep their own name.</summary>
    public Dictionary<string, string> Topics { get; set; } = [];

    /// <summary>Any other librdkafka property, passed through as is (e.g. legacy broker settings in tests).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapServers);

    public string TopicFor(string stream) => Topics.TryGetValue(stream, out var topic) && !string.IsNullOrWhiteSpace(topic) ? topic : stream;
}

/// <summary>The outbox publisher (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Messages claimed (row-locked) and published per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often an idle publisher looks for new messages (after a round that sent something it looks again at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed publishes of one message before it is moved to DEAD_LETTER.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Backoff after the first failure; doubled after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before retry number <paramref name="attempts"/> (1 = after the first failure).</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(BaseBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}

/// <summary>Webhook deliveries (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Tries of one delivery before it is FAILED (an admin can retry it).</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Per request; a slower receiver counts as a failed try.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 50;

    /// <summary>Allow http:// endpoints (local and test receivers); production should keep https only.</summary>
    public bool AllowHttp { get; set; } = true;

    /// <summary>A receiver should refuse a signature whose timestamp is further than this from its clock.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(BaseBackoff.Ticks * factor, MaxBackoff.Ticks));
    }
}
