using BankOffice.Core.Collections;
using BankOffice.Core.Security;
using BankOffice.Web.Features.PaymentPlans;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Collections;

public sealed class PaymentPlanPagesTests : CollectionsTestBase
{
    public PaymentPlanPagesTests()
    {
        Collections.Plans.Add(FakeCollectionsClient.Plan());
    }

    [Fact]
    public void PlanList_Customer_SeesOwnPlansWithoutCustomerFilter()
    {
        SignInAs(Roles.Customer, "C000003");

        var cut = Ctx.Render<PlanList>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-link]").GetAttribute("href").Should().Be("/payment-plans/PP-2026-000001"));
        cut.FindAll("[data-testid=filter-customer]").Should().BeEmpty();
        cut.FindAll("[data-testid=plan-customer]").Should().BeEmpty();
        Collections.PlanQueries.Should().AllSatisfy(q => q.CustomerId.Should().BeNull());
    }

    [Fact]
    public void PlanList_StaffFilters_PassCustomerAndStatusToTheClient()
    {
        SignInAs(Roles.Collector);
        var cut = Ctx.Render<PlanList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-customer]").TextContent.Should().Be("Acme Ltd (C000003)"));

        cut.Find("[data-testid=filter-customer]").Change(" c000003 ");
        cut.Find("[data-testid=filter-status]").Change("BREACHED");

        cut.WaitForAssertion(() => Collections.PlanQueries[^1].Should().Be(("C000003", (PlanStatus?)PlanStatus.BREACHED)));
    }

    [Fact]
    public void PlanDetails_ActivePlan_ShowsTotalsAndInstallmentStatuses()
    {
        SignInAs(Roles.Collector);

        var cut = Ctx.Render<PlanDetails>(p => p.Add(c => c.Id, "PP-2026-000001"));

        cut.Find("[data-testid=plan-paid]").TextContent.Should().Be("400.00 TRY");
        cut.Find("[data-testid=plan-remaining]").TextContent.Should().Be("600.00 TRY");
        cut.FindAll("[data-testid=installment-status]").Select(b => b.TextContent).Should().Equal("PAID", "PARTIAL", "PENDING");
        cut.FindAll("[data-testid=plan-installment]")[0].TextContent.Should().StartWith("Down payment");
        cut.FindAll("[data-testid=plan-cancel]").Should().HaveCount(1);
    }

    [Fact]
    public void PlanDetails_Customer_CannotCancel()
    {
        SignInAs(Roles.Customer, "C000003");

        var cut = Ctx.Render<PlanDetails>(p => p.Add(c => c.Id, "PP-2026-000001"));

        cut.Find("[data-testid=plan-status]").TextContent.Should().Be("ACTIVE");
        cut.FindAll("[data-testid=plan-cancel]").Should().BeEmpty();
    }

    [Fact]
    public void PlanDetails_CancelWithReason_PostsReasonAndShowsCancelled()
    {
        SignInAs(Roles.Manager);
        var dialogs = RenderDialogHost();
        var cut = Ctx.Render<PlanDetails>(p => p.Add(c => c.Id, "PP-2026-000001"));

        cut.Find("[data-testid=plan-cancel]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=reason-input]"));
        dialogs.Find("[data-testid=reason-input]").Change("Customer agreed a settlement");
        dialogs.Find("[data-testid=reason-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-status]").TextContent.Should().Be("CANCELLED"));
        cut.FindAll("[data-testid=plan-cancel]").Should().BeEmpty();
        var (action, id, request) = Collections.Posted.Should().ContainSingle().Subject;
        (action, id).Should().Be(("cancel", Collections.Plans[0].PlanId.ToString()));
        request.Should().BeOfType<CancelPlanRequest>().Which.Reason.Should().Be("Customer agreed a settlement");
    }
}
