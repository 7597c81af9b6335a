using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Events.OutboxAdminApi;

namespace BankOffice.Api.Tests.Events;

/// <summary>
/// POST /admin/outbox/replay: every message of a time range goes out again with its event id. Each test
/// records its messages in a month of 2021 of its own, as a range replay covers the whole outbox.
/// </summary>
public sealed class OutboxAdminReplayRangeTests(ApiFactory factory) : OutboxAdminTestBase(factory)
{
    [Fact]
    public async Task ReplayRange_SentAndDeadLetteredInTheRange_BackToPendingWithTheirEventIds()
    {
        var from = new DateTimeOffset(2021, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(9);
        var atStart = await SentAsync(EventTypes.CreditLimitChanged, "C-1", from);
        var dead = await Factory.RecordAsync(EventTypes.BalanceChanged, "ACC-1", from.AddDays(2));
        await Factory.DeadLetterAsync(dead.Id, "Broker: Message size too large");
        var pending = await Factory.RecordAsync(EventTypes.AccountUpdated, "ACC-1", from.AddDays(3));
        var closed = await SentAsync(EventTypes.PeriodClosed, "2021-04", from.AddDays(4));
        var atEnd = await SentAsync(EventTypes.CreditLimitChanged, "C-1", to);
        var before = await SentAsync(EventTypes.CreditLimitChanged, "C-1", from.AddSeconds(-1));
        var count = await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync());

        using var response = await Admin.PostAsJsonAsync(Replay, new OutboxReplayRequest(from, to, null, null), ApiFactory.Json);

        // In [from, to): the sent one at the start, the dead letter and the period close (3); the pending
        // one already waits, and the ones at `to` and a second before `from` are outside.
        (await response.ReadAsync<OutboxReplayResult>(HttpStatusCode.OK)).Replayed.Should().Be(3);
        foreach (var id in new[] { atStart, dead.Id, closed })
        {
            var stored = await Factory.StoredAsync(id);
            (stored.Status, stored.Attempts).Should().Be((OutboxStatus.PENDING, 0));
        }

        (await Factory.StoredAsync(pending.Id)).Status.Should().Be(OutboxStatus.PENDING);
        (await Factory.StoredAsync(atEnd)).Status.Should().Be(OutboxStatus.SENT);
        (await Factory.StoredAsync(before)).Status.Should().Be(OutboxStatus.SENT);
        (await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync())).Should().Be(count, "a replay re-sends the same messages, it copies none");
    }

    [Fact]
    public async Task ReplayRange_OnlyGivenTypesAndStates_LeavesTheOthersAsTheyWere()
    {
        var from = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var deadLimit = await Factory.RecordAsync(EventTypes.CreditLimitChanged, "C-2", from.AddHours(1));
        await Factory.DeadLetterAsync(deadLimit.Id, "Local: Broker transport failure");
        var sentLimit = await SentAsync(EventTypes.CreditLimitChanged, "C-2", from.AddHours(2));
        var deadEscalation = await Factory.RecordAsync(EventTypes.CollectionEscalated, "C-2", from.AddHours(3));
        await Factory.DeadLetterAsync(deadEscalation.Id, "Local: Broker transport failure");

        using var response = await Admin.PostAsJsonAsync(Replay,
            new OutboxReplayRequest(from, from.AddDays(1), [EventTypes.CreditLimitChanged], [OutboxStatus.DEAD_LETTER]), ApiFactory.Json);

        (await response.ReadAsync<OutboxReplayResult>(HttpStatusCode.OK)).Replayed.Should().Be(1);
        (await Factory.StoredAsync(deadLimit.Id)).Status.Should().Be(OutboxStatus.PENDING);
        (await Factory.StoredAsync(sentLimit)).Status.Should().Be(OutboxStatus.SENT);
        (await Factory.StoredAsync(deadEscalation.Id)).Status.Should().Be(OutboxStatus.DEAD_LETTER);
    }

    [Fact]
    public async Task ReplayRange_MissingReversedOrLongerThan31Days_Returns400InvalidReplayRangeAndReplaysNothing()
    {
        var from = new DateTimeOffset(2021, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var sent = await SentAsync(EventTypes.CreditLimitChanged, "C-3", from.AddDays(1));

        // 31 days is the longest range; one second more is refused.
        foreach (var request in new OutboxReplayRequest[]
                 {
                     new(null, from.AddDays(2), null, null),
                     new(from, null, null, null),
                     new(from, from, null, null),
                     new(from.AddDays(2), from, null, null),
                     new(from, from.AddDays(31).AddSeconds(1), null, null),
                 })
        {
            using var response = await Admin.PostAsJsonAsync(Replay, request, ApiFactory.Json);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.InvalidReplayRange);
        }

        (await Factory.StoredAsync(sent)).Status.Should().Be(OutboxStatus.SENT);
        using var longest = await Admin.PostAsJsonAsync(Replay, new OutboxReplayRequest(from, from.AddDays(31), null, null), ApiFactory.Json);
        (await longest.ReadAsync<OutboxReplayResult>(HttpStatusCode.OK)).Replayed.Should().Be(1);
    }

    [Fact]
    public async Task ReplayRange_UnknownTypeOrPendingState_Returns400()
    {
        var from = new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero);

        using var unknownType = await Admin.PostAsJsonAsync(Replay, new OutboxReplayRequest(from, from.AddDays(1), ["account.opened"], null), ApiFactory.Json);
        using var pending = await Admin.PostAsJsonAsync(Replay, new OutboxReplayRequest(from, from.AddDays(1), null, [OutboxStatus.PENDING]), ApiFactory.Json);

        await unknownType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.UnknownEventType);
        await pending.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    private async Task<Guid> SentAsync(string type, string aggregateId, DateTimeOffset occurredAt)
    {
        var message = await Factory.RecordAsync(type, aggregateId, occurredAt);
        await Factory.MarkSentAsync(message.Id, occurredAt.AddSeconds(1));
        return message.Id;
    }
}
