using BankOffice.Core.Common;
using BankOffice.Core.Reports;

namespace BankOffice.Core.Tests.Reports;

public sealed class ReportRulesTests
{
    [Theory]
    [InlineData(DsoPeriod.MONTH, "2026-11-21", "2026-10-01", "2026-10-31")]
    [InlineData(DsoPeriod.MONTH, "2026-11-01", "2026-10-01", "2026-10-31")] // October ended the day before
    [InlineData(DsoPeriod.MONTH, "2026-10-31", "2026-09-01", "2026-09-30")] // October is still running
    [InlineData(DsoPeriod.MONTH, "2027-01-15", "2026-12-01", "2026-12-31")]
    [InlineData(DsoPeriod.QUARTER, "2026-11-21", "2026-07-01", "2026-09-30")]
    [InlineData(DsoPeriod.QUARTER, "2026-01-01", "2025-10-01", "2025-12-31")]
    [InlineData(DsoPeriod.YEAR, "2026-11-21", "2025-01-01", "2025-12-31")]
    public void LastComplete_AsOfADay_IsThePeriodBeforeTheOneItFallsIn(DsoPeriod period, string asOf, string from, string to)
    {
        ReportCalendar.LastComplete(period, DateOnly.Parse(asOf)).Should().Be((DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Theory]
    [InlineData(DsoPeriod.MONTH, DsoComparison.PREVIOUS_PERIOD, "2024-03-01", "2024-02-01", "2024-02-29")] // leap February
    [InlineData(DsoPeriod.MONTH, DsoComparison.PREVIOUS_YEAR, "2025-02-01", "2024-02-01", "2024-02-29")]
    [InlineData(DsoPeriod.QUARTER, DsoComparison.PREVIOUS_PERIOD, "2026-01-01", "2025-10-01", "2025-12-31")]
    [InlineData(DsoPeriod.QUARTER, DsoComparison.PREVIOUS_YEAR, "2026-07-01", "2025-07-01", "2025-09-30")]
    [InlineData(DsoPeriod.YEAR, DsoComparison.PREVIOUS_YEAR, "2025-01-01", "2024-01-01", "2024-12-31")]
    public void Comparison_OfAPeriod_IsThePeriodBeforeOrTheSameOneAYearEarlier(DsoPeriod period, DsoComparison compareWith, string start, string from, string to)
    {
        ReportCalendar.Comparison(period, compareWith, DateOnly.Parse(start)).Should().Be((DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void Buckets_WeeklyFromAWednesday_CalendarWeeksCutToTheRange()
    {
        // 2027-03-10 is a Wednesday, 2027-03-30 a Tuesday.
        ReportCalendar.Buckets(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 30), CashFlowInterval.Weekly).Should().Equal(
            (new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 14)),
            (new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 21)),
            (new DateOnly(2027, 3, 22), new DateOnly(2027, 3, 28)),
            (new DateOnly(2027, 3, 29), new DateOnly(2027, 3, 30)));
    }

    [Fact]
    public void Buckets_MonthlyAndDaily_CoverEveryDayOnce()
    {
        ReportCalendar.Buckets(new DateOnly(2028, 1, 31), new DateOnly(2028, 3, 1), CashFlowInterval.Monthly).Should().Equal(
            (new DateOnly(2028, 1, 31), new DateOnly(2028, 1, 31)),
            (new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)),
            (new DateOnly(2028, 3, 1), new DateOnly(2028, 3, 1)));
        ReportCalendar.Buckets(new DateOnly(2028, 2, 28), new DateOnly(2028, 3, 1), CashFlowInterval.Daily).Select(b => b.Start).Should()
            .Equal(new DateOnly(2028, 2, 28), new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 1));
    }

    [Theory]
    [InlineData(16_500, 11_500, 28, 40.17)] // 40.1739
    [InlineData(1, 3, 30, 10.00)]
    [InlineData(2, 3, 1, 0.67)]              // 0.6667
    public void Dso_WithSales_IsReceivablesOverSalesTimesDaysTo2Decimals(decimal receivables, decimal sales, int days, decimal expected)
    {
        ReportCalendar.Dso(receivables, sales, days).Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-250)] // credit notes above the period's invoices
    public void Dso_WithoutSales_IsNull(decimal sales)
    {
        ReportCalendar.Dso(1_000m, sales, 31).Should().BeNull();
    }

    [Fact]
    public void Parse_WireNamesInAnyCase_AndAnythingElseIsAValidationError()
    {
        ReportOptions.Parse<AgingGroupBy>("riskcategory", "groupBy", AgingGroupBy.Customer).Should().Be(AgingGroupBy.RiskCategory);
        ReportOptions.Parse<CashFlowInterval>(null, "interval", CashFlowInterval.Weekly).Should().Be(CashFlowInterval.Weekly);
        ReportOptions.Parse<Currency>("usd", "currency", Currency.TRY).Should().Be(Currency.USD);

        var number = () => ReportOptions.Parse<DsoPeriod>("1", "period", DsoPeriod.MONTH);
        var unknown = () => ReportOptions.Parse<AgingGroupBy>("region", "groupBy", AgingGroupBy.Customer);

        number.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
        unknown.Should().Throw<DomainException>().WithMessage("groupBy is one of: customer, riskCategory; 'region' is not.");
    }

    [Fact]
    public void CheckCashFlowRange_UpTo366DaysInOrder_OtherwiseAValidationError()
    {
        var leapYear = () => ReportCalendar.CheckCashFlowRange(new DateOnly(2027, 3, 10), new DateOnly(2028, 3, 9));
        var tooLong = () => ReportCalendar.CheckCashFlowRange(new DateOnly(2027, 3, 10), new DateOnly(2028, 3, 10));
        var backwards = () => ReportCalendar.CheckCashFlowRange(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 9));

        leapYear.Should().NotThrow();
        tooLong.Should().Throw<DomainException>().Which.Message.Should().Contain("367");
        backwards.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
    }
}
