using BankOffice.Core.Common;
using BankOffice.Core.Reports;

namespace BankOffice.Api.Tests.Reports;

/// <summary>
/// Today is 2027-03-10, so the last complete month is February 2027 (28 days).
/// <code>
/// X  J1 10,000 on 2027-01-05, credit note 1,000 on 01-25, 9,000 paid on 02-05 (all to J1)
///    J2  5,000 on 2027-01-20, 3,000 paid on 03-05 (after February)
///    F1  8,000 on 2027-02-10, credit note 500 on 02-15
///    F2  4,000 on 2027-02-25
/// Y  2,000 on 2026-02-10, paid on 2026-12-01
/// </code>
/// January: sales 15,000 - 1,000 = 14,000; owed on 01-31: J1 9,000 + J2 5,000 = 14,000.
/// February: sales 12,000 - 500 = 11,500; owed on 02-28: J2 5,000 + F1 7,500 + F2 4,000 = 16,500.
/// February 2026: sales 2,000; owed on 2026-02-28: 2,000.
/// </summary>
public sealed class DsoBook : ReportBook
{
    protected override async Task BuildAsync()
    {
        var y = await CustomerAsync("Dso Yesteryear");
        await InvoiceAsync(y, 2_000m, new DateOnly(2026, 2, 10));
        await PayAsync(y, 2_000m, new DateOnly(2026, 12, 1));

        var x = await CustomerAsync("Dso Xanthos");
        var j1 = await InvoiceAsync(x, 10_000m, new DateOnly(2027, 1, 5));
        await InvoiceAsync(x, 5_000m, new DateOnly(2027, 1, 20));
        var f1 = await InvoiceAsync(x, 8_000m, new DateOnly(2027, 2, 10));
        await InvoiceAsync(x, 4_000m, new DateOnly(2027, 2, 25));
        await CreditNoteAsync(x, j1.InvoiceId, 1_000m, new DateOnly(2027, 1, 25));
        await CreditNoteAsync(x, f1.InvoiceId, 500m, new DateOnly(2027, 2, 15));
        await PayAsync(x, 9_000m, new DateOnly(2027, 2, 5));
        await PayAsync(x, 3_000m, new DateOnly(2027, 3, 5));
    }
}

public sealed class DsoReportTests(DsoBook book) : IClassFixture<DsoBook>
{
    [Fact]
    public async Task Dso_LastCompleteMonth_ComparedWithTheMonthBefore()
    {
        var report = await book.ReportAsync<DsoReportDto>("dso");

        (report.PeriodType, report.CompareWith, report.Currency, report.AsOf).Should().Be((DsoPeriod.MONTH, DsoComparison.PREVIOUS_PERIOD, Currency.TRY, ReportBook.Today));
        report.Period.Should().Be(new DsoRangeDto(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28), 28));
        (report.Receivables, report.CreditSales).Should().Be((16_500m, 11_500m));
        report.Dso.Should().Be(40.17m); // 16,500 / 11,500 × 28 = 40.174
        report.Comparison.Should().Be(new DsoFiguresDto(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 31, 14_000m, 14_000m, 31m)); // 14,000 / 14,000 × 31
        report.Change.Should().Be(9.17m); // 40.17 - 31.00
    }

    [Fact]
    public async Task Dso_ComparedWithPreviousYear_UsesTheSameMonthAYearEarlier()
    {
        var report = await book.ReportAsync<DsoReportDto>("dso?period=MONTH&compareWith=PREVIOUS_YEAR");

        report.Comparison.Should().Be(new DsoFiguresDto(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), 28, 2_000m, 2_000m, 28m)); // 2,000 / 2,000 × 28
        report.Change.Should().Be(12.17m); // 40.17 - 28.00
    }

    [Fact]
    public async Task Dso_AsOfTheLastDayOfAMonth_ThatMonthIsNotCompleteYet()
    {
        var report = await book.ReportAsync<DsoReportDto>("dso?asOf=2027-02-28");

        // February is still running on the 28th: January is measured, against December 2026 (no sales, nothing owed: Y had paid).
        report.Period.Should().Be(new DsoRangeDto(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 31));
        (report.Receivables, report.CreditSales, report.Dso).Should().Be((14_000m, 14_000m, 31m));
        report.Comparison.Should().Be(new DsoFiguresDto(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), 31, 0m, 0m, null));
        report.Change.Should().BeNull();
    }

    [Fact]
    public async Task Dso_QuarterWithoutSales_IsNullNotADivisionByZero()
    {
        var report = await book.ReportAsync<DsoReportDto>("dso?period=quarter");

        // Q4 2026 had no invoices; Y's 2,000 was paid on 2026-12-01, so nothing was owed on 12-31 either. Q3 2026: Y's invoice was still owed.
        report.Period.Should().Be(new DsoRangeDto(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), 92));
        (report.Receivables, report.CreditSales, report.Dso, report.Change).Should().Be((0m, 0m, (decimal?)null, (decimal?)null));
        report.Comparison.Should().Be(new DsoFiguresDto(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), 92, 2_000m, 0m, null));
    }
}
