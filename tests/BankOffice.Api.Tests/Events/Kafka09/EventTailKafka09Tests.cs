using System.Text.Json;
using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;
using BankOffice.EventTail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Tests.Events.Kafka09;

/// <summary>
/// The consumer example (tools/BankOffice.EventTail) as an integrator would run it against an old cluster:
/// the command line parsed as the tool parses it (legacy broker settings given as --property), then the
/// tool's own loop printing what the API's transport published to the real 0.9 broker.
/// </summary>
[Collection(Kafka09Collection.Name)]
public sealed class EventTailKafka09Tests(Kafka09Fixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_LegacyPropertiesOn09Broker_PrintsEachEventOnOneLineInOrderPerTopic()
    {
        var options = broker.Options($"tail-{Guid.NewGuid():N}"[..13]);
        var accounts = options.TopicFor(EventStreams.AccountEvents);
        var receivables = options.TopicFor(EventStreams.Receivables);
        OutboxMessage[] batch =
        [
            Outbox.Create(EventTypes.AccountCreated, "account", "ACC-5", new { eventType = "ACCOUNT_CREATED", accountNumber = "ACC-5", currency = "TRY", initialBalance = 0m }, T0),
            Outbox.Create(EventTypes.CollectionEscalated, "customer", "CUST-3", new { customerId = "CUST-3", escalationLevel = 2, overdueAmount = 1250.50m, currency = "TRY" }, T0.AddMinutes(1)),
            Outbox.Create(EventTypes.BalanceChanged, "account", "ACC-5", new { eventType = "BALANCE_CHANGED", accountNumber = "ACC-5", amount = 100m, operation = "CREDIT" }, T0.AddMinutes(2)),
        ];
        await PublishAsync(options, batch);

        var (printed, lines, errors) = await TailAsync(
            "--bootstrap", broker.Bootstrap, "--topic", accounts, "--topic", receivables, "--from-beginning",
            "--property", "api.version.request=false", "--property", "broker.version.fallback=0.9.0.1",
            "--property", Kafka09Fixture.LegacySessionTimeout, "--max", "3");

        printed.Should().Be(3, errors);
        // One partition per topic (the script's broker), so the offsets count from 0 in publish order per topic.
        lines.Where(l => l.StartsWith(accounts + "/", StringComparison.Ordinal)).Should().Equal(
            $"{accounts}/0@0 key=ACC-5 type=ACCOUNT_CREATED eventId={batch[0].Id} occurredAt=2026-11-21T09:00:00+00:00 data={{\"eventType\":\"ACCOUNT_CREATED\",\"accountNumber\":\"ACC-5\",\"currency\":\"TRY\",\"initialBalance\":0}}",
            $"{accounts}/0@1 key=ACC-5 type=BALANCE_CHANGED eventId={batch[2].Id} occurredAt=2026-11-21T09:02:00+00:00 data={{\"eventType\":\"BALANCE_CHANGED\",\"accountNumber\":\"ACC-5\",\"amount\":100,\"operation\":\"CREDIT\"}}");
        lines.Where(l => l.StartsWith(receivables + "/", StringComparison.Ordinal)).Should().Equal(
            $"{receivables}/0@0 key=CUST-3 type=collection.escalated eventId={batch[1].Id} occurredAt=2026-11-21T09:01:00+00:00 data={{\"customerId\":\"CUST-3\",\"escalationLevel\":2,\"overdueAmount\":1250.50,\"currency\":\"TRY\"}}");
    }

    [Fact]
    public async Task RunAsync_SameGroupAgain_PrintsOnlyTheEventAfterTheCommittedOnesAsJson()
    {
        var options = broker.Options($"tail-{Guid.NewGuid():N}"[..13]);
        var topic = options.TopicFor(EventStreams.AccountUpdates);
        var group = $"tail-group-{Guid.NewGuid():N}";
        string[] legacy = ["--property", "api.version.request=false", "--property", "broker.version.fallback=0.9.0.1", "--property", Kafka09Fixture.LegacySessionTimeout];
        await PublishAsync(options,
        [
            Outbox.Create(EventTypes.AccountUpdated, "account", "ACC-8", new { @event = "ACCOUNT_UPDATED", accountId = "ACC-8", changes = new { status = "FROZEN" } }, T0),
            Outbox.Create(EventTypes.AccountUpdated, "account", "ACC-8", new { @event = "ACCOUNT_UPDATED", accountId = "ACC-8", changes = new { status = "ACTIVE" } }, T0.AddMinutes(1)),
        ]);
        var (firstPrinted, _, firstErrors) = await TailAsync(["--bootstrap", broker.Bootstrap, "--topic", topic, "--group", group, "--from-beginning", .. legacy, "--max", "2"]);
        firstPrinted.Should().Be(2, firstErrors);

        Correlation.Set("corr-tail-3");
        var third = Outbox.Create(EventTypes.AccountUpdated, "account", "ACC-8", new { @event = "ACCOUNT_UPDATED", accountId = "ACC-8", changes = new { balance = 12.5m } }, T0.AddMinutes(3));
        Correlation.Set(null);
        await PublishAsync(options, [third]);
        var (printed, lines, errors) = await TailAsync(["--bootstrap", broker.Bootstrap, "--topic", topic, "--group", group, "--json", .. legacy, "--max", "1"]);

        printed.Should().Be(1, errors);
        var json = JsonDocument.Parse(string.Join("\n", lines)).RootElement;
        json.GetProperty("topic").GetString().Should().Be(topic);
        json.GetProperty("partition").GetInt32().Should().Be(0);
        json.GetProperty("offset").GetInt64().Should().Be(2); // after the group's committed offsets 0 and 1
        json.GetProperty("key").GetString().Should().Be("ACC-8");
        json.GetProperty("type").GetString().Should().Be("ACCOUNT_UPDATED");
        json.GetProperty("eventId").GetGuid().Should().Be(third.Id);
        json.GetProperty("occurredAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 21, 9, 3, 0, TimeSpan.Zero));
        json.GetProperty("aggregateId").GetString().Should().Be("ACC-8");
        json.GetProperty("correlationId").GetString().Should().Be("corr-tail-3");
        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        var data = json.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).Should().Equal("event", "accountId", "changes");
        data.GetProperty("event").GetString().Should().Be("ACCOUNT_UPDATED");
        data.GetProperty("accountId").GetString().Should().Be("ACC-8");
        data.GetProperty("changes").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}").Should().Equal("balance=12.5");
        json.TryGetProperty("headers", out _).Should().BeFalse("a 0.9 broker keeps no headers");
    }

    private static async Task PublishAsync(KafkaOptions options, IReadOnlyList<OutboxMessage> batch)
    {
        using var transport = new KafkaEventTransport(Options.Create(options), NullLogger<KafkaEventTransport>.Instance);
        (await transport.PublishAsync(batch, CancellationToken.None)).Should().OnlyContain(o => o.Succeeded);
    }

    private static async Task<(int Printed, string[] Lines, string Errors)> TailAsync(params string[] args)
    {
        var tail = TailOptions.Parse(args);
        var kafka = EventTailer.Settings(tail, new ConfigurationBuilder().Build());
        using var output = new StringWriter();
        using var errors = new StringWriter();
        // Far above the second or two a tail takes here; only a hang reaches it (the test then fails on the count).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var printed = await EventTailer.RunAsync(tail, kafka, output, errors, timeout.Token);
        return (printed, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), errors.ToString());
    }
}
