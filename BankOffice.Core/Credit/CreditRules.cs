using BankOffice.Core.Receivables;

namespace BankOffice.Core.Credit;

/// <summary>
/// A customer's credit status, derived (never stored) from utilisation (balance ÷ limit) and the
/// days the oldest unpaid invoice is past due, checked in this order:
/// <list type="number">
/// <item>SUSPENDED: more than 90 days overdue.</item>
/// <item>HOLD: more than 60 days overdue, or the balance is above the limit.</item>
/// <item>WARNING: more than 30 days overdue, or utilisation of 80% or more.</item>
/// <item>GOOD: otherwise.</item>
/// </list>
/// HOLD and SUSPENDED block new invoices.
/// </summary>
public static class CreditStatusRules
{
    public const int WarningDaysOverdue = 30;
    public const int HoldDaysOverdue = 60;
    public const int SuspendedDaysOverdue = 90;
    public const decimal WarningUtilisation = 0.80m;

    public static CreditStatus Derive(decimal balance, decimal creditLimit, int daysOverdue)
    {
        if (daysOverdue > SuspendedDaysOverdue)
        {
            return CreditStatus.SUSPENDED;
        }

        if (daysOverdue > HoldDaysOverdue || balance > creditLimit)
        {
            return CreditStatus.HOLD;
        }

        return daysOverdue > WarningDaysOverdue || Utilisation(balance, creditLimit) >= WarningUtilisation ? CreditStatus.WARNING : CreditStatus.GOOD;
    }

    /// <summary>Balance ÷ limit (0 when nothing is owed); a positive balance on a zero limit counts as fully used and more.</summary>
    public static decimal Utilisation(decimal balance, decimal creditLimit) =>
        balance <= 0 ? 0m : creditLimit == 0 ? decimal.MaxValue : balance / creditLimit;

    /// <summary>Utilisation as a percentage with 2 decimals for display (null when the limit is zero and something is owed).</summary>
    public static decimal? UtilisationPercent(decimal balance, decimal creditLimit) =>
        balance > 0 && creditLimit == 0 ? null : decimal.Round(Utilisation(balance, creditLimit) * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Days the oldest unpaid invoice is past due on <paramref name="today"/>; 0 when nothing is late.</summary>
    public static int DaysOverdue(DateOnly? oldestUnpaidDueDate, DateOnly today) =>
        oldestUnpaidDueDate is { } due && today > due ? today.DayNumber - due.DayNumber : 0;

    public static bool BlocksInvoices(CreditStatus status) => status is CreditStatus.HOLD or CreditStatus.SUSPENDED;

    /// <summary>Balance (owed on open invoices − unallocated credit), days overdue and the status they give, on <paramref name="today"/>.</summary>
    public static CreditAssessment Assess(decimal owed, decimal unallocatedCredit, decimal creditLimit, DateOnly? oldestUnpaidDueDate, DateOnly today)
    {
        var balance = owed - unallocatedCredit;
        var days = DaysOverdue(oldestUnpaidDueDate, today);
        return new CreditAssessment(balance, days, Derive(balance, creditLimit, days), UtilisationPercent(balance, creditLimit));
    }
}

public sealed record CreditAssessment(decimal Balance, int DaysOverdue, CreditStatus Status, decimal? UtilisationPercent);

/// <summary>Limit changes above this increase need a second approver (configurable as <c>Credit:SecondApprovalThreshold</c>).</summary>
public sealed class CreditOptions
{
    public const string SectionName = "Credit";

    public decimal SecondApprovalThreshold { get; set; } = 100_000m;

    /// <summary>When a decision or limit change gives no review date: this many months after it takes effect.</summary>
    public int DefaultReviewMonths { get; set; } = 6;

    public bool NeedsSecondApprover(decimal previousLimit, decimal newLimit) => newLimit - previousLimit > SecondApprovalThreshold;
}
