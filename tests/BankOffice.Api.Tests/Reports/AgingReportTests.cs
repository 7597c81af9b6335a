using System.Net;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;
using BankOffice.Core.Security;

namespace BankOffice.Api.Tests.Reports;

/// <summary>
/// Today is 2027-03-10 (T); every invoice is NET30, so due 30 days after its date.
/// <code>
/// A (risk A)  A1 1,000 dated T-10 (due T+20)   A3 500 dated T-20 (due T+10)   A2 2,000 dated T-45 (due T-15)
/// B (risk B)  B1 3,000 dated T-80 (due T-50), 1,200 of it disputed today
///             B2 4,000 dated T-100 (due T-70), 1,500 paid on T-5 (oldest due first: all to B2)
/// C (risk C)  C1 5,000 dated T-130 (due T-100), credit note of 500 dated T-20
/// D (risk A)  D2 700 dated T-3 (due T+27)      D1 600 dated T-40 (due T-10), paid in full today
/// E (USD)     E1 9,999 dated T-5
/// </code>
/// </summary>
public sealed class AgingBook : ReportBook
{
    public string A { get; private set; } = default!;
    public string B { get; private set; } = default!;
    public string C { get; private set; } = default!;
    public string D { get; private set; } = default!;
    public string E { get; private set; } = default!;

    protected override async Task BuildAsync()
    {
        A = await CustomerAsync("Aging Anadolu", "A");
        await InvoiceAsync(A, 1_000m, Day(-10));
        await InvoiceAsync(A, 500m, Day(-20));
        await InvoiceAsync(A, 2_000m, Day(-45));

        // Newest first: an invoice over 60 days late would put the account on HOLD and refuse the next one.
        B = await CustomerAsync("Aging Bosphorus", "B");
        var b1 = await InvoiceAsync(B, 3_000m, Day(-80));
        await InvoiceAsync(B, 4_000m, Day(-100));
        await DisputeAsync(b1.InvoiceId, 1_200m);
        await PayAsync(B, 1_500m, Day(-5));

        C = await CustomerAsync("Aging Cappadocia", "C");
        var c1 = await InvoiceAsync(C, 5_000m, Day(-130));
        await CreditNoteAsync(C, c1.InvoiceId, 500m, Day(-20));

        D = await CustomerAsync("Aging Diyarbakir", "A");
        await InvoiceAsync(D, 700m, Day(-3));
        await InvoiceAsync(D, 600m, Day(-40));
        await PayAsync(D, 600m, Today);

        E = await CustomerAsync("Aging Euro-Dollar", "B", Currency.USD);
        await InvoiceAsync(E, 9_999m, Day(-5));
    }
}

public sealed class AgingReportTests(AgingBook book) : IClassFixture<AgingBook>
{
    [Fact]
    public async Task Aging_Today_BucketsPercentagesAndCountsOfTheTryBook()
    {
        var report = await book.ReportAsync<AgingReportDto>("aging");

        (report.ReportDate, report.Currency, report.GroupBy, report.IncludeDisputed).Should().Be((ReportBook.Today, Currency.TRY, AgingGroupBy.Customer, true));
        // Current: A1 1,000 + A3 500 + D2 700 = 2,200 (3 invoices); 1-30: A2 2,000 (15 days); 31-60: B1 3,000 (50 days);
        // 61-90: B2 4,000 - 1,500 = 2,500 (70 days); over 90: C1 5,000 - 500 = 4,500 (100 days); D1 is paid. Total 14,200.
        report.Summary.Should().Be(new AgingSummaryDto(14_200m, 2_200m, 12_000m, 1_200m));
        report.Aging.Should().Equal(
            new AgingBucketDto(AgingBucket.CURRENT, 2_200m, 15.49m, 3),       // 2,200 / 14,200 = 15.492 %
            new AgingBucketDto(AgingBucket.DAYS_1_30, 2_000m, 14.08m, 1),     // 14.084 %
            new AgingBucketDto(AgingBucket.DAYS_31_60, 3_000m, 21.13m, 1),    // 21.126 %
            new AgingBucketDto(AgingBucket.DAYS_61_90, 2_500m, 17.61m, 1),    // 17.605 %
            new AgingBucketDto(AgingBucket.OVER_90_DAYS, 4_500m, 31.69m, 1)); // 31.690 %
    }

    [Fact]
    public async Task Aging_ByCustomer_DetailsLargestFirstWithNamesAndDisputes()
    {
        var report = await book.ReportAsync<AgingReportDto>("aging?groupBy=customer");

        report.Details.Should().Equal(
            new AgingDetailDto(book.B, "Aging Bosphorus", 0m, 0m, 3_000m, 2_500m, 0m, 5_500m, 1_200m),
            new AgingDetailDto(book.C, "Aging Cappadocia", 0m, 0m, 0m, 0m, 4_500m, 4_500m, 0m),
            new AgingDetailDto(book.A, "Aging Anadolu", 1_500m, 2_000m, 0m, 0m, 0m, 3_500m, 0m),
            new AgingDetailDto(book.D, "Aging Diyarbakir", 700m, 0m, 0m, 0m, 0m, 700m, 0m));
    }

    [Fact]
    public async Task Aging_WithoutDisputed_MovesTheDisputedPartOutOfItsBucket()
    {
        var report = await book.ReportAsync<AgingReportDto>("aging?includeDisputed=false");

        report.IncludeDisputed.Should().BeFalse();
        // B1 shows 3,000 - 1,200 = 1,800 in 31-60; the total drops by 1,200 to 13,000 and the 1,200 is reported beside it.
        report.Summary.Should().Be(new AgingSummaryDto(13_000m, 2_200m, 10_800m, 1_200m));
        report.Aging.Single(b => b.Bucket == AgingBucket.DAYS_31_60).Should().Be(new AgingBucketDto(AgingBucket.DAYS_31_60, 1_800m, 13.85m, 1)); // 1,800 / 13,000 = 13.846 %
        report.Aging.Single(b => b.Bucket == AgingBucket.CURRENT).Percentage.Should().Be(16.92m); // 2,200 / 13,000 = 16.923 %
        report.Details.Single(d => d.Key == book.B).Should().Be(new AgingDetailDto(book.B, "Aging Bosphorus", 0m, 0m, 1_800m, 2_500m, 0m, 4_300m, 1_200m));
    }

    [Fact]
    public async Task Aging_AsOfAPastDate_LeavesOutLaterPaymentsInvoicesAndDisputes()
    {
        var report = await book.ReportAsync<AgingReportDto>($"aging?asOfDate={ReportBook.Today.AddDays(-7):yyyy-MM-dd}");

        report.ReportDate.Should().Be(new DateOnly(2027, 3, 3));
        // As of T-7: B's payment (T-5) and D1's (T) had not come, D2 (T-3) did not exist, B1's dispute (T) was not raised; C1's credit note (T-20) had.
        // Current A1 1,000 + A3 500 = 1,500; 1-30: A2 2,000 (8 days) + D1 600 (3 days); 31-60: B1 3,000 (43 days);
        // 61-90: B2 4,000 (63 days); over 90: C1 4,500 (93 days). Total 15,600.
        report.Summary.Should().Be(new AgingSummaryDto(15_600m, 1_500m, 14_100m, 0m));
        report.Aging.Select(b => (b.Bucket, b.Amount, b.Count)).Should().Equal(
            (AgingBucket.CURRENT, 1_500m, 2), (AgingBucket.DAYS_1_30, 2_600m, 2), (AgingBucket.DAYS_31_60, 3_000m, 1),
            (AgingBucket.DAYS_61_90, 4_000m, 1), (AgingBucket.OVER_90_DAYS, 4_500m, 1));
        report.Details.Single(d => d.Key == book.D).Should().Be(new AgingDetailDto(book.D, "Aging Diyarbakir", 0m, 600m, 0m, 0m, 0m, 600m, 0m));
    }

    [Fact]
    public async Task Aging_ByRiskCategory_AddsUpTheCustomersOfEachCategory()
    {
        var report = await book.ReportAsync<AgingReportDto>("aging?groupBy=riskCategory");

        report.GroupBy.Should().Be(AgingGroupBy.RiskCategory);
        // A = customers A (1,500 current, 2,000 in 1-30) and D (700 current); B = customer B; C = customer C.
        report.Details.Should().Equal(
            new AgingDetailDto("A", "Risk A", 2_200m, 2_000m, 0m, 0m, 0m, 4_200m, 0m),
            new AgingDetailDto("B", "Risk B", 0m, 0m, 3_000m, 2_500m, 0m, 5_500m, 1_200m),
            new AgingDetailDto("C", "Risk C", 0m, 0m, 0m, 0m, 4_500m, 4_500m, 0m));
        report.Summary.TotalAR.Should().Be(14_200m);
    }

    [Fact]
    public async Task Aging_OtherCurrency_OnlyThatCurrencysInvoicesInSeedShape()
    {
        using var response = await book.Staff.Collector.GetAsync("/api/v1/reports/aging?currency=usd");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.GetProperty("reportDate").GetString().Should().Be("2027-03-10");
        json.GetProperty("currency").GetString().Should().Be("USD");
        json.GetProperty("groupBy").GetString().Should().Be("customer");
        json.GetProperty("summary").GetProperty("totalAR").GetDecimal().Should().Be(9_999m);
        json.GetProperty("aging").EnumerateArray().Select(b => b.GetProperty("bucket").GetString()).Should()
            .Equal("CURRENT", "1_30_DAYS", "31_60_DAYS", "61_90_DAYS", "OVER_90_DAYS");
        var current = json.GetProperty("aging")[0];
        (current.GetProperty("amount").GetDecimal(), current.GetProperty("percentage").GetDecimal(), current.GetProperty("count").GetInt32()).Should().Be((9_999m, 100m, 1));
        var detail = json.GetProperty("details").EnumerateArray().Single();
        (detail.GetProperty("key").GetString(), detail.GetProperty("days1_30").GetDecimal(), detail.GetProperty("total").GetDecimal()).Should().Be((book.E, 0m, 9_999m));
    }

    [Theory]
    [InlineData("aging?groupBy=region")]
    [InlineData("aging?currency=XAU")]
    [InlineData("aging?includeDisputed=perhaps")]
    [InlineData("aging?asOfDate=2027-02-30")]
    [InlineData("aging?asOfDate=2027-03-11")] // tomorrow
    [InlineData("dso?period=WEEK")]
    [InlineData("dso?compareWith=LAST_MONTH")]
    [InlineData("dso?asOf=2027-03-11")]
    [InlineData("cash-flow?interval=hourly")]
    public async Task Report_BadParameter_Returns400ValidationError(string path)
    {
        await book.Staff.Teller.ShouldRefuseAsync(path, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Reports_Customer_Gets403EvenForTheirOwnBookAndStaffWithoutUserAdminGet403ForSystem()
    {
        using var customer = await book.Api.ClientForRoleAsync(Roles.Customer, book.A);

        foreach (var path in new[] { "aging", "dso", "cash-flow", "system" })
        {
            await customer.ShouldRefuseAsync(path, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        await book.Staff.Manager.ShouldRefuseAsync("system", HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await book.ReportAsync<AgingReportDto>("aging", book.Staff.CreditOfficer)).Summary.TotalAR.Should().Be(14_200m);
        using var anonymous = book.Api.CreateClient();
        await anonymous.ShouldRefuseAsync("aging", HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }
}
