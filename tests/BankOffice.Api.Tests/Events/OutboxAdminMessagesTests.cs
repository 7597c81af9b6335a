using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Events.OutboxAdminApi;

namespace BankOffice.Api.Tests.Events;

/// <summary>
/// The outbox messages list, one message, replaying a dead letter, and who may use the admin API. Each
/// test works on keys of its own, as the tests of the class share one database.
/// </summary>
public sealed class OutboxAdminMessagesTests(ApiFactory factory) : OutboxAdminTestBase(factory)
{
    [Fact]
    public async Task ListMessages_ACreditLimitChange_ShowsItsEventPendingWithTopicKeyAndPayload()
    {
        using var officer = await Factory.ClientForRoleAsync(Roles.CreditOfficer);
        var customerId = await Factory.CreateCustomerAsync();
        await ReceivablesApi.OpenAccountAsync(officer, customerId, 50_000m, "NET30").CreatedAsync<BankOffice.Core.Receivables.CreditAccountDto>();
        using (var change = await Credit.CreditApi.ChangeLimitAsync(officer, customerId, 80_000m, reason: "Seasonal stock"))
        {
            change.StatusCode.Should().Be(HttpStatusCode.OK, await change.Content.ReadAsStringAsync());
        }

        var page = await Admin.ListAsync($"aggregateId={customerId}");

        var message = page.Data.Should().ContainSingle().Subject;
        (message.Type, message.Stream, message.Topic, message.AggregateType, message.Status, message.Attempts, message.PublishedAt)
            .Should().Be((EventTypes.CreditLimitChanged, EventStreams.Receivables, EventStreams.Receivables, "customer", OutboxStatus.PENDING, 0, (DateTimeOffset?)null));
        var data = System.Text.Json.JsonDocument.Parse(message.Payload).RootElement;
        (data.GetProperty("customerId").GetString(), data.GetProperty("oldLimit").GetDecimal(), data.GetProperty("newLimit").GetDecimal()).Should().Be((customerId, 50_000m, 80_000m));
        (await Admin.GetOkAsync<OutboxMessageDto>($"{Messages}/{message.EventId}")).Should().BeEquivalentTo(message);
    }

    [Fact]
    public async Task ListMessages_Filters_ByStateTypeKeyAndOccurredRangeNewestFirst()
    {
        var key = "C-F-" + ApiFactory.Unique();
        var t0 = Now();
        var oldest = await Factory.RecordAsync(EventTypes.CreditLimitChanged, key, t0.AddHours(-3));
        var middle = await Factory.RecordAsync(EventTypes.CollectionEscalated, key, t0.AddHours(-2));
        var newest = await Factory.RecordAsync(EventTypes.CreditLimitChanged, key, t0.AddHours(-1));
        await Factory.DeadLetterAsync(oldest.Id, "Local: Message timed out");

        var all = await Admin.ListAsync($"aggregateId={key}");
        var byType = await Admin.ListAsync($"aggregateId={key}&type={EventTypes.CreditLimitChanged}");
        var dead = await Admin.ListAsync($"aggregateId={key}&status=DEAD_LETTER");
        // [from, to): from 2.5 h ago up to exactly the newest one's time, which is left out.
        var range = await Admin.ListAsync($"aggregateId={key}&from={Iso(t0.AddMinutes(-150))}&to={Iso(t0.AddHours(-1))}");
        var paged = await Admin.ListAsync($"aggregateId={key}&page=2&size=2");

        all.Data.Select(m => m.EventId).Should().Equal(newest.Id, middle.Id, oldest.Id);
        byType.Data.Select(m => m.EventId).Should().Equal(newest.Id, oldest.Id);
        var letter = dead.Data.Should().ContainSingle().Subject;
        (letter.EventId, letter.Status, letter.Attempts, letter.LastError).Should().Be((oldest.Id, OutboxStatus.DEAD_LETTER, 10, "Local: Message timed out"));
        range.Data.Select(m => m.EventId).Should().Equal(middle.Id);
        // Three messages, two a page: the second page holds the oldest one.
        paged.Data.Select(m => m.EventId).Should().Equal(oldest.Id);
        paged.Pagination.Should().Be(new Pagination(2, 2, 3, 2));
    }

    [Fact]
    public async Task GetMessage_UnknownEventId_Returns404EventNotFound()
    {
        using var response = await Admin.GetAsync($"{Messages}/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, EventErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task Replay_DeadLetteredMessage_IsPendingAgainWithTheSameIdZeroTriesAndItsLastErrorKept()
    {
        var message = await Factory.RecordAsync(EventTypes.CollectionEscalated, "C-R-" + ApiFactory.Unique(), Now().AddDays(-1));
        await Factory.DeadLetterAsync(message.Id, "Broker: Leader not available");
        var before = Now();

        using var response = await Admin.PostAsync($"{Messages}/{message.Id}/replay", null);

        var replayed = await response.ReadAsync<OutboxMessageDto>(HttpStatusCode.OK);
        (replayed.EventId, replayed.Status, replayed.Attempts, replayed.LastError).Should().Be((message.Id, OutboxStatus.PENDING, 0, "Broker: Leader not available"));
        var stored = await Factory.StoredAsync(message.Id);
        (stored.Status, stored.Attempts, stored.Sequence).Should().Be((OutboxStatus.PENDING, 0, message.Sequence));
        stored.NextAttemptAt.Should().BeOnOrAfter(before, "it is due at once, not after the backoff of its last try");

        // Now pending: a second replay is refused rather than resetting it again.
        using var again = await Admin.PostAsync($"{Messages}/{message.Id}/replay", null);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, EventErrorCodes.NotDeadLettered);
    }

    [Fact]
    public async Task Replay_SentMessage_Returns409NotDeadLetteredAndLeavesItSent()
    {
        var message = await Factory.RecordAsync(EventTypes.CreditLimitChanged, "C-S-" + ApiFactory.Unique(), Now().AddHours(-1));
        var publishedAt = Now().AddMinutes(-59);
        await Factory.MarkSentAsync(message.Id, publishedAt);

        using var response = await Admin.PostAsync($"{Messages}/{message.Id}/replay", null);
        using var unknown = await Admin.PostAsync($"{Messages}/{Guid.NewGuid()}/replay", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, EventErrorCodes.NotDeadLettered);
        problem.GetProperty("detail").GetString().Should().Contain("is SENT");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, EventErrorCodes.EventNotFound);
        var stored = await Factory.StoredAsync(message.Id);
        (stored.Status, stored.PublishedAt).Should().Be((OutboxStatus.SENT, (DateTimeOffset?)publishedAt));
    }

    [Fact]
    public async Task OutboxAdmin_TellerAndManager_Get403AndAnonymousGets401()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        using var manager = await Factory.ClientForRoleAsync(Roles.Manager);
        using var anonymous = Factory.CreateClient();
        var range = new OutboxReplayRequest(Now().AddDays(-1), Now(), null, null);

        foreach (var client in new[] { teller, manager })
        {
            using var summary = await client.GetAsync(Outbox);
            using var list = await client.GetAsync(Messages);
            using var replayOne = await client.PostAsync($"{Messages}/{Guid.NewGuid()}/replay", null);
            using var replayRange = await client.PostAsJsonAsync(Replay, range, ApiFactory.Json);
            await summary.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await replayOne.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await replayRange.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        using var anonymousSummary = await anonymous.GetAsync(Outbox);
        using var anonymousReplay = await anonymous.PostAsJsonAsync(Replay, range, ApiFactory.Json);
        await anonymousSummary.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await anonymousReplay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Catalogue_AnyStaffMember_ListsEveryEventTypeWithItsTopicButNotForCustomers()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (_, customer) = await Factory.CustomerClientAsync();

        var catalogue = await teller.GetOkAsync<List<EventTypeDto>>(Catalogue);
        using var refused = await customer.GetAsync(Catalogue);

        catalogue.Select(t => t.Type).Should().Equal(EventCatalogue.All.Select(d => d.Type));
        catalogue.Should().HaveCount(11);
        catalogue.Single(t => t.Type == EventTypes.BalanceChanged).Should().Be(
            new EventTypeDto(EventTypes.BalanceChanged, EventStreams.AccountEvents, EventStreams.AccountEvents, 1, "A posting changed an account's balance (one per account line)."));
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        customer.Dispose();
    }
}
