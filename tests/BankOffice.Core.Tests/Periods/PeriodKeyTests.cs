using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class PeriodKeyTests
{
    // ---- Parse ----

    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("2026-12", 2026, 12)]
    [InlineData("2000-01", 2000, 1)] // first year accepted
    [InlineData("2999-12", 2999, 12)] // last year accepted
    public void Parse_YearDashTwoDigitMonth_IsThatMonth(string value, int year, int month) =>
        PeriodKey.Parse(value).Should().Be(new PeriodKey(year, month));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-1")] // month not padded
    [InlineData("2026-010")]
    [InlineData("2026/10")]
    [InlineData("202610 ")]
    [InlineData("2026-00")] // one below January
    [InlineData("2026-13")] // one above December
    [InlineData("1999-12")] // one year before the first accepted
    [InlineData("3000-01")] // one year after the last accepted
    [InlineData("+026-10")] // no sign
    [InlineData(" 026-10")] // no whitespace
    [InlineData("2026--1")]
    [InlineData("2026-1x")]
    [InlineData("26-10-1")]
    public void Parse_AnythingElse_IsRefusedAsValidationError(string? value)
    {
        var refusal = FluentActions.Invoking(() => PeriodKey.Parse(value)).Should().Throw<DomainException>().Which;

        refusal.Kind.Should().Be(DomainErrorKind.Validation);
        refusal.Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Theory]
    [InlineData(2026, 3, "2026-03")]
    [InlineData(2026, 10, "2026-10")]
    [InlineData(2000, 1, "2000-01")]
    public void ToString_PadsMonthToTwoDigits_AndParsesBack(int year, int month, string expected)
    {
        var key = new PeriodKey(year, month);

        key.ToString().Should().Be(expected);
        PeriodKey.Parse(key.ToString()).Should().Be(key);
    }

    // ---- Start, End, Days ----

    [Theory]
    [InlineData(2026, 1, "2026-01-31", 31)]
    [InlineData(2026, 4, "2026-04-30", 30)]
    [InlineData(2026, 12, "2026-12-31", 31)]
    [InlineData(2026, 2, "2026-02-28", 28)] // not a leap year
    [InlineData(2024, 2, "2024-02-29", 29)] // divisible by 4
    [InlineData(2000, 2, "2000-02-29", 29)] // divisible by 400: leap
    [InlineData(2100, 2, "2100-02-28", 28)] // divisible by 100 but not 400: not leap
    public void StartEndDays_CalendarMonth_FirstToLastDayInclusive(int year, int month, string end, int days)
    {
        var key = new PeriodKey(year, month);

        key.Start.Should().Be(new DateOnly(year, month, 1));
        key.End.Should().Be(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        key.Days.Should().Be(days);
    }

    [Fact]
    public void Of_AnyDayOfTheMonth_IsThatMonth()
    {
        PeriodKey.Of(new DateOnly(2026, 10, 1)).Should().Be(new PeriodKey(2026, 10));
        PeriodKey.Of(new DateOnly(2026, 10, 31)).Should().Be(new PeriodKey(2026, 10));
        PeriodKey.Of(new DateOnly(2026, 11, 1)).Should().Be(new PeriodKey(2026, 11));
    }

    [Theory]
    [InlineData("2026-02-01", true)] // first day
    [InlineData("2026-02-28", true)] // last day
    [InlineData("2026-01-31", false)] // day before the first
    [InlineData("2026-03-01", false)] // day after the last
    public void Contains_FirstAndLastDayIn_NeighboursOut(string date, bool expected) =>
        new PeriodKey(2026, 2).Contains(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    // ---- Next, Previous ----

    [Theory]
    [InlineData(2026, 10, 2026, 11)]
    [InlineData(2026, 12, 2027, 1)] // across the year end
    [InlineData(2024, 1, 2024, 2)]
    public void Next_IsTheFollowingMonth(int year, int month, int nextYear, int nextMonth) =>
        new PeriodKey(year, month).Next.Should().Be(new PeriodKey(nextYear, nextMonth));

    [Theory]
    [InlineData(2026, 11, 2026, 10)]
    [InlineData(2027, 1, 2026, 12)] // across the year end
    [InlineData(2024, 3, 2024, 2)]
    public void Previous_IsTheMonthBefore(int year, int month, int previousYear, int previousMonth) =>
        new PeriodKey(year, month).Previous.Should().Be(new PeriodKey(previousYear, previousMonth));

    // ---- Ordering ----

    [Fact]
    public void CompareTo_YearFirstThenMonth()
    {
        var december = new PeriodKey(2026, 12);
        var january = new PeriodKey(2027, 1);

        // A later year wins over a larger month.
        (december < january).Should().BeTrue();
        (january > december).Should().BeTrue();
        (december > january).Should().BeFalse();
        (january < december).Should().BeFalse();
        december.CompareTo(january).Should().BeNegative();
        january.CompareTo(december).Should().BePositive();
        new PeriodKey(2026, 3).CompareTo(new PeriodKey(2026, 4)).Should().BeNegative();
    }

    [Fact]
    public void CompareTo_SameMonth_IsEqualAndBothInclusiveOperatorsHold()
    {
        var a = new PeriodKey(2026, 10);
        var b = PeriodKey.Parse("2026-10");

        a.CompareTo(b).Should().Be(0);
        (a <= b).Should().BeTrue();
        (a >= b).Should().BeTrue();
        (a < b).Should().BeFalse();
        (a > b).Should().BeFalse();
    }

    [Fact]
    public void InclusiveOperators_NeighbouringMonths_HoldOnlyOneWay()
    {
        var october = new PeriodKey(2026, 10);
        var november = october.Next;

        (october <= november).Should().BeTrue();
        (november <= october).Should().BeFalse();
        (november >= october).Should().BeTrue();
        (october >= november).Should().BeFalse();
    }

    [Fact]
    public void Sort_MixedYears_IsChronological()
    {
        var keys = new[] { "2027-01", "2026-12", "2025-11", "2026-02" }.Select(PeriodKey.Parse).ToList();

        keys.Sort();

        keys.Select(k => k.ToString()).Should().Equal("2025-11", "2026-02", "2026-12", "2027-01");
    }
}
