using System.Globalization;
using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Credit;

public class CreditStatusRulesTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    // ---- Derive ----

    [Theory]
    [InlineData(30, CreditStatus.GOOD)]
    [InlineData(31, CreditStatus.WARNING)]
    [InlineData(60, CreditStatus.WARNING)]
    [InlineData(61, CreditStatus.HOLD)]
    [InlineData(90, CreditStatus.HOLD)]
    [InlineData(91, CreditStatus.SUSPENDED)]
    public void Derive_DaysOverdueAtEachBoundary_OnlyMoreThanTheLimitCounts(int daysOverdue, CreditStatus expected)
    {
        // Nothing owed, so only the days can move the status.
        CreditStatusRules.Derive(0m, 100_000m, daysOverdue).Should().Be(expected);
    }

    [Theory]
    [InlineData("79990", CreditStatus.GOOD)] // 79.99 %
    [InlineData("79999.99", CreditStatus.GOOD)] // 79.99999 %: a rounded display of 80.00 must not tip it
    [InlineData("80000", CreditStatus.WARNING)] // exactly 80 %
    [InlineData("100000", CreditStatus.WARNING)] // at the limit is not above it
    [InlineData("100000.01", CreditStatus.HOLD)] // one cent above the limit
    public void Derive_UtilisationAroundWarningAndLimit_ChangesStatusAtTheBoundary(string balance, CreditStatus expected)
    {
        CreditStatusRules.Derive(D(balance), 100_000m, 0).Should().Be(expected);
    }

    [Theory]
    [InlineData("0", CreditStatus.GOOD)]
    [InlineData("-250", CreditStatus.GOOD)] // the customer is in credit
    [InlineData("0.01", CreditStatus.HOLD)]
    public void Derive_ZeroLimit_HoldsOnlyWhenSomethingIsOwed(string balance, CreditStatus expected)
    {
        CreditStatusRules.Derive(D(balance), 0m, 0).Should().Be(expected);
    }

    [Theory]
    [InlineData("50000", 91, CreditStatus.SUSPENDED)] // SUSPENDED is checked before a harmless 50 %
    [InlineData("150000", 91, CreditStatus.SUSPENDED)] // ... and before an over-limit HOLD
    [InlineData("90000", 61, CreditStatus.HOLD)] // HOLD by days wins over a 90 % WARNING
    [InlineData("100000.01", 31, CreditStatus.HOLD)] // HOLD by balance wins over a 31-day WARNING
    [InlineData("10000", 31, CreditStatus.WARNING)] // days alone warn at 10 % utilisation
    public void Derive_SeveralRulesMatch_TheMostSevereWins(string balance, int daysOverdue, CreditStatus expected)
    {
        CreditStatusRules.Derive(D(balance), 100_000m, daysOverdue).Should().Be(expected);
    }

    // ---- DaysOverdue ----

    [Fact]
    public void DaysOverdue_NoUnpaidInvoice_IsZero() =>
        CreditStatusRules.DaysOverdue(null, new DateOnly(2024, 3, 15)).Should().Be(0);

    [Theory]
    [InlineData("2024-03-16", 0)] // due tomorrow
    [InlineData("2024-03-15", 0)] // due today is not late yet
    [InlineData("2024-03-14", 1)] // due yesterday
    [InlineData("2023-12-15", 91)] // 16 + 31 + 29 (leap February) + 15
    public void DaysOverdue_OldestDueDate_CountsWholeDaysPastIt(string dueDate, int expected)
    {
        CreditStatusRules.DaysOverdue(DateOnly.Parse(dueDate, CultureInfo.InvariantCulture), new DateOnly(2024, 3, 15)).Should().Be(expected);
    }

    // ---- Utilisation and UtilisationPercent ----

    [Theory]
    [InlineData("50", "200", "0.25")]
    [InlineData("0", "0", "0")]
    [InlineData("-100", "1000", "0")]
    public void Utilisation_BalanceAndLimit_IsBalanceOverLimitOrZero(string balance, string limit, string expected)
    {
        CreditStatusRules.Utilisation(D(balance), D(limit)).Should().Be(D(expected));
    }

    [Fact]
    public void Utilisation_OwingOnZeroLimit_IsTheLargestDecimal() =>
        CreditStatusRules.Utilisation(0.01m, 0m).Should().Be(decimal.MaxValue);

    [Theory]
    [InlineData("79990", "100000", "79.99")]
    [InlineData("1", "3", "33.33")]
    [InlineData("2", "3", "66.67")]
    [InlineData("246.9", "2000", "12.35")] // 12.345: half away from zero, to-even would give 12.34
    [InlineData("150000", "100000", "150.00")]
    [InlineData("0", "100000", "0")]
    [InlineData("0", "0", "0")]
    [InlineData("-100", "0", "0")]
    public void UtilisationPercent_BalanceAndLimit_IsRoundedToTwoDecimals(string balance, string limit, string expected)
    {
        CreditStatusRules.UtilisationPercent(D(balance), D(limit)).Should().Be(D(expected));
    }

    [Fact]
    public void UtilisationPercent_OwingOnZeroLimit_IsNull() =>
        CreditStatusRules.UtilisationPercent(0.01m, 0m).Should().BeNull();

    // ---- BlocksInvoices ----

    [Theory]
    [InlineData(CreditStatus.GOOD, false)]
    [InlineData(CreditStatus.WARNING, false)]
    [InlineData(CreditStatus.HOLD, true)]
    [InlineData(CreditStatus.SUSPENDED, true)]
    public void BlocksInvoices_Status_OnlyHoldAndSuspendedBlock(CreditStatus status, bool expected)
    {
        CreditStatusRules.BlocksInvoices(status).Should().Be(expected);
    }
}
