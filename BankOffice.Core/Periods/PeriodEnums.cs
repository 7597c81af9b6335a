namespace BankOffice.Core.Periods;

/// <summary>OPEN takes postings; CLOSING is being closed (only the close itself posts); CLOSED refuses postings dated into it.</summary>
public enum PeriodStatus
{
    OPEN,
    CLOSING,
    CLOSED,
}

/// <summary>RUNNING until every step is done (SUCCEEDED); BLOCKED when reconciliation found exceptions; FAILED on an unexpected error.</summary>
public enum CloseRunStatus
{
    RUNNING,
    SUCCEEDED,
    BLOCKED,
    FAILED,
}

/// <summary>The steps of a close, in the order they run.</summary>
public enum CloseStep
{
    CUTOFF,
    INTEREST,
    PROVISION,
    RECONCILIATION,
    SNAPSHOTS,
    STATEMENTS,
    FINALIZE,
}

public enum CloseStepStatus
{
    PENDING,
    RUNNING,
    DONE,
    SKIPPED,
    FAILED,
}

public enum ReopenStatus
{
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
}

/// <summary>
/// How interest counts days. ACT_365F: actual days over 365 (TRY and GBP deposits); ACT_360: actual
/// days over 360 (EUR and USD money-market convention).
/// </summary>
public enum DayCount
{
    ACT_365F,
    ACT_360,
}

/// <summary>What a reconciliation exception is about.</summary>
public static class CloseExceptionKinds
{
    public const string AccountBalance = "ACCOUNT_BALANCE";
    public const string UnbalancedEntry = "UNBALANCED_ENTRY";
    public const string Receivables = "RECEIVABLES_CONTROL";
    public const string UnappliedCash = "UNAPPLIED_CASH_CONTROL";
    public const string InvoicePaid = "INVOICE_PAID";
    public const int MaxLength = 30;
}

public static class PeriodErrorCodes
{
    public const string PeriodClosed = "PERIOD_CLOSED";
    public const string PeriodNotFound = "PERIOD_NOT_FOUND";
    public const string PeriodNotOpen = "PERIOD_NOT_OPEN";
    public const string PeriodNotEnded = "PERIOD_NOT_ENDED";
    public const string EarlierPeriodOpen = "EARLIER_PERIOD_OPEN";
    public const string CloseInProgress = "CLOSE_IN_PROGRESS";
    public const string PeriodNotClosed = "PERIOD_NOT_CLOSED";
    public const string LaterPeriodClosed = "LATER_PERIOD_CLOSED";
    public const string ReopenPending = "REOPEN_PENDING";
    public const string ReopenNotFound = "REOPEN_NOT_FOUND";
    public const string ReopenAlreadyDecided = "REOPEN_ALREADY_DECIDED";
}
