using System.Text.Json;
using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace BankOffice.Api.Tests.Events.Kafka09;

/// <summary>
/// The API's Kafka transport against a real Apache Kafka 0.9.0.1 broker, with the legacy client settings in
/// test configuration only (Kafka:Properties api.version.request=false, broker.version.fallback=0.9.0.1;
/// Kafka:EnableIdempotence=false).
///
/// What 0.9 drops, and why consumers lose nothing by it: its message format (v0) has no headers and no
/// timestamps, so librdkafka leaves out the eventId/type/occurredAt/... headers and the message timestamp
/// (the consumer sees TimestampType.NotAvailable), and it has no idempotent producer (InitProducerId is 0.11),
/// so a retried send can be written twice. The envelope in the value carries every header's field (eventId,
/// type, occurredAt, aggregateId, correlationId, schemaVersion) plus data, and consumers de-duplicate by
/// eventId, which the outbox keeps on a re-send; so the envelope alone is the contract, on any broker.
/// </summary>
[Collection(Kafka09Collection.Name)]
public sealed class Kafka09CompatibilityTests(Kafka09Fixture broker, ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PublishAsync_LegacySettingsOn09Broker_EveryEventReadBackWithItsKeyEnvelopeAndOrderPerKey()
    {
        output.WriteLine($"Kafka 0.9 broker on {broker.Bootstrap}: started in {broker.StartMilliseconds} ms, RSS {broker.ResidentKilobytes / 1024} MB (broker + ZooKeeper)");
        var options = broker.Options($"k09-{Guid.NewGuid():N}"[..12]);
        Correlation.Set("corr-k09-1");
        // Two batches, as two publisher rounds would send them; keys interleave within each batch.
        OutboxMessage[] first =
        [
            Outbox.Create(EventTypes.AccountCreated, "account", "ACC-1", new { eventType = "ACCOUNT_CREATED", accountNumber = "ACC-1", currency = "TRY", initialBalance = 0m }, T0),
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-1", new { eventType = "BALANCE_CHANGED", accountNumber = "ACC-1", previousBalance = 0m, newBalance = 100m, amount = 100m, operation = "CREDIT" }, T0.AddMinutes(1)),
            Outbox.Create(EventTypes.AccountCreated, "account", "ACC-2", new { eventType = "ACCOUNT_CREATED", accountNumber = "ACC-2", currency = "EUR", initialBalance = 0m }, T0.AddMinutes(2)),
            Outbox.Create(EventTypes.AccountUpdated, "account", "ACC-1", new { @event = "ACCOUNT_UPDATED", accountId = "ACC-1", changes = new { balance = 100m } }, T0.AddMinutes(1)),
            Outbox.Create(EventTypes.PaymentReceived, "customer", "CUST-7", new { paymentId = "PAY-1", customerId = "CUST-7", amount = 250m, currency = "TRY" }, T0.AddMinutes(3)),
        ];
        OutboxMessage[] second =
        [
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-1", new { eventType = "BALANCE_CHANGED", accountNumber = "ACC-1", previousBalance = 100m, newBalance = 70m, amount = 30m, operation = "DEBIT" }, T0.AddMinutes(5)),
            Outbox.Create(EventTypes.StatusChanged, "account", "ACC-2", new { eventType = "STATUS_CHANGED", accountNumber = "ACC-2", previousStatus = "ACTIVE", newStatus = "SUSPENDED" }, T0.AddMinutes(6)),
            Outbox.Create(EventTypes.CreditLimitChanged, "customer", "CUST-7", new { customerId = "CUST-7", oldLimit = 1000m, newLimit = 5000m, currency = "TRY" }, T0.AddMinutes(7)),
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-2", new { eventType = "BALANCE_CHANGED", accountNumber = "ACC-2", previousBalance = 0m, newBalance = 40m, amount = 40m, operation = "CREDIT" }, T0.AddMinutes(8)),
        ];
        Correlation.Set(null);

        using (var transport = new KafkaEventTransport(Options.Create(options), NullLogger<KafkaEventTransport>.Instance))
        {
            (await transport.PublishAsync(first, CancellationToken.None)).Should().OnlyContain(o => o.Succeeded);
            (await transport.PublishAsync(second, CancellationToken.None)).Should().OnlyContain(o => o.Succeeded);
        }

        var received = await Kafka09Reader.ReadAsync(options, EventStreams.All.Select(options.TopicFor), expected: 9);

        var sent = first.Concat(second).ToDictionary(m => m.Id);
        received.Should().HaveCount(9);
        foreach (var result in received)
        {
            var envelope = JsonDocument.Parse(result.Message.Value).RootElement;
            var original = sent[envelope.GetProperty("eventId").GetGuid()];
            result.Topic.Should().Be(options.TopicFor(original.Stream));
            result.Message.Key.Should().Be(original.AggregateId);
            // Byte for byte what the transport produced: the envelope survives the old message format whole.
            result.Message.Value.Should().Equal(EventMessages.Envelope(original));
            result.Message.Headers.Should().BeEmpty("0.9's message format has no headers");
            result.Message.Timestamp.Type.Should().Be(TimestampType.NotAvailable, "0.9's message format has no timestamps");
        }

        // Per topic and key, the events in the order they were published, across both batches.
        string Order(string stream, string key) => string.Join(",", received
            .Where(r => r.Topic == options.TopicFor(stream) && r.Message.Key == key)
            .OrderBy(r => r.TopicPartitionOffset.Partition.Value).ThenBy(r => r.Offset.Value)
            .Select(r => Array.IndexOf(first.Concat(second).ToArray(), sent[JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("eventId").GetGuid()])));
        Order(EventStreams.AccountEvents, "ACC-1").Should().Be("0,1,5");
        Order(EventStreams.AccountEvents, "ACC-2").Should().Be("2,6,8");
        Order(EventStreams.AccountUpdates, "ACC-1").Should().Be("3");
        Order(EventStreams.Receivables, "CUST-7").Should().Be("4,7");

        // Everything a consumer needs, with no header: ACC-1's debit (second[0]) as the 0.9 consumer read it.
        var debit = received.Single(r => r.Message.Key == "ACC-1" && JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("eventId").GetGuid() == second[0].Id);
        var fields = JsonDocument.Parse(debit.Message.Value).RootElement;
        fields.GetProperty("type").GetString().Should().Be("BALANCE_CHANGED");
        fields.GetProperty("occurredAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 21, 9, 5, 0, TimeSpan.Zero)); // T0 + 5 min
        fields.GetProperty("aggregateId").GetString().Should().Be("ACC-1");
        fields.GetProperty("correlationId").GetString().Should().Be("corr-k09-1");
        fields.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        var data = fields.GetProperty("data");
        data.GetProperty("previousBalance").GetDecimal().Should().Be(100m);
        data.GetProperty("newBalance").GetDecimal().Should().Be(70m); // 100 - 30
        data.GetProperty("amount").GetDecimal().Should().Be(30m);
        data.GetProperty("operation").GetString().Should().Be("DEBIT");
    }

    [Fact]
    public async Task PublishAsync_IdempotenceLeftOnAgainst09Broker_EveryMessageFailsWithTheReasonAndNoneIsWritten()
    {
        // The API's default (EnableIdempotence=true) against a 0.9 broker: each message must come back failed
        // with a readable reason, so the outbox keeps it PENDING and shows the error, rather than it being lost.
        var options = broker.Options($"k09-{Guid.NewGuid():N}"[..12], enableIdempotence: true);
        OutboxMessage[] batch =
        [
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-9", new { eventType = "BALANCE_CHANGED", amount = 1m }, T0),
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-9", new { eventType = "BALANCE_CHANGED", amount = 2m }, T0.AddSeconds(1)),
        ];

        IReadOnlyList<PublishOutcome> outcomes;
        using (var transport = new KafkaEventTransport(Options.Create(options), NullLogger<KafkaEventTransport>.Instance))
        {
            outcomes = await transport.PublishAsync(batch, CancellationToken.None);
        }

        outcomes.Select(o => o.EventId).Should().Equal(batch[0].Id, batch[1].Id);
        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.Error);
            outcome.Succeeded.Should().BeFalse();
            outcome.Error.Should().NotBeNullOrWhiteSpace();
        }

        (await Kafka09Reader.ReadAsync(options, [options.TopicFor(EventStreams.AccountEvents)], expected: 1, TimeSpan.FromSeconds(2)))
            .Should().BeEmpty();
    }
}
