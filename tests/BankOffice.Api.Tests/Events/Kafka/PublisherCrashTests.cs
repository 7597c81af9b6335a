using System.Net;
using BankOffice.Api.Tests.Collections;
using BankOffice.Api.Tests.Periods;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>
/// The in-process host prepares data and reads the outbox, with no Kafka configured (its publisher
/// stays idle); the publishing is done by API processes that the tests kill the way a crash would.
/// </summary>
public sealed class CrashTestApiFactory : ClockedApiFactory, IAsyncLifetime
{
    public KafkaMockCluster Kafka { get; } = new();

    public TcpGate DeadBroker { get; } = new();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DeadBroker.DisposeAsync();
        Kafka.Dispose();
    }

    /// <summary>The API process's settings (environment variables) for a broker at <paramref name="bootstrapServers"/>.</summary>
    public static Dictionary<string, string> ProcessSettings(string bootstrapServers, params (string Key, string Value)[] extra)
    {
        var settings = KafkaTestSettings.For(bootstrapServers).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>
/// Killing the API loses no event. Two classes, so their API processes (whose start-up dominates)
/// run alongside each other.
/// </summary>
public abstract class PublisherCrashTestBase(CrashTestApiFactory factory, ITestOutputHelper output) : KafkaTestBase<CrashTestApiFactory>(factory)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Where the time goes (process start-ups dominate on a loaded machine).</summary>
    protected void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    protected Task<int> SentAsync(string[] keys) =>
        Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => keys.Contains(m.AggregateId) && m.Status == OutboxStatus.SENT));
}

/// <summary>Killed between commit and publish: the events wait in the outbox for the next instance.</summary>
public sealed class PublisherCrashBeforePublishTests(CrashTestApiFactory factory, ITestOutputHelper output) : PublisherCrashTestBase(factory, output)
{

    [Fact]
    public async Task ApiKilledWhileTheBrokerIsDown_TheNextInstancePublishesEveryCommittedEventInOrder()
    {
        var customerId = await CustomerWithAccountAsync(1_000_000m);
        var approvals = new List<string>();
        await using (var first = await ApiProcess.StartAsync(Factory.ConnectionString, CrashTestApiFactory.ProcessSettings(Factory.DeadBroker.Address)))
        {
            Step("first API up (broker down)");
            using var officer = await first.ClientForAsync(Staff.CreditOfficerEmail);
            // Eight decreases committed by this process: 990,000, 980,000, ... 920,000.
            for (var i = 1; i <= 8; i++)
            {
                using var response = await ChangeLimitAsync(officer, customerId, 1_000_000m - 10_000m * i);
                approvals.Add((await response.ReadAsync<CreditLimitResponse>(HttpStatusCode.OK)).ApprovalId);
            }

            // It has been trying (the first event has failed once), then it dies.
            await WaitForAsync(async () => (await OutboxOfAsync(customerId))[0].Attempts >= 1, () => first.Output);
            await first.KillAsync();
            Step("8 changes committed, first API killed");
        }

        var committed = await OutboxOfAsync(customerId);
        committed.Should().HaveCount(8).And.OnlyContain(m => m.Status == OutboxStatus.PENDING);

        await using var second = await ApiProcess.StartAsync(Factory.ConnectionString, CrashTestApiFactory.ProcessSettings(Factory.Kafka.BootstrapServers));
        Step("second API up (broker reachable)");
        await WaitUntilPublishedAsync(customerId);
        Step("all published");

        var records = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId);
        records.Select(r => r.EventId).Should().Equal(committed.Select(m => m.Id));
        records.Select(r => r.Data.GetProperty("approvalId").GetString()).Should().Equal(approvals);
    }
}

/// <summary>Killed while publishing: what Kafka acknowledged but the outbox did not record is sent again, with the same ids.</summary>
public sealed class PublisherCrashMidBurstTests(CrashTestApiFactory factory, ITestOutputHelper output) : PublisherCrashTestBase(factory, output)
{
    [Fact]
    public async Task ApiKilledInTheMiddleOfABurst_EveryEventArrives_RepeatsOnlyAsIdenticalCopiesAndFirstCopiesInOrder()
    {
        const int Keys = 30, PerKey = 100;
        var keys = Enumerable.Range(1, Keys).Select(i => $"BURST-{ApiFactory.Unique()}-{i}").ToArray();
        var recorded = await RecordAsync(Enumerable.Range(0, Keys * PerKey)
            .Select(i => (EventTypes.CreditLimitChanged, keys[i % Keys], (object)new { customerId = keys[i % Keys], n = i / Keys + 1 })).ToList());

        // Batches of 50 held 200 ms each by librdkafka's linger: about 250 events a second, so the burst
        // lasts some 12 s, long enough to die in (the publisher starts before the process reports healthy).
        var slow = CrashTestApiFactory.ProcessSettings(Factory.Kafka.BootstrapServers, ("Outbox__BatchSize", "50"), ("Kafka__Properties__linger.ms", "200"));
        Step($"{recorded.Count} events recorded");
        await using (var first = await ApiProcess.StartAsync(Factory.ConnectionString, slow))
        {
            Step("first API up");
            await WaitForAsync(async () => await SentAsync(keys) >= 300, () => first.Output);
            await first.KillAsync();
        }

        var sentBeforeCrash = await SentAsync(keys);
        Step($"first API killed with {sentBeforeCrash} SENT");
        sentBeforeCrash.Should().BeLessThan(Keys * PerKey, "the process died part-way through the burst");

        await using var second = await ApiProcess.StartAsync(Factory.ConnectionString, CrashTestApiFactory.ProcessSettings(Factory.Kafka.BootstrapServers));
        Step("second API up");
        await WaitUntilPublishedAsync(keys);
        Step("all published");

        var records = Factory.Kafka.ReadKeys(EventStreams.Receivables, keys);
        Step($"{records.Count} records read, {records.Count - recorded.Count} of them repeats");
        records.Select(r => r.EventId).Distinct().Order().Should().Equal(recorded.Select(m => m.Id).Order(), "no event is lost");
        foreach (var copies in records.GroupBy(r => r.EventId).Where(g => g.Count() > 1))
        {
            copies.Select(r => (r.Key, r.Value)).Distinct().Should().ContainSingle("a repeat is the same event id with the same key and value");
        }

        // A consumer that skips ids it has seen reads each key in commit order.
        foreach (var key in keys)
        {
            records.Where(r => r.Key == key).DistinctBy(r => r.EventId).Select(r => r.Data.GetProperty("n").GetInt32()).Should().Equal(Enumerable.Range(1, PerKey));
        }
    }
}
