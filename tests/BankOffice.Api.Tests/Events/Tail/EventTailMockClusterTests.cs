using System.Text.Json;
using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Api.Tests.Events.Kafka;
using BankOffice.Core.Events;
using BankOffice.EventTail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Tests.Events.Tail;

/// <summary>
/// The event tail on the current protocol (librdkafka's mock cluster: real listeners on 127.0.0.1, headers and
/// the idempotent producer work), as most integrators will run it: the API's default settings, nothing legacy.
/// </summary>
public sealed class EventTailMockClusterTests : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();

    private string Bootstrap => _cluster.BootstrapServers;

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task RunAsync_CurrentProtocol_JsonCarriesTheEnvelopeAndTheHeaders()
    {
        var topic = $"tail-mock-{Guid.NewGuid():N}"[..18];
        var options = new KafkaOptions { BootstrapServers = Bootstrap, Topics = { [EventStreams.Receivables] = topic } };
        var payment = Outbox.Create(EventTypes.PaymentReceived, "customer", "CUST-11",
            new { paymentId = "PAY-4", customerId = "CUST-11", amount = 75.25m, currency = "EUR" }, new DateTimeOffset(2026, 11, 21, 12, 30, 0, TimeSpan.Zero));
        using (var transport = new KafkaEventTransport(Options.Create(options), NullLogger<KafkaEventTransport>.Instance))
        {
            (await transport.PublishAsync([payment], CancellationToken.None)).Should().OnlyContain(o => o.Succeeded);
        }

        var tail = TailOptions.Parse(["--bootstrap", Bootstrap, "--topic", topic, "--from-beginning", "--json", "--max", "1"]);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var printed = await EventTailer.RunAsync(tail, EventTailer.Settings(tail, new ConfigurationBuilder().Build()), output, errors, timeout.Token);

        printed.Should().Be(1, errors.ToString());
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        json.GetProperty("topic").GetString().Should().Be(topic);
        json.GetProperty("key").GetString().Should().Be("CUST-11");
        json.GetProperty("type").GetString().Should().Be("payment.received");
        json.GetProperty("eventId").GetGuid().Should().Be(payment.Id);
        json.GetProperty("occurredAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 21, 12, 30, 0, TimeSpan.Zero));
        json.GetProperty("data").GetProperty("amount").GetDecimal().Should().Be(75.25m);
        json.GetProperty("headers").EnumerateObject().Select(h => $"{h.Name}={h.Value.GetString()}").Should().Equal(
            $"eventId={payment.Id}",
            "type=payment.received",
            "occurredAt=2026-11-21T12:30:00.0000000+00:00",
            "aggregateId=CUST-11",
            "correlationId=",
            "schemaVersion=1",
            "content-type=application/json");
    }
}
