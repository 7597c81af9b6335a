using BankOffice.Api.Tests.Receivables;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Events;

/// <summary>A host whose account.events stream is published to a renamed topic (<c>Kafka:Topics</c>).</summary>
public sealed class RenamedTopicApiFactory : ApiFactory
{
    public const string AccountTopic = "bank.account-events.v1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Kafka:Topics:" + EventStreams.AccountEvents] = AccountTopic,
    };
}

/// <summary>
/// GET /admin/outbox over a database that holds only the messages this test writes (one test in the
/// class, so the counts are exact).
/// </summary>
public sealed class OutboxAdminSummaryTests(RenamedTopicApiFactory factory) : IClassFixture<RenamedTopicApiFactory>
{
    [Fact]
    public async Task Summary_MessagesInEveryState_CountsThemPerStateAndStreamWithTheOldestPendingAndItsAge()
    {
        var t0 = OutboxAdminApi.Now();
        // Two pending receivables events; the older one (2 h) is the lag. The dead letter is older still
        // but is no longer waiting to be sent, so it does not count as lag.
        var limit = await factory.RecordAsync(EventTypes.CreditLimitChanged, "C-SUM-1", t0.AddHours(-2));
        await factory.RecordAsync(EventTypes.CollectionEscalated, "C-SUM-2", t0.AddHours(-1));
        var closed = await factory.RecordAsync(EventTypes.PeriodClosed, "2026-10", t0.AddHours(-3));
        var balance = await factory.RecordAsync(EventTypes.BalanceChanged, "ACC-SUM-1", t0.AddHours(-4));
        var updated = await factory.RecordAsync(EventTypes.AccountUpdated, "ACC-SUM-1", t0.AddMinutes(-30));
        await factory.MarkSentAsync(closed.Id, t0.AddMinutes(-170));
        await factory.MarkSentAsync(updated.Id, t0.AddMinutes(-29));
        await factory.DeadLetterAsync(balance.Id, "Broker: Unknown topic or partition");
        await WebhookDeliveriesAsync(closed, balance, updated, t0);
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);

        var summary = await admin.GetOkAsync<OutboxSummaryDto>(OutboxAdminApi.Outbox);

        summary.KafkaEnabled.Should().BeFalse("no Kafka:BootstrapServers in the test host");
        (summary.Pending, summary.Sent, summary.DeadLettered).Should().Be((2L, 2L, 1L));
        summary.OldestPendingAt.Should().Be(limit.OccurredAt);
        // 2 h = 7,200 s, plus the moments between recording and asking (well under a minute).
        summary.OldestPendingAgeSeconds.Should().BeInRange(7_200, 7_260);
        summary.LastPublishedAt.Should().Be(t0.AddMinutes(-29));
        (summary.WebhooksPending, summary.WebhooksFailed).Should().Be((1L, 1L), "the delivered one is neither");

        // Every catalogue stream, in the catalogue's order, idle ones too; topics as Kafka:Topics names them.
        summary.Streams.Should().Equal(
            new OutboxStreamDto(EventStreams.AccountEvents, RenamedTopicApiFactory.AccountTopic, 0, 0, 1, null),
            new OutboxStreamDto(EventStreams.AccountUpdates, EventStreams.AccountUpdates, 0, 1, 0, null),
            new OutboxStreamDto(EventStreams.Transactions, EventStreams.Transactions, 0, 0, 0, null),
            new OutboxStreamDto(EventStreams.Receivables, EventStreams.Receivables, 2, 0, 0, t0.AddHours(-2)),
            new OutboxStreamDto(EventStreams.Periods, EventStreams.Periods, 0, 1, 0, null));
    }

    /// <summary>
    /// One delivery in each state, to a subscription created after the messages occurred (so a running
    /// dispatcher adds none of its own), the pending one due only tomorrow (so it is not tried either).
    /// </summary>
    private Task WebhookDeliveriesAsync(OutboxMessage delivered, OutboxMessage failed, OutboxMessage pending, DateTimeOffset now) =>
        factory.WithDbAsync(async db =>
        {
            var subscription = new WebhookSubscription(Guid.NewGuid(), "http://127.0.0.1:9/hook", [EventTypes.PeriodClosed], "whsec_test", "summary test", "admin", now);
            db.WebhookSubscriptions.Add(subscription);
            var deliveries = new[] { delivered, failed, pending }
                .Select(m => new WebhookDelivery(Guid.NewGuid(), subscription.Id, m.Id, m.Sequence, m.Type, now))
                .ToList();
            db.WebhookDeliveries.AddRange(deliveries);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = {now} WHERE id = {deliveries[0].Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE webhook_deliveries SET status = 'FAILED', attempts = 8, last_status_code = 500 WHERE id = {deliveries[1].Id}");
            return await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE webhook_deliveries SET next_attempt_at = {now.AddDays(1)} WHERE id = {deliveries[2].Id}");
        });
}
