using BankOffice.Core.Collections;
using BankOffice.Web.Features.Collections;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Collections;

public sealed class CollectionsCustomerTests : CollectionsTestBase
{
    public CollectionsCustomerTests() => GivenCollectorWithCustomer();

    [Fact]
    public void Page_Customer_ShowsSummaryTimelineNewestFirstAndPlanLink()
    {
        var cut = RenderPage();

        cut.Find("[data-testid=summary-overdue]").TextContent.Should().Be("12,500.00 TRY");
        cut.Find("[data-testid=summary-disputed]").TextContent.Should().Be("500.00 TRY");
        cut.Find("[data-testid=summary-days]").TextContent.Should().Be("40 (31–45 days)");
        cut.Find("[data-testid=case-status]").TextContent.Should().Be("IN_PROGRESS");
        cut.Find("[data-testid=case-assigned]").TextContent.Should().Be("nobody");
        cut.FindAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-kind")).Should().Equal("PROMISE_BROKEN", "ACTIVITY");
        cut.Find("[data-testid=case-new-plan]").GetAttribute("href").Should().Be("/collections/C000003/plans/new");
        cut.FindAll("[data-testid=case-claim]").Should().HaveCount(1);
    }

    [Fact]
    public void Page_CustomerWithActivePlan_LinksThePlanInsteadOfOfferingANewOne()
    {
        Collections.Customers["C000003"] = FakeCollectionsClient.Customer(assignedTo: "me", plan: FakeCollectionsClient.Plan());

        var cut = RenderPage();

        cut.Find("[data-testid=case-plan-link]").GetAttribute("href").Should().Be("/payment-plans/PP-2026-000001");
        cut.FindAll("[data-testid=case-new-plan]").Should().BeEmpty();
        cut.FindAll("[data-testid=case-claim]").Should().BeEmpty();
    }

    [Fact]
    public void ActivityForm_PromiseFields_AppearOnlyForPromiseToPay()
    {
        var cut = RenderForm();
        cut.FindAll("[data-testid=activity-promise-date]").Should().BeEmpty();

        cut.Find("[data-testid=activity-outcome]").Change("PROMISE_TO_PAY");
        cut.FindAll("[data-testid=activity-promise-date]").Should().HaveCount(1);
        cut.FindAll("[data-testid=activity-promise-amount]").Should().HaveCount(1);

        cut.Find("[data-testid=activity-outcome]").Change("NO_ANSWER");
        cut.FindAll("[data-testid=activity-promise-date]").Should().BeEmpty();
        cut.FindAll("[data-testid=activity-promise-amount]").Should().BeEmpty();
    }

    [Fact]
    public void ActivityForm_PromiseWithoutDateOrAmount_ShowsRequiredAndDoesNotPost()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=activity-outcome]").Change("PROMISE_TO_PAY");

        cut.Find("[data-testid=activity-form]").Submit();

        cut.Find("[data-testid=promise-date-error]").TextContent.Should().Be("Please enter the date the customer promised to pay.");
        cut.Find("[data-testid=promise-amount-error]").TextContent.Should().Be("Please enter the amount.");
        cut.Find("[data-testid=activity-promise-date]").Change(FakeCollectionsClient.Today.AddDays(-1).ToString("yyyy-MM-dd"));
        cut.Find("[data-testid=activity-form]").Submit();
        cut.Find("[data-testid=promise-date-error]").TextContent.Should().Be("The promise date cannot be in the past.");
        Collections.Posted.Should().BeEmpty();
    }

    [Fact]
    public void Page_LogPromise_PostsSeedBodyAndShowsPromisedAfterRefresh()
    {
        var cut = RenderPage();
        cut.Find("[data-testid=case-log-activity]").Click();

        cut.Find("[data-testid=activity-contact]").Change("Ayse Yilmaz");
        cut.Find("[data-testid=activity-outcome]").Change("PROMISE_TO_PAY");
        cut.Find("[data-testid=activity-promise-date]").Change("2026-11-30");
        cut.Find("[data-testid=activity-promise-amount]").Change("2500,50");
        cut.Find("[data-testid=activity-next-action]").Change("FOLLOW_UP");
        cut.Find("[data-testid=activity-next-date]").Change("2026-12-01");
        cut.Find("[data-testid=activity-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=case-status]").TextContent.Should().Be("PROMISED"));
        cut.FindAll("[data-testid=activity-form]").Should().BeEmpty();
        Collections.Posted.Should().ContainSingle().Which.Request.Should().BeEquivalentTo(new CollectionActivityRequest
        {
            CustomerId = "C000003", ActivityType = ActivityType.PHONE_CALL, ContactPerson = "Ayse Yilmaz", Outcome = ActivityOutcome.PROMISE_TO_PAY,
            PromiseDate = new DateOnly(2026, 11, 30), PromiseAmount = 2500.50m, NextAction = NextAction.FOLLOW_UP, NextActionDate = new DateOnly(2026, 12, 1),
        });
    }

    [Fact]
    public void Escalate_AlreadyEscalated_ShowsTheConflictInTheDialog()
    {
        var dialogs = RenderDialogHost();
        var cut = RenderPage();
        Collections.Errors.Enqueue(Problem(409, CollectionsErrors.AlreadyEscalated, "The case of C000003 is already escalated to LEGAL."));

        cut.Find("[data-testid=case-escalate]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=escalate-level]"));
        dialogs.Find("[data-testid=escalate-level]").Change("MANAGER");
        dialogs.Find("[data-testid=escalate-reason]").Change("Refuses to pay after three calls");
        dialogs.Find("[data-testid=escalate-form]").Submit();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-message]").TextContent.Should().Be("The case of C000003 is already escalated to LEGAL."));
        var request = Collections.Posted.Should().ContainSingle().Which.Request.Should().BeOfType<EscalationRequest>().Subject;
        (request.EscalationLevel, request.Reason).Should().Be((EscalationLevel.MANAGER, "Refuses to pay after three calls"));
    }

    private IRenderedComponent<CollectionsCustomer> RenderPage() => Ctx.Render<CollectionsCustomer>(p => p.Add(c => c.CustomerId, "C000003"));

    private IRenderedComponent<ActivityForm> RenderForm() => Ctx.Render<ActivityForm>(p => p.Add(c => c.CustomerId, "C000003"));
}
