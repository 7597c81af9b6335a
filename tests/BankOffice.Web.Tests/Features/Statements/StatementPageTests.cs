using BankOffice.Core.Security;
using BankOffice.Web.Features.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Statements;

public sealed class StatementPageTests : StatementsTestBase
{
    [Fact]
    public void Preview_CustomerDefaults_ShowsThisMonthOfTheFirstAccountInFrameAndLinks()
    {
        SignInAsCustomer();
        var cut = Open<StatementPage>("/statements");
        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-target]").TextContent.Should().Contain(Own));

        cut.Find("[data-testid=statement-form]").Submit();

        // Today is 2026-11-20 (UTC): this month is 2026-11-01 to 2026-11-20, with the transactions.
        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-frame]"));
        const string range = "fromDate=2026-11-01&toDate=2026-11-20&includeDetails=true";
        cut.Find("[data-testid=statement-frame]").GetAttribute("src").Should().Be($"/files/accounts/{Own}/statement?format=html&{range}");
        cut.Find("[data-testid=statement-frame]").GetAttribute("sandbox").Should().BeEmpty("the statement's HTML gets no scripts, forms or same-origin access");
        cut.Find("[data-testid=statement-download-pdf]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=pdf&{range}");
        cut.Find("[data-testid=statement-download-excel]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=excel&{range}");
        cut.Find("[data-testid=statement-download-csv]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=csv&{range}");
        Statements.SummaryRequests.Should().Equal(new StatementRequest(Own, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20)));
        cut.Find("[data-testid=statement-closing]").TextContent.Should().Be("2,249.50 TRY");
        cut.Find("[data-testid=statement-lines]").TextContent.Should().Be("12");
    }

    [Fact]
    public void Preview_FromAfterTo_ShowsTheRangeMessageAndAsksNothing()
    {
        SignInAsCustomer();
        var cut = Open<StatementPage>($"/statements?account={Own}&from=2026-11-20&to=2026-11-01");
        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-target]").TextContent.Should().Contain(Own));

        cut.Find("[data-testid=statement-form]").Submit();

        Messages(cut).Should().Equal("The first day (2026-11-20) is after the last day (2026-11-01).");
        Statements.SummaryRequests.Should().BeEmpty();
        cut.FindAll("[data-testid=statement-frame]").Should().BeEmpty();
    }

    [Fact]
    public void Preview_RangeLongerThanMaxSpan_SaysHowLongItIsAndAsksNothing()
    {
        SignInAsCustomer();
        var cut = Open<StatementPage>($"/statements?account={Own}&from=2025-11-01&to=2026-11-20");
        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-target]").TextContent.Should().Contain(Own));

        cut.Find("[data-testid=statement-form]").Submit();

        // 2025-11-01 to 2026-11-01 is 365 days apart (no 29 February in between), 366 counting both ends; to the 20th: 366 + 19 = 385.
        Messages(cut).Should().Equal("A statement covers at most 366 days; 2025-11-01 to 2026-11-20 is 385 days. Choose a shorter range.");
        Statements.SummaryRequests.Should().BeEmpty();
    }

    [Fact]
    public void Preview_ExactlyMaxSpan_IsLinkedAndShownStraightAway()
    {
        SignInAsCustomer();

        // 2025-11-21 to 2026-11-20: 365 days apart, 366 counting both ends: the most one statement may cover.
        var cut = Open<StatementPage>($"/statements?account={Own}&from=2025-11-21&to=2026-11-20");

        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-frame]").GetAttribute("src").Should()
            .Be($"/files/accounts/{Own}/statement?format=html&fromDate=2025-11-21&toDate=2026-11-20&includeDetails=true"));
        Messages(cut).Should().BeEmpty();
    }

    [Fact]
    public void Preview_ApiRefusesTheRange_ShowsItsProblemReadably()
    {
        SignInAsCustomer();
        Statements.Errors.Enqueue(new ApiException(400, "STATEMENT_RANGE_TOO_LONG", "Request refused", "A statement covers at most 90 days; 2026-01-01 to 2026-11-20 is 324."));

        var cut = Open<StatementPage>($"/statements?account={Own}&from=2026-01-01&to=2026-11-20");

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should()
            .Be("The range is too long for one statement. A statement covers at most 90 days; 2026-01-01 to 2026-11-20 is 324."));
        cut.FindAll("[data-testid=statement-frame]").Should().BeEmpty();
    }

    [Fact]
    public void Targets_CustomerWithCreditAccount_OffersAccountsAndTheReceivablesStatement()
    {
        Receivables.Accounts.Add(FakeReceivablesClient.Account(Customer));
        SignInAsCustomer();
        var cut = Open<StatementPage>("/statements?customer=c000001&from=2026-10-01&to=2026-10-31");

        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-frame]").GetAttribute("src").Should()
            .Be("/files/accounts/C000001/statement?format=html&fromDate=2026-10-01&toDate=2026-10-31&includeDetails=true"));
        var options = cut.FindAll("[data-testid=statement-target] li").Select(li => li.TextContent.Trim()).ToList();
        options.Should().Equal($"{Own} · CHECKING · TRY", $"{OwnSavings} · SAVINGS · EUR", "Receivables statement (TRY credit account)");
    }

    [Fact]
    public void DeepLink_StaffWithAccountNumber_ChoosesItsHolderAndShowsIt()
    {
        SignInAs(Roles.Teller, "teller@bankoffice.local");

        var cut = Open<StatementPage>($"/statements?account={OwnSavings}");

        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-frame]").GetAttribute("src").Should()
            .Be($"/files/accounts/{OwnSavings}/statement?format=html&fromDate=2026-11-01&toDate=2026-11-20&includeDetails=true"));
        cut.Find("[data-testid=customer-picker]").TextContent.Should().Contain("Ada Lovelace (C000001)");
    }

    [Fact]
    public void Preview_MoreLinesThanAPdfTakes_OffersExcelAndCsvOnly()
    {
        Limits.MaxPdfLines = 20_000;
        Statements.Summary = FakeStatementsClient.SummaryOf(Own, lines: 20_001);
        SignInAsCustomer();

        var cut = Open<StatementPage>($"/statements?account={Own}");

        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-download-pdf-refusal]").TextContent.Should()
            .Be("20,001 transactions are too many for a PDF (at most 20,000); use Excel or CSV, or a shorter range."));
        cut.Find("[data-testid=statement-download-pdf]").HasAttribute("href").Should().BeFalse();
        cut.Find("[data-testid=statement-download-excel]").GetAttribute("href").Should().Contain("format=excel");
    }
}
