using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Periods;

/// <summary>
/// An account's position at a period's end, by value date, written by the close so that later
/// reports and the next close start from it instead of the whole ledger.
/// </summary>
public sealed class PeriodBalance
{
    public string Period { get; init; } = default!;
    public Guid AccountId { get; init; }
    public string AccountNumber { get; init; } = default!;
    public string CustomerId { get; init; } = default!;
    public AccountType AccountType { get; init; }
    public Currency Currency { get; init; }
    public decimal Opening { get; init; }

    /// <summary>Sum of the period's credit lines (money in, positive).</summary>
    public decimal Credits { get; init; }

    /// <summary>Sum of the period's debit lines (money out, negative).</summary>
    public decimal Debits { get; init; }

    /// <summary>Interest booked by the close (included in credits or debits).</summary>
    public decimal Interest { get; init; }
    public decimal Closing { get; init; }
    public int LineCount { get; init; }
}

/// <summary>A customer's receivables by aging bucket at a period's end, in one currency.</summary>
public sealed class PeriodAging
{
    public string Period { get; init; } = default!;
    public string CustomerId { get; init; } = default!;
    public Currency Currency { get; init; }
    public decimal Current { get; init; }
    public decimal Days1_30 { get; init; }
    public decimal Days31_60 { get; init; }
    public decimal Days61_90 { get; init; }
    public decimal Over90 { get; init; }

    /// <summary>Of the total, how much was under an open dispute.</summary>
    public decimal Disputed { get; init; }
}

/// <summary>
/// Interest the close computed and booked for one account. One row per run and account: a run that
/// resumes after a crash skips accounts it already has a row for, and a re-close (after a reopen)
/// books only the difference from what earlier runs booked.
/// </summary>
public sealed class InterestAccrual
{
    public long Id { get; init; }
    public string Period { get; init; } = default!;
    public Guid RunId { get; init; }
    public Guid AccountId { get; init; }
    public Currency Currency { get; init; }

    /// <summary>Sum over the period's days of each day's closing balance.</summary>
    public decimal BalanceDays { get; init; }

    /// <summary>Annual rate in percent.</summary>
    public decimal AnnualRate { get; init; }
    public DayCount DayCount { get; init; }

    /// <summary>Interest for the whole period at this run.</summary>
    public decimal Interest { get; init; }

    /// <summary>What this run booked: <see cref="Interest"/> less what earlier runs booked for the period.</summary>
    public decimal Booked { get; init; }
    public Guid? EntryId { get; init; }
}

/// <summary>The allowance for doubtful receivables a close required, in one currency, and the adjustment it booked.</summary>
public sealed class PeriodProvision
{
    public long Id { get; init; }
    public string Period { get; init; } = default!;
    public Guid RunId { get; init; }
    public Currency Currency { get; init; }
    public decimal Current { get; init; }
    public decimal Days1_30 { get; init; }
    public decimal Days31_60 { get; init; }
    public decimal Days61_90 { get; init; }
    public decimal Over90 { get; init; }
    public decimal Required { get; init; }

    /// <summary>The allowance's balance before this run.</summary>
    public decimal Previous { get; init; }
    public decimal Adjustment { get; init; }
    public Guid? EntryId { get; init; }
}

/// <summary>
/// A statement the close issued for one account and period: its figures are fixed here; the
/// documents feature renders it as PDF or Excel. Re-issued (Version + 1) when a reopened period closes again.
/// </summary>
public sealed class Statement
{
    public Guid Id { get; init; }
    public string Period { get; init; } = default!;
    public Guid AccountId { get; init; }
    public string AccountNumber { get; init; } = default!;
    public string CustomerId { get; init; } = default!;
    public Currency Currency { get; init; }
    public DateOnly FromDate { get; init; }
    public DateOnly ToDate { get; init; }
    public decimal Opening { get; init; }
    public decimal Credits { get; init; }
    public decimal Debits { get; init; }
    public decimal Closing { get; init; }
    public int LineCount { get; init; }
    public int Version { get; init; }
    public Guid RunId { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
}
