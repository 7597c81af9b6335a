using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class InterestRulesTests
{
    private static readonly PeriodKey October = new(2026, 10); // 31 days

    private static InterestRate Rate(decimal annualRate, DayCount dayCount = DayCount.ACT_365F, AccountType type = AccountType.SAVINGS, Currency currency = Currency.TRY) =>
        new() { AccountType = type, Currency = currency, AnnualRate = annualRate, DayCount = dayCount };

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static (DateOnly, decimal) On(int day, decimal amount) => (new DateOnly(2026, 10, day), amount);

    // ---- BalanceDays ----

    [Fact]
    public void BalanceDays_NoMovements_IsOpeningTimesDays()
    {
        // 1000 x 31 days.
        InterestRules.BalanceDays(1000m, [], October).Should().Be(31_000m);
    }

    [Theory]
    [InlineData(2026, 28_000)] // 1000 x 28 days
    [InlineData(2024, 29_000)] // 1000 x 29 days: leap year
    public void BalanceDays_February_CountsItsDays(int year, int expected) =>
        InterestRules.BalanceDays(1000m, [], new PeriodKey(year, 2)).Should().Be(expected);

    [Fact]
    public void BalanceDays_MovementOnFirstDay_CountsEveryDay()
    {
        // 100 from 1 to 31 October: 100 x 31.
        InterestRules.BalanceDays(0m, [On(1, 100m)], October).Should().Be(3_100m);
    }

    [Fact]
    public void BalanceDays_MovementOnLastDay_CountsOneDay()
    {
        // The closing balance of the 31st includes it: 100 x 1.
        InterestRules.BalanceDays(0m, [On(31, 100m)], October).Should().Be(100m);
    }

    [Fact]
    public void BalanceDays_OpeningAndMovements_IsSumOfDailyClosingBalances()
    {
        // Days 1-10 at 1000 = 10 000; days 11-30 at 1500 = 20 x 1500 = 30 000; day 31 at 1200 = 1200.
        // Total 41 200 (= 1000 x 31 + 500 x 21 - 300 x 1).
        InterestRules.BalanceDays(1000m, [On(11, 500m), On(31, -300m)], October).Should().Be(41_200m);
    }

    [Fact]
    public void BalanceDays_TwoMovementsOnTheSameDay_BothCountFromThatDay()
    {
        // +200 and -50 on the 30th: 150 for 2 days = 300.
        InterestRules.BalanceDays(0m, [On(30, 200m), On(30, -50m)], October).Should().Be(300m);
    }

    [Fact]
    public void BalanceDays_Loan_IsNegative()
    {
        // -10 000 x 31 = -310 000; a repayment of 2000 on the 16th counts 16 days (16..31): +32 000. Total -278 000.
        InterestRules.BalanceDays(-10_000m, [On(16, 2_000m)], October).Should().Be(-278_000m);
    }

    [Theory]
    [InlineData("2026-09-30")] // the day before the first
    [InlineData("2026-11-01")] // the day after the last
    public void BalanceDays_MovementOutsideThePeriod_Throws(string date)
    {
        var outside = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        FluentActions.Invoking(() => InterestRules.BalanceDays(0m, [(outside, 1m)], October))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    // ---- Basis ----

    [Fact]
    public void Basis_DayCounts_Are365And360()
    {
        InterestRules.Basis(DayCount.ACT_365F).Should().Be(365);
        InterestRules.Basis(DayCount.ACT_360).Should().Be(360);
    }

    // ---- Interest ----

    [Fact]
    public void Interest_Act365F_IsBalanceDaysTimesRateOver365()
    {
        // 41 200 x 35 % = 14 420; / 365 = 39.506849... -> 39.51.
        InterestRules.Interest(41_200m, AccountType.SAVINGS, Rate(35m)).Should().Be(39.51m);
    }

    [Fact]
    public void Interest_Act360_IsBalanceDaysTimesRateOver360()
    {
        // 14 420 / 360 = 40.0555... -> 40.06.
        InterestRules.Interest(41_200m, AccountType.SAVINGS, Rate(35m, DayCount.ACT_360)).Should().Be(40.06m);
    }

    [Theory]
    [InlineData("12345", "12.35")] // 12 345 x 36.5 % / 365 = 12.345 exactly: half away from zero goes up (to-even or truncation: 12.34)
    [InlineData("12344.99", "12.34")] // 12.34499 is below the half
    public void Interest_Act365F_RoundsHalfAwayFromZero(string balanceDays, string expected) =>
        InterestRules.Interest(D(balanceDays), AccountType.CHECKING, Rate(36.5m)).Should().Be(D(expected));

    [Theory]
    [InlineData("2225", "2.23")] // 2 225 x 36 % / 360 = 2.225 exactly -> 2.23 (to-even: 2.22)
    [InlineData("2224.9", "2.22")] // 2.2249 -> 2.22
    public void Interest_Act360_RoundsHalfAwayFromZero(string balanceDays, string expected) =>
        InterestRules.Interest(D(balanceDays), AccountType.SAVINGS, Rate(36m, DayCount.ACT_360)).Should().Be(D(expected));

    [Theory]
    [InlineData(AccountType.SAVINGS)]
    [InlineData(AccountType.CHECKING)]
    [InlineData(AccountType.BUSINESS)]
    public void Interest_DepositSmallestPositive_Earns(AccountType type)
    {
        // 10 x 36.5 % / 365 = 0.01.
        InterestRules.Interest(10m, type, Rate(36.5m)).Should().Be(0.01m);
    }

    [Theory]
    [InlineData(AccountType.SAVINGS, 0)]
    [InlineData(AccountType.SAVINGS, -10)]
    [InlineData(AccountType.CHECKING, -41_200)]
    [InlineData(AccountType.BUSINESS, -10)]
    public void Interest_DepositZeroOrOverdrawn_IsNeverNegative(AccountType type, int balanceDays) =>
        InterestRules.Interest(balanceDays, type, Rate(36.5m)).Should().Be(0m);

    [Fact]
    public void Interest_LoanOwing_IsCharged()
    {
        // -278 000 x 42 % = -116 760; / 365 = -319.890410... -> -319.89.
        InterestRules.Interest(-278_000m, AccountType.LOAN, Rate(42m, type: AccountType.LOAN)).Should().Be(-319.89m);
    }

    [Fact]
    public void Interest_LoanSmallestOwing_IsCharged()
    {
        // -10 x 36.5 % / 365 = -0.01.
        InterestRules.Interest(-10m, AccountType.LOAN, Rate(36.5m, type: AccountType.LOAN)).Should().Be(-0.01m);
    }

    [Fact]
    public void Interest_LoanHalfCent_RoundsAwayFromZero()
    {
        // -12 345 x 36.5 % / 365 = -12.345 -> -12.35.
        InterestRules.Interest(-12_345m, AccountType.LOAN, Rate(36.5m, type: AccountType.LOAN)).Should().Be(-12.35m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(41_200)]
    public void Interest_LoanNotOwing_IsNothing(int balanceDays) =>
        InterestRules.Interest(balanceDays, AccountType.LOAN, Rate(36.5m, type: AccountType.LOAN)).Should().Be(0m);

    // ---- RateFor ----

    [Fact]
    public void RateFor_TypeAndCurrency_FindsTheConfiguredNonZeroRate()
    {
        var options = new PeriodCloseOptions
        {
            InterestRates =
            [
                Rate(35m, type: AccountType.SAVINGS, currency: Currency.TRY),
                Rate(0m, type: AccountType.CHECKING, currency: Currency.TRY),
                Rate(2.5m, DayCount.ACT_360, AccountType.SAVINGS, Currency.EUR),
            ],
        };

        options.RateFor(AccountType.SAVINGS, Currency.TRY)!.AnnualRate.Should().Be(35m);
        options.RateFor(AccountType.SAVINGS, Currency.EUR)!.DayCount.Should().Be(DayCount.ACT_360);
        // A zero rate is the same as none: the account is skipped.
        options.RateFor(AccountType.CHECKING, Currency.TRY).Should().BeNull();
        options.RateFor(AccountType.SAVINGS, Currency.USD).Should().BeNull();
        options.RateFor(AccountType.LOAN, Currency.TRY).Should().BeNull();
    }
}
