using System.Net;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>
/// The API's broker sits behind a <see cref="TcpGate"/> that hangs up on every connection until the
/// test opens it. Retries wait 0.2 s after the first failure, doubling up to 0.8 s; a broker send
/// times out after 1 s; 50 attempts before a dead letter (never reached here).
/// </summary>
public sealed class GatedKafkaApiFactory : KafkaApiFactory
{
    public TcpGate Gate { get; } = new();

    protected override string BootstrapServers => Gate.Address;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Outbox:BaseBackoff"] = "00:00:00.200";
            settings["Outbox:MaxBackoff"] = "00:00:00.800";
            settings["Outbox:MaxAttempts"] = "50";
            return settings;
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

/// <summary>With the broker down the API keeps working and the events wait, retried with backoff; once it is back they all go out, in order.</summary>
public sealed class BrokerOutageTests(GatedKafkaApiFactory factory) : KafkaTestBase<GatedKafkaApiFactory>(factory)
{
    [Fact]
    public async Task BrokerDown_CommandsSucceedAndEventsWaitWithGrowingBackoff_ThenAllGoOutInOrderOnceItIsBack()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);

        // Three decreases, each applied at once: 500,000 → 400,000 → 300,000 → 200,000.
        var approvals = new List<string>();
        foreach (var limit in new[] { 400_000m, 300_000m, 200_000m })
        {
            using var response = await ChangeLimitAsync(Staff.CreditOfficer, customerId, limit);
            approvals.Add((await response.ReadAsync<CreditLimitResponse>(HttpStatusCode.OK)).ApprovalId);
        }

        // Watch the first event through three failed rounds, keeping each distinct state seen.
        var seen = new List<OutboxMessage>();
        await WaitForAsync(async () =>
        {
            var first = (await OutboxOfAsync(customerId))[0];
            if (seen.Count == 0 || seen[^1].Attempts != first.Attempts)
            {
                seen.Add(first);
            }

            return first.Attempts >= 3;
        }, () => string.Join("; ", seen.Select(m => $"x{m.Attempts} {m.NextAttemptAt:O} {m.LastError}")));

        var waiting = await OutboxOfAsync(customerId);
        // The later two may have joined the first one's rounds one round late: each tried at least once.
        waiting.Should().HaveCount(3).And.OnlyContain(m => m.Status == OutboxStatus.PENDING && m.Attempts >= 1 && m.PublishedAt == null);
        waiting.Should().OnlyContain(m => m.LastError!.Contains("MsgTimedOut"), "librdkafka gave up on each send after Kafka:MessageTimeout");
        seen[^1].LastError.Should().Contain("MsgTimedOut");
        // Attempt n fails no earlier than the previous retry time and then waits BackoffAfter(n):
        // 0.2 s after the 1st failure, 0.4 s after the 2nd, 0.8 s after the 3rd.
        var options = new OutboxOptions { BaseBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromMilliseconds(800) };
        var states = seen.Where(m => m.Attempts is >= 1 and <= 3).ToList();
        states.Should().NotBeEmpty();
        foreach (var (earlier, later) in states.Zip(states.Skip(1)))
        {
            (later.NextAttemptAt - earlier.NextAttemptAt).Should().BeGreaterThanOrEqualTo(options.BackoffAfter(later.Attempts),
                $"retry {later.Attempts} waits its own backoff after a failure that came after retry {earlier.Attempts} was due");
        }

        Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId).Should().BeEmpty();

        Factory.Gate.Open(Factory.Kafka.BootstrapServers);

        var sent = await WaitUntilPublishedAsync(customerId);
        sent.Should().OnlyContain(m => m.Status == OutboxStatus.SENT && m.LastError == null && m.PublishedAt != null);
        var records = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId);
        records.Select(r => r.EventId).Should().Equal(waiting.Select(m => m.Id), "each once, in the order they were committed");
        records.Select(r => (r.Data.GetProperty("approvalId").GetString(), r.Data.GetProperty("newLimit").GetDecimal()))
            .Should().Equal((approvals[0], 400_000m), (approvals[1], 300_000m), (approvals[2], 200_000m));
    }
}

/// <summary>A broker that never answers (a port nobody listens on) and two attempts before a dead letter.</summary>
public sealed class UnreachableKafkaApiFactory : KafkaApiFactory
{
    public TcpGate NeverOpened { get; } = new();

    protected override string BootstrapServers => NeverOpened.Address;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Outbox:BaseBackoff"] = "00:00:00.100";
            settings["Outbox:MaxAttempts"] = "2";
            return settings;
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await NeverOpened.DisposeAsync();
    }
}

public sealed class DeadLetterTests(UnreachableKafkaApiFactory factory) : KafkaTestBase<UnreachableKafkaApiFactory>(factory)
{
    [Fact]
    public async Task BrokerNeverReachable_AfterMaxAttemptsTheEventIsDeadLetteredWithItsError()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        using var response = await ChangeLimitAsync(Staff.CreditOfficer, customerId, 90_000m);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        await WaitForAsync(async () => (await OutboxOfAsync(customerId)).Single().Status != OutboxStatus.PENDING, () => "still PENDING");

        var message = (await OutboxOfAsync(customerId)).Single();
        (message.Type, message.Status, message.Attempts, message.PublishedAt).Should().Be((EventTypes.CreditLimitChanged, OutboxStatus.DEAD_LETTER, 2, (DateTimeOffset?)null));
        message.LastError.Should().Contain("MsgTimedOut");

        // A later event of another key goes the same way, over two more failed rounds; the dead letter is not tried again meanwhile.
        var otherId = await CustomerWithAccountAsync(100_000m);
        using (var second = await ChangeLimitAsync(Staff.CreditOfficer, otherId, 80_000m))
        {
            second.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await WaitForAsync(async () => (await OutboxOfAsync(otherId)).Single().Status == OutboxStatus.DEAD_LETTER, () => "the second event is not dead-lettered");
        var later = (await OutboxOfAsync(customerId)).Single();
        (later.Status, later.Attempts, later.NextAttemptAt, later.LastError).Should().Be((message.Status, message.Attempts, message.NextAttemptAt, message.LastError),
            "a dead letter is not tried again; it waits for an admin to replay it");
    }
}
