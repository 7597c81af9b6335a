using System.Collections.Concurrent;
using BankOffice.Api.Events.Kafka;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>
/// The publisher's settings in the Kafka tests: a fast poll, short broker timeouts and reconnects, so a
/// broker that comes back is used within a fraction of a second.
/// </summary>
public static class KafkaTestSettings
{
    public static Dictionary<string, string?> For(string bootstrapServers) => new()
    {
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Kafka:MessageTimeout"] = "00:00:01",
        ["Kafka:Properties:reconnect.backoff.ms"] = "20",
        ["Kafka:Properties:reconnect.backoff.max.ms"] = "200",
        ["Outbox:PollInterval"] = "00:00:00.100",
        // Small batches, so two instances both find keys to claim in a few hundred events.
        ["Outbox:BatchSize"] = "20",
    };
}

/// <summary>
/// Wraps the real Kafka transport and keeps the ids the broker acknowledged through this host, so a
/// test with two hosts can tell which one published what.
/// </summary>
public sealed class RecordingTransport(KafkaEventTransport inner) : IEventTransport
{
    public ConcurrentQueue<Guid> Acknowledged { get; } = new();

    public bool Enabled => inner.Enabled;

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var outcomes = await inner.PublishAsync(batch, cancellationToken);
        foreach (var outcome in outcomes.Where(o => o.Succeeded))
        {
            Acknowledged.Enqueue(outcome.EventId);
        }

        return outcomes;
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<KafkaEventTransport>();
        services.AddSingleton<RecordingTransport>();
        services.RemoveAll<IEventTransport>();
        services.AddSingleton<IEventTransport>(p => p.GetRequiredService<RecordingTransport>());
    }
}

/// <summary>
/// <see cref="ClockedApiFactory"/> with the outbox publisher on, sending to a librdkafka mock cluster of
/// its own (one per test class, so topics are not shared between classes).
/// </summary>
public class KafkaApiFactory : ClockedApiFactory, IAsyncLifetime
{
    public KafkaMockCluster Kafka { get; } = new();

    public RecordingTransport Transport => Services.GetRequiredService<RecordingTransport>();

    /// <summary>Where the API looks for its broker: the mock cluster itself unless a subclass puts something in between.</summary>
    protected virtual string BootstrapServers => Kafka.BootstrapServers;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in KafkaTestSettings.For(BootstrapServers))
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(RecordingTransport.Register);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Kafka.Dispose();
    }
}

/// <summary>
/// Another API instance on the database of <paramref name="connectionString"/> (a second publisher
/// competing for the same outbox), with the same Kafka and publisher settings.
/// </summary>
public sealed class SecondApiHost(string connectionString, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public RecordingTransport Transport => Services.GetRequiredService<RecordingTransport>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:BankOffice", connectionString);
        builder.UseSetting("Seed:DemoData", "false");
        builder.UseSetting("Collections:SweepInterval", "00:00:00");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(RecordingTransport.Register);
    }
}
