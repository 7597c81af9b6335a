using BankOffice.Core.Events;
using BankOffice.Web.Features.Events;
using Bunit;

namespace BankOffice.Web.Tests.Features.Events;

public sealed class EventsPageTests : EventsTestBase
{
    // Long enough that no refresh comes in the middle of a test that does not wait for one.
    private static readonly TimeSpan NoRefresh = TimeSpan.FromHours(1);

    [Fact]
    public void Open_Summary_ShowsTheLagCountsPerStateAndStreamAndThatKafkaIsOff()
    {
        // 7,260 s = 2 h 1 min since the oldest unsent event occurred.
        Events.Summary = FakeEventsClient.SummaryOf(pending: 1_234, sent: 98_765, dead: 2, ageSeconds: 7_260) with
        {
            WebhooksPending = 3,
            WebhooksFailed = 1,
            Streams = [new OutboxStreamDto(EventStreams.AccountEvents, "bank.account-events.v1", 1_200, 98_000, 2, FakeEventsClient.Now.AddSeconds(-7_260))],
        };

        var cut = Render();

        cut.Find("[data-testid=outbox-lag-value]").TextContent.Should().Be("2 h 01 min");
        cut.Find("[data-testid=outbox-pending-value]").TextContent.Should().Be("1,234");
        cut.Find("[data-testid=outbox-dead-value]").TextContent.Should().Be("2");
        cut.Find("[data-testid=outbox-sent-value]").TextContent.Should().Be("98,765");
        cut.Find("[data-testid=outbox-webhooks-value]").TextContent.Should().Be("3 pending");
        cut.Find("[data-testid=outbox-webhooks-failed]").TextContent.Should().Be("1 failed");
        cut.Find("[data-testid=outbox-kafka-disabled]").TextContent.Should().Contain("Kafka is not configured");
        var row = cut.Find($"[data-testid='stream-row-{EventStreams.AccountEvents}']");
        row.QuerySelector("[data-testid=stream-topic]")!.TextContent.Should().Be("bank.account-events.v1");
        row.QuerySelector("[data-testid=stream-pending]")!.TextContent.Should().Be("1,200");
        row.QuerySelector("[data-testid=stream-dead]")!.TextContent.Should().Be("2");
    }

    [Fact]
    public void Open_DeadLetters_AreListedFirstWithTheirErrorAndAReplayButton()
    {
        Events.Messages.Add(FakeEventsClient.Message(OutboxStatus.DEAD_LETTER, attempts: 10, error: "Broker: Leader not available"));
        Events.Messages.Add(FakeEventsClient.Message(OutboxStatus.SENT, id: Guid.NewGuid()));

        var cut = Render();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=message-row-]").Should().ContainSingle());
        Events.Queries[0].Status.Should().Be(OutboxStatus.DEAD_LETTER);
        cut.Find("[data-testid=message-status]").TextContent.Should().Be("DEAD_LETTER");
        cut.Find("[data-testid=message-attempts]").TextContent.Should().Be("10");
        cut.Find("[data-testid=message-error]").TextContent.Should().Be("Broker: Leader not available");
        cut.FindAll("[data-testid=message-replay]").Should().ContainSingle();
    }

    [Fact]
    public void Replay_DeadLetter_ReplaysItAndReadsTheListAndTheCountsAgain()
    {
        Events.Messages.Add(FakeEventsClient.Message(OutboxStatus.DEAD_LETTER, attempts: 10, error: "Local: Message timed out"));
        var cut = Render();
        cut.WaitForAssertion(() => cut.Find("[data-testid=message-replay]"));
        var summaries = Events.SummaryCalls;

        cut.Find("[data-testid=message-replay]").Click();

        cut.WaitForAssertion(() => Events.Replays.Should().Equal(FakeEventsClient.DeadId));
        // Pending again, it has left the dead letters; the page counts again.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=message-row-]").Should().BeEmpty());
        Events.SummaryCalls.Should().Be(summaries + 1);
        cut.FindAll("[data-testid=error-alert]").Should().BeEmpty();
    }

    [Fact]
    public void Replay_AlreadyReplayedElsewhere_SaysSoReadably()
    {
        Events.Messages.Add(FakeEventsClient.Message(OutboxStatus.DEAD_LETTER, attempts: 10, error: "Local: Message timed out"));
        var cut = Render();
        cut.WaitForAssertion(() => cut.Find("[data-testid=message-replay]"));
        Events.Errors.Enqueue(Problem(409, EventErrorCodes.NotDeadLettered, "Event 0193a000-... is PENDING."));

        cut.Find("[data-testid=message-replay]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should()
            .Be("This message is no longer dead-lettered: it was replayed or sent meanwhile. The list shows its current state."));
    }

    [Fact]
    public void Open_RefusedByTheApi_ExplainsWhoMayUseThePage()
    {
        Events.Errors.Enqueue(Problem(403, "FORBIDDEN", "You do not have permission to do this."));

        var cut = Render();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be("Only administrators (events.manage) may see and replay events and manage webhooks.");
    }

    [Fact]
    public void AutoRefresh_WhileOpen_ShowsNewCountsWithoutAClick()
    {
        Events.Summary = FakeEventsClient.SummaryOf(pending: 5, sent: 0, dead: 0, ageSeconds: 30);
        var cut = Render(TimeSpan.FromMilliseconds(50));
        cut.Find("[data-testid=outbox-pending-value]").TextContent.Should().Be("5");

        Events.Summary = FakeEventsClient.SummaryOf(pending: 0, sent: 5, dead: 0);

        cut.WaitForAssertion(() => cut.Find("[data-testid=outbox-pending-value]").TextContent.Should().Be("0"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=outbox-sent-value]").TextContent.Should().Be("5");
        cut.Find("[data-testid=outbox-lag-value]").TextContent.Should().Be("–");
    }

    [Fact]
    public void ReplayRange_ReviewedAndConfirmed_SendsTheRangeTypesAndStates()
    {
        Events.Replayed = 17;
        var cut = Render();

        cut.Find("[data-testid=replay-from]").Change("2026-11-19T08:00:00");
        cut.Find("[data-testid=replay-to]").Change("2026-11-19T20:30:00");
        cut.Find("[data-testid=replay-sent]").Click();
        cut.Find($"[data-testid='replay-type-{EventTypes.PaymentReceived}']").Click();
        cut.Find($"[data-testid='replay-type-{EventTypes.BalanceChanged}']").Click();
        cut.Find("[data-testid=replay-form]").Submit();

        // Nothing is sent before the confirmation, which repeats the range; types in catalogue order.
        Events.RangeReplays.Should().BeEmpty();
        cut.Find("[data-testid=replay-confirm-text]").TextContent.Should().Be(
            "Replay every DEAD_LETTER message of BALANCE_CHANGED, payment.received that occurred from 2026-11-19 08:00:00 up to 2026-11-19 20:30:00 UTC? " +
            "They go out to Kafka again, in their original order per key.");
        cut.Find("[data-testid=replay-submit]").Click();

        cut.WaitForAssertion(() => Events.RangeReplays.Should().ContainSingle());
        var request = Events.RangeReplays[0];
        (request.From, request.To).Should().Be((new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 19, 20, 30, 0, TimeSpan.Zero)));
        request.Types.Should().Equal(EventTypes.BalanceChanged, EventTypes.PaymentReceived);
        request.Statuses.Should().Equal(OutboxStatus.DEAD_LETTER);
        cut.WaitForAssertion(() => cut.Find("[data-testid=replay-form]"));
    }

    [Fact]
    public void ReplayRange_LongerThan31DaysOrNoState_RefusedBeforeSending()
    {
        var cut = Render();

        cut.Find("[data-testid=replay-from]").Change("2026-10-01T00:00:00");
        cut.Find("[data-testid=replay-to]").Change("2026-11-01T00:00:01");
        cut.Find("[data-testid=replay-sent]").Click();
        cut.Find("[data-testid=replay-dead]").Click();
        cut.Find("[data-testid=replay-form]").Submit();

        // October has 31 days: one second more than the API allows.
        Messages(cut).Should().BeEquivalentTo("A replay covers at most 31 days; split a longer range.", "Choose at least one state to replay.");
        cut.FindAll("[data-testid=replay-confirm]").Should().BeEmpty();
        Events.RangeReplays.Should().BeEmpty();
    }

    [Fact]
    public void ReplayRange_RefusedByTheApi_ShowsItsReason()
    {
        var cut = Render();
        cut.WaitForAssertion(() => Events.Queries.Should().NotBeEmpty());
        Events.Errors.Enqueue(Problem(400, EventErrorCodes.InvalidReplayRange, "A replay covers at most 31 days; split a longer range."));

        cut.Find("[data-testid=replay-form]").Submit();
        cut.Find("[data-testid=replay-submit]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=replay-range] [data-testid=error-message]").TextContent.Should()
            .Be("The bank refused this range: A replay covers at most 31 days; split a longer range."));
    }

    private IRenderedComponent<EventsPage> Render(TimeSpan? refreshEvery = null) =>
        Ctx.Render<EventsPage>(p => p.Add(c => c.RefreshEvery, refreshEvery ?? NoRefresh));
}
