using System.Text.Json;
using BankOffice.Core.Collections;
using BankOffice.Web.Features.PaymentPlans;
using Bunit;

namespace BankOffice.Web.Tests.Components.Collections;

public sealed class PaymentPlanEditorTests : CollectionsTestBase
{
    public PaymentPlanEditorTests() => GivenCollectorWithCustomer();

    [Fact]
    public void SpreadEvenly_UnevenAmount_PutsRemainderCentsOnTheLastInstallment()
    {
        var lines = ScheduleBuilder.SpreadEvenly(1000m, 3, new DateOnly(2026, 1, 31));

        lines.Select(l => l.Amount).Should().Equal(333.33m, 333.33m, 333.34m);
        lines.Select(l => l.DueDate).Should().Equal(new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30));
    }

    [Fact]
    public void Editor_SpreadEvenlyClicked_FillsMonthlyRowsAfterTheDownPayment()
    {
        var cut = RenderEditor();

        SpreadEvenly(cut, "1000", "100", "4");

        cut.FindAll("[data-testid=row-amount]").Select(r => r.GetAttribute("value")).Should().Equal("225.00", "225.00", "225.00", "225.00");
        cut.FindAll("[data-testid=row-date]").Select(r => r.GetAttribute("value")).Should().Equal("2026-12-20", "2027-01-20", "2027-02-20", "2027-03-20");
        cut.Find("[data-testid=plan-difference]").TextContent.Should().Be("0.00 TRY");
        cut.FindAll("[data-testid=plan-problem]").Should().BeEmpty();
    }

    [Fact]
    public void Editor_ScheduleNotAddingUp_ShowsDifferenceAndDisablesSave()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=plan-save]").HasAttribute("disabled").Should().BeFalse("the prefilled plan spreads the overdue amount evenly");

        cut.FindAll("[data-testid=row-amount]")[1].Input("4000");

        cut.Find("[data-testid=plan-sum]").TextContent.Should().Be("12,333.34 TRY");
        cut.Find("[data-testid=plan-difference]").TextContent.Should().Be("166.66 TRY");
        cut.FindAll("[data-testid=plan-problem]").Select(p => p.TextContent).Should().Equal(
            "The down payment plus the installments come to 12333.34, not the total 12500.00 (difference 166.66).");
        cut.Find("[data-testid=plan-save]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Editor_RowsEditedUntilTheyAddUp_EnablesSaveAndPostsSeedBody()
    {
        var cut = RenderEditor();
        SpreadEvenly(cut, "1000", "200", "2");
        cut.FindAll("[data-testid=row-amount]")[0].Input("300");
        cut.Find("[data-testid=plan-save]").HasAttribute("disabled").Should().BeTrue();

        cut.FindAll("[data-testid=row-amount]")[1].Input("500");
        cut.Find("[data-testid=plan-save]").HasAttribute("disabled").Should().BeFalse();
        cut.Find("[data-testid=plan-form]").Submit();

        var body = JsonSerializer.Serialize(Collections.Posted.Should().ContainSingle().Which.Request, BankOffice.Web.Services.ApiJson.Options);
        body.Should().Be("""{"customerId":"C000003","totalAmount":1000,"downPayment":200,"installments":2,"startDate":"2026-11-20","schedule":[{"dueDate":"2026-12-20","amount":300},{"dueDate":"2027-01-20","amount":500}],"notes":null}""");
        Ctx.Navigation.Uri.Should().EndWith("/payment-plans/PP-2026-000042");
    }

    [Fact]
    public void Editor_RowsAddedRemovedAndStartInThePast_ListsEveryProblem()
    {
        var cut = RenderEditor();

        cut.Find("[data-testid=row-add]").Click();
        cut.Find("[data-testid=plan-installments]").GetAttribute("value").Should().Be("4");
        cut.FindAll("[data-testid=row-remove]")[3].Click();
        cut.FindAll("[data-testid=plan-row]").Should().HaveCount(3);
        cut.Find("[data-testid=plan-start]").Change("2026-11-01");

        cut.FindAll("[data-testid=plan-problem]").Select(p => p.TextContent).Should().Equal("The start date cannot be in the past.");
        cut.Find("[data-testid=plan-save]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Editor_ApiRefusesSchedule_ShowsEveryProblemReadably()
    {
        var problems = JsonSerializer.SerializeToElement(new[] { "Installment due dates are in increasing order, one per date." });
        Collections.Errors.Enqueue(new BankOffice.Web.Services.ApiException(400, CollectionsErrors.InvalidSchedule, "Invalid payment schedule", "Installment due dates are in increasing order, one per date.",
            details: new Dictionary<string, JsonElement> { ["problems"] = problems }));
        var cut = RenderEditor();

        cut.Find("[data-testid=plan-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should().Be(
            "The payment schedule was refused: Installment due dates are in increasing order, one per date."));
        Ctx.Navigation.Uri.Should().NotContain("/payment-plans/");
    }

    [Fact]
    public void NewPlanPage_Customer_PrefillsTheOverdueAmountSpreadOverThreeMonths()
    {
        var cut = Ctx.Render<PlanNew>(p => p.Add(c => c.CustomerId, "C000003"));

        cut.Find("[data-testid=plan-total]").GetAttribute("value").Should().Be("12500.00");
        cut.FindAll("[data-testid=row-amount]").Select(r => r.GetAttribute("value")).Should().Equal("4166.66", "4166.66", "4166.68");
        cut.Find("[data-testid=plan-customer-link]").GetAttribute("href").Should().Be("/collections/C000003");
    }

    private static void SpreadEvenly(IRenderedComponent<PlanEditor> cut, string total, string down, string installments)
    {
        cut.Find("[data-testid=plan-total]").Input(total);
        cut.Find("[data-testid=plan-down]").Input(down);
        cut.Find("[data-testid=plan-installments]").Input(installments);
        cut.Find("[data-testid=plan-spread]").Click();
    }

    private IRenderedComponent<PlanEditor> RenderEditor() => Ctx.Render<PlanEditor>(p => p
        .Add(c => c.CustomerId, "C000003")
        .Add(c => c.Currency, BankOffice.Core.Common.Currency.TRY)
        .Add(c => c.OverdueAmount, 12_500m));
}
