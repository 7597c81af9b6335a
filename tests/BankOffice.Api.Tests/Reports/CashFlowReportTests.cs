using System.Net;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;

namespace BankOffice.Api.Tests.Reports;

/// <summary>
/// Today is Wednesday 2027-03-10 (T); invoices are NET30.
/// <code>
/// P  plain      P1 1,000 due T-10 (overdue)   P2 2,000 due T+10   P3 3,000 due T+25   P4 4,000 due T+30
/// Q  promise    Q1 5,000 due T-20 (overdue)   Q2 1,500 due T+15; promised 3,000 on T+5
/// R  plan       R1 6,000 due T-30; plan of 6,000: 1,000 down today, 2,500 on T+7, 2,500 on T+21; 1,500 paid after it was agreed
/// S  credit     S1 800 due T+10; 300 paid and left unallocated
/// </code>
/// Expected: P as invoiced (P1 in overdue, P4 after the range). Q: the promise's 3,000 on T+5 comes off Q1 (oldest due),
/// so 2,000 of Q1 stays overdue and Q2 1,500 is expected on T+15. R: the installments instead of R1: the 1,500 paid
/// covers the down payment and 500 of the first, so 2,000 on T+7 and 2,500 on T+21. S: 800 - 300 = 500 on T+10.
/// Overdue: P1 1,000 + Q1 2,000 = 3,000.
/// </summary>
public sealed class CashFlowBook : ReportBook
{
    protected override async Task BuildAsync()
    {
        var p = await CustomerAsync("Flow Plain");
        await InvoiceAsync(p, 4_000m, Today);
        await InvoiceAsync(p, 3_000m, Day(-5));
        await InvoiceAsync(p, 2_000m, Day(-20));
        await InvoiceAsync(p, 1_000m, Day(-40));

        var q = await CustomerAsync("Flow Promise");
        await InvoiceAsync(q, 1_500m, Day(-15));
        await InvoiceAsync(q, 5_000m, Day(-50));
        await PromiseAsync(q, 3_000m, Day(5));

        var r = await CustomerAsync("Flow Plan");
        await InvoiceAsync(r, 6_000m, Day(-60));
        await PlanAsync(r, 6_000m, 1_000m, (7, 2_500m), (21, 2_500m));
        await PayAsync(r, 1_500m, Today);

        var s = await CustomerAsync("Flow Credit");
        await InvoiceAsync(s, 800m, Day(-20));
        await PayAsync(s, 300m, Today, allocationType: "MANUAL");
    }
}

public sealed class CashFlowReportTests(CashFlowBook book) : IClassFixture<CashFlowBook>
{
    [Fact]
    public async Task CashFlow_Weekly_EachAmountOnceInItsCalendarWeek()
    {
        var report = await book.ReportAsync<CashFlowReportDto>("cash-flow?fromDate=2027-03-10&toDate=2027-04-06&interval=weekly");

        (report.From, report.To, report.Interval, report.Currency, report.AsOf).Should().Be((ReportBook.Today, new DateOnly(2027, 4, 6), CashFlowInterval.Weekly, Currency.TRY, ReportBook.Today));
        report.Overdue.Should().Be(3_000m);
        report.Buckets.Should().Equal(
            // Wed-Sun of this week: nothing falls due.
            new CashFlowBucketDto(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 14), 0m, 0m, 0m, 0m, 0m),
            // Promise 3,000 (Mon 15th), installment 2,000 (17th), P2 2,000 + S1 500 (Sat 20th).
            new CashFlowBucketDto(new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 21), 2_500m, 2_000m, 3_000m, 7_500m, 7_500m),
            // Q2 1,500 (25th).
            new CashFlowBucketDto(new DateOnly(2027, 3, 22), new DateOnly(2027, 3, 28), 1_500m, 0m, 0m, 1_500m, 9_000m),
            // Installment 2,500 (31st), P3 3,000 (Sun 4 April).
            new CashFlowBucketDto(new DateOnly(2027, 3, 29), new DateOnly(2027, 4, 4), 3_000m, 2_500m, 0m, 5_500m, 14_500m),
            // Mon-Tue, cut at toDate: P4 is due on the 9th, after the range.
            new CashFlowBucketDto(new DateOnly(2027, 4, 5), new DateOnly(2027, 4, 6), 0m, 0m, 0m, 0m, 14_500m));
    }

    [Fact]
    public async Task CashFlow_Monthly_CalendarMonthsCutToTheRange()
    {
        var report = await book.ReportAsync<CashFlowReportDto>("cash-flow?toDate=2027-04-06&interval=monthly");

        report.From.Should().Be(ReportBook.Today, "fromDate defaults to today");
        report.Buckets.Should().Equal(
            new CashFlowBucketDto(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 31), 4_000m, 4_500m, 3_000m, 11_500m, 11_500m),
            new CashFlowBucketDto(new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 6), 3_000m, 0m, 0m, 3_000m, 14_500m));
    }

    [Fact]
    public async Task CashFlow_PlanAndPromise_NeverCountTheSameMoneyTwice()
    {
        var report = await book.ReportAsync<CashFlowReportDto>("cash-flow?fromDate=2027-03-10&toDate=2027-04-30&interval=monthly");

        // Everything open is 10,000 (P) + 6,500 (Q) + 4,500 (R, after the 1,500) + 500 (S, after its 300 credit) = 21,500:
        // forecast in full, once. Counting R1 beside the plan, or Q1 beside the promise, would give 26,000 or 24,500.
        (report.Overdue + report.Buckets[^1].Cumulative).Should().Be(21_500m);
        report.Buckets.Sum(b => b.Installments).Should().Be(4_500m);
        report.Buckets.Sum(b => b.Promises).Should().Be(3_000m);
        report.Buckets[1].Should().Be(new CashFlowBucketDto(new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 30), 7_000m, 0m, 0m, 7_000m, 18_500m)); // P3 3,000 + P4 4,000
    }

    [Fact]
    public async Task CashFlow_Daily_ADayPerBucket()
    {
        var report = await book.ReportAsync<CashFlowReportDto>("cash-flow?fromDate=2027-03-15&toDate=2027-03-17&interval=daily");

        report.Buckets.Select(b => (b.Start, b.End, b.Total, b.Cumulative)).Should().Equal(
            (new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 15), 3_000m, 3_000m),
            (new DateOnly(2027, 3, 16), new DateOnly(2027, 3, 16), 0m, 3_000m),
            (new DateOnly(2027, 3, 17), new DateOnly(2027, 3, 17), 2_000m, 5_000m));
        report.Overdue.Should().Be(3_000m, "overdue does not depend on the range");
    }

    [Theory]
    [InlineData("cash-flow?fromDate=2027-03-10&toDate=2027-03-09")]      // toDate before fromDate
    [InlineData("cash-flow?fromDate=2027-03-10&toDate=2028-03-10")]      // 367 days
    [InlineData("cash-flow?currency=EURO")]
    [InlineData("cash-flow?fromDate=2027-13-01")]
    public async Task CashFlow_BadRange_Returns400ValidationError(string path)
    {
        await book.Staff.Teller.ShouldRefuseAsync(path, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task CashFlow_ALeapYearLong_IsAllowed()
    {
        // 2027-03-10 to 2028-03-09 is 366 days (2028 is a leap year): the longest range.
        var report = await book.ReportAsync<CashFlowReportDto>("cash-flow?fromDate=2027-03-10&toDate=2028-03-09&interval=daily");

        report.Buckets.Should().HaveCount(366);
        report.Buckets[^1].Cumulative.Should().Be(18_500m); // 21,500 less the 3,000 overdue
    }
}
