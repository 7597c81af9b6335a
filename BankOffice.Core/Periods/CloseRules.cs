using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Periods;

/// <summary>An interest rate for one account type in one currency.</summary>
public sealed class InterestRate
{
    public AccountType AccountType { get; set; }
    public Currency Currency { get; set; }

    /// <summary>Annual rate in percent (35 means 35 % a year). Deposits earn it on positive balances; LOAN accounts are charged it on what they owe.</summary>
    public decimal AnnualRate { get; set; }
    public DayCount DayCount { get; set; } = DayCount.ACT_365F;
}

/// <summary>Interest and provision settings of the period close (section <c>PeriodClose</c>).</summary>
public sealed class PeriodCloseOptions
{
    public const string SectionName = "PeriodClose";

    public List<InterestRate> InterestRates { get; set; } = [];

    /// <summary>Percent of each aging bucket to hold as allowance for doubtful receivables.</summary>
    public ProvisionRates ProvisionRates { get; set; } = new();

    /// <summary>Days after a period's end by which it should be closed.</summary>
    public int CloseDeadlineDays { get; set; } = 5;

    /// <summary>Accounts per transaction when booking interest.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A pause after each interest batch: throttles the close on a busy database (zero by default).</summary>
    public TimeSpan BatchPause { get; set; } = TimeSpan.Zero;

    /// <summary>Time allowed for one statement of the close (they read the whole month's ledger).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an idle API instance looks for a close to run or resume.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public InterestRate? RateFor(AccountType type, Currency currency) =>
        InterestRates.FirstOrDefault(r => r.AccountType == type && r.Currency == currency && r.AnnualRate != 0m);
}

public sealed class ProvisionRates
{
    public decimal Current { get; set; } = 1m;
    public decimal Days1_30 { get; set; } = 5m;
    public decimal Days31_60 { get; set; } = 20m;
    public decimal Days61_90 { get; set; } = 50m;
    public decimal Over90 { get; set; } = 100m;
}

/// <summary>
/// Interest for a period: the sum over its days of each day's closing balance (balance-days) times
/// the annual rate over the day-count basis, rounded once to 2 decimals, half away from zero.
/// </summary>
public static class InterestRules
{
    public static int Basis(DayCount dayCount) => dayCount == DayCount.ACT_360 ? 360 : 365;

    /// <summary>
    /// Balance-days from the opening balance and the period's movements by value date: a movement on
    /// day d counts from d to the period's last day inclusive.
    /// </summary>
    public static decimal BalanceDays(decimal opening, IEnumerable<(DateOnly ValueDate, decimal Amount)> movements, PeriodKey period)
    {
        var total = opening * period.Days;
        foreach (var (date, amount) in movements)
        {
            if (!period.Contains(date))
            {
                throw new ArgumentOutOfRangeException(nameof(movements), date, $"A movement outside {period}.");
            }

            total += amount * (period.End.DayNumber - date.DayNumber + 1);
        }

        return total;
    }

    /// <summary>The interest on the balance-days: positive credits a deposit, negative charges a loan.</summary>
    public static decimal Interest(decimal balanceDays, AccountType type, InterestRate rate)
    {
        // Deposits earn only on what they hold; a loan (negative balance) is charged, never paid.
        if ((type == AccountType.LOAN && balanceDays >= 0) || (type != AccountType.LOAN && balanceDays <= 0))
        {
            return 0m;
        }

        return decimal.Round(balanceDays * rate.AnnualRate / 100m / Basis(rate.DayCount), 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>The allowance for doubtful receivables: each aging bucket times its rate, each rounded to 2 decimals.</summary>
public static class ProvisionRules
{
    public static decimal Required(AgingBuckets aging, ProvisionRates rates) =>
        Part(aging.Current, rates.Current) + Part(aging.Days1_30, rates.Days1_30) + Part(aging.Days31_60, rates.Days31_60)
        + Part(aging.Days61_90, rates.Days61_90) + Part(aging.Over90, rates.Over90);

    public static decimal Part(decimal amount, decimal ratePercent) => decimal.Round(amount * ratePercent / 100m, 2, MidpointRounding.AwayFromZero);
}
