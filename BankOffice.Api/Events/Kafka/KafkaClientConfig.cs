using BankOffice.Core.Events;
using Confluent.Kafka;

namespace BankOffice.Api.Events.Kafka;

/// <summary>librdkafka settings from <see cref="KafkaOptions"/>; <c>Kafka:Properties</c> are applied last and win.</summary>
public static class KafkaClientConfig
{
    /// <summary>
    /// acks=all and (unless switched off for an old broker) the idempotent producer, so a retried send
    /// is written once and in order per partition.
    /// </summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        var config = new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = options.EnableIdempotence,
            MessageTimeoutMs = (int)options.MessageTimeout.TotalMilliseconds,
            LingerMs = 5,
            // Without idempotence, one request in flight keeps retried batches in order.
            MaxInFlight = options.EnableIdempotence ? 5 : 1,
            EnableDeliveryReports = true,
            DeliveryReportFields = "key,status",
        };
        return Apply(config, options);
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string groupId, bool fromBeginning)
    {
        var config = new ConsumerConfig
        {
            GroupId = groupId,
            AutoOffsetReset = fromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            EnableAutoCommit = true,
            // Read only what the producers' transactions committed (none are used today; safe default).
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        return Apply(config, options);
    }

    public static AdminClientConfig Admin(KafkaOptions options) => Apply(new AdminClientConfig(), options);

    private static T Apply<T>(T config, KafkaOptions options) where T : ClientConfig
    {
        config.BootstrapServers = options.BootstrapServers;
        config.ClientId = options.ClientId;
        config.SecurityProtocol = Enum.Parse<SecurityProtocol>(options.SecurityProtocol, ignoreCase: true);
        if (!string.IsNullOrWhiteSpace(options.SaslMechanism))
        {
            config.SaslMechanism = Enum.Parse<SaslMechanism>(options.SaslMechanism, ignoreCase: true);
            config.SaslUsername = options.SaslUsername;
            config.SaslPassword = options.SaslPassword;
        }

        if (!string.IsNullOrWhiteSpace(options.SslCaLocation))
        {
            config.SslCaLocation = options.SslCaLocation;
        }

        foreach (var (key, value) in options.Properties)
        {
            config.Set(key, value);
        }

        return config;
    }
}
