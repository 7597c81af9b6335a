using BankOffice.Core.Reports;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Reports;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace BankOffice.Web.Tests.Components.Reports;

/// <summary>The report screens over a fake client: figures as the API sends them, the options they ask with, and API errors shown readably.</summary>
public sealed class ReportsTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReportsClient reports = new();

    public ReportsTests()
    {
        ctx.Services.AddSingleton<IReportsClient>(reports);
        ctx.Services.AddSingleton<IJSRuntime>(new ChartJsRuntime());
        SignInAs(Roles.Manager);
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Aging_Loaded_ShowsSummaryBucketsAndDetailsForToday()
    {
        var cut = ctx.Render<AgingReport>();

        reports.AgingQueries.Should().Equal(new AgingReportQuery(null, AgingGroupBy.Customer, true, Core.Common.Currency.TRY));
        cut.Find("[data-testid=aging-total-value]").TextContent.Should().Be("14,200.00 TRY");
        cut.Find("[data-testid=aging-overdue-value]").TextContent.Should().Be("12,000.00 TRY");
        cut.Find("[data-testid=aging-disputed]").TextContent.Should().Contain("1,200.00 TRY").And.Contain("included in the buckets");
        Cells(cut, "bucket-DAYS_1_30").Should().Equal("1–30 days", "2,000.00 TRY", "14.08 %", "1");
        Cells(cut, "bucket-CURRENT").Should().Equal("Current", "2,200.00 TRY", "15.49 %", "3");
        Legend(cut, "aging-donut").Should().Equal("Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days");
        var details = cut.Find("[data-testid=aging-details]").TextContent;
        details.Should().Contain("Bosphorus Trading Ltd (C000007)").And.Contain("5,500.00 TRY").And.Contain("1,200.00 TRY");
        cut.Find("[data-testid=aging-detail-name]").GetAttribute("href").Should().Be("/receivables/C000007");
    }

    [Fact]
    public void Aging_DisputesSwitchedOff_AsksAgainWithoutThem()
    {
        var cut = ctx.Render<AgingReport>();
        reports.Aging = FakeReportsClient.AgingReport(includeDisputed: false);

        cut.Find("[data-testid=aging-include-disputed]").Click();

        reports.AgingQueries.Select(q => q.IncludeDisputed).Should().Equal(true, false);
        cut.Find("[data-testid=aging-disputed]").TextContent.Should().Contain("left out of the buckets");
    }

    [Fact]
    public void Aging_ApiRefuses_ShowsTheProblemInsteadOfFigures()
    {
        reports.Errors.Enqueue(new ApiException(400, "VALIDATION_ERROR", "Validation failed", "asOfDate (2027-03-11) is in the future; the aging shows what stood on a day up to today (2027-03-10)."));

        var cut = ctx.Render<AgingReport>();

        var alert = cut.Find("[data-testid=error-alert]").TextContent;
        alert.Should().Contain("Validation failed").And.Contain("asOfDate (2027-03-11) is in the future").And.Contain("VALIDATION_ERROR");
        cut.FindAll("[data-testid=aging-summary]").Should().BeEmpty();
    }

    [Fact]
    public void Dso_Rising_ShowsBothPeriodsAndAnUpArrow()
    {
        var cut = ctx.Render<DsoFigures>(p => p.Add(c => c.Report, FakeReportsClient.DsoReport(40.17m, 31m)));

        cut.Find("[data-testid=dso-current-value]").TextContent.Should().Be("40.17 days");
        cut.Find("[data-testid=dso-current]").TextContent.Should().Contain("2027-02-01 – 2027-02-28").And.Contain("16,500.00 TRY owed").And.Contain("11,500.00 TRY credit sales");
        cut.Find("[data-testid=dso-comparison-value]").TextContent.Should().Be("31.00 days");
        cut.Find("[data-testid=dso-change-value]").TextContent.Should().Be("+9.17 days");
        cut.Find("[data-testid=dso-change-arrow]").GetAttribute("data-direction").Should().Be("up");
    }

    [Fact]
    public void Dso_Falling_ShowsADownArrow()
    {
        var cut = ctx.Render<DsoFigures>(p => p.Add(c => c.Report, FakeReportsClient.DsoReport(25.5m, 31m)));

        cut.Find("[data-testid=dso-change-value]").TextContent.Should().Be("-5.50 days");
        cut.Find("[data-testid=dso-change-arrow]").GetAttribute("data-direction").Should().Be("down");
    }

    [Fact]
    public void Dso_NoSales_SaysSoAndShowsNoChange()
    {
        var cut = ctx.Render<DsoFigures>(p => p.Add(c => c.Report, FakeReportsClient.DsoReport(null, 31m)));

        cut.Find("[data-testid=dso-current-value]").TextContent.Should().Be("–");
        cut.Find("[data-testid=dso-no-sales]").TextContent.Should().Contain("No credit sales");
        cut.Find("[data-testid=dso-change-value]").TextContent.Should().Be("–");
        cut.FindAll("[data-testid=dso-change-arrow]").Should().BeEmpty();
    }

    [Fact]
    public void CashFlow_Loaded_ShowsOverdueExpectedAndEveryBucket()
    {
        var cut = ctx.Render<CashFlowReport>();

        reports.CashFlowQueries.Should().Equal(new CashFlowReportQuery(null, null, CashFlowInterval.Weekly, Core.Common.Currency.TRY));
        cut.Find("[data-testid=cash-flow-overdue-value]").TextContent.Should().Be("3,000.00 TRY");
        cut.Find("[data-testid=cash-flow-expected-value]").TextContent.Should().Be("14,500.00 TRY");
        cut.FindAll("[data-testid=bucket-range]").Select(c => c.TextContent).Should().Equal("2027-03-10 – 2027-03-14", "2027-03-15 – 2027-03-21", "2027-03-22 – 2027-04-06");
        cut.Find("[data-testid=cash-flow-buckets]").TextContent.Should().Contain("7,500.00 TRY").And.Contain("3,000.00 TRY");
        Legend(cut, "cash-flow-chart").Should().Equal("Invoices", "Installments", "Promises", "Cumulative");
        cut.Find("[data-testid=cash-flow-chart]").QuerySelectorAll(".rz-tick-text").Select(t => t.TextContent).Should().Contain(["2027-03-15", "15,000"]);
    }

    [Fact]
    public void CashFlow_RangeRefused_ShowsTheReason()
    {
        reports.Errors.Enqueue(new ApiException(400, "VALIDATION_ERROR", "Validation failed", "toDate (2027-03-09) is before fromDate (2027-03-10)."));

        var cut = ctx.Render<CashFlowReport>();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be("toDate (2027-03-09) is before fromDate (2027-03-10).");
        cut.FindAll("[data-testid=cash-flow-buckets]").Should().BeEmpty();
    }

    [Fact]
    public void System_Loaded_ShowsTablesAndVolumeTotals()
    {
        var cut = ctx.Render<SystemReport>();

        cut.Find("[data-testid=system-generated]").TextContent.Should().Contain("8 users");
        cut.Find("[data-testid=system-users]").TextContent.Should().Contain("Customer").And.Contain("Admin");
        cut.Find("[data-testid=system-accounts]").TextContent.Should().Contain("SUSPENDED");
        cut.Find("[data-testid=system-balances]").TextContent.Should().Contain("1,250.50 TRY").And.Contain("-500.00 TRY");
        // 2 + 4 entries, 400 + 1,850.50.
        Cells(cut, "volume-TRY").Should().Equal("TRY", "6", "2,250.50 TRY");
        Legend(cut, "system-volume-chart").Should().Equal("TRY");
    }

    [Theory]
    [InlineData(Roles.Customer, false, false)]
    [InlineData(Roles.Collector, true, false)]
    [InlineData(Roles.Admin, true, true)]
    public void Page_ByRole_StaffSeeTheReportsAndOnlyAdminsTheSystemReport(string role, bool reportsShown, bool systemShown)
    {
        SignInAs(role, role == Roles.Customer ? "C000001" : null);

        var cut = ctx.Render<ReportsPage>();

        cut.FindAll("[data-testid=report-tabs]").Should().HaveCount(reportsShown ? 1 : 0);
        cut.FindAll("[data-testid=access-denied]").Should().HaveCount(reportsShown ? 0 : 1);
        cut.FindAll("[data-testid=system-users]").Should().HaveCount(systemShown ? 1 : 0);
        reports.AgingQueries.Should().HaveCount(reportsShown ? 1 : 0, "a customer's screen never asks the API");
    }

    private void SignInAs(string role, string? customerId = null) => ctx.SignIn(role + " user", [role], RolePermissions.For(role), customerId);

    private static IReadOnlyList<string> Legend(IRenderedFragment cut, string chart) =>
        cut.Find($"[data-testid={chart}]").QuerySelectorAll(".rz-legend-item-text").Select(t => t.TextContent.Trim()).ToList();

    private static IReadOnlyList<string> Cells(IRenderedFragment cut, string row) =>
        cut.Find($"[data-testid={row}]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
}
