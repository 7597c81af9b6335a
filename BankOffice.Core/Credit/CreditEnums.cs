namespace BankOffice.Core.Credit;

public enum CreditApplicationStatus
{
    PENDING,
    APPROVED,
    REJECTED,
    COUNTER_OFFER,
}

/// <summary>Seed 003's decision: APPROVED, REJECTED, or a counter-offer of a lower limit.</summary>
public enum CreditDecisionType
{
    APPROVED,
    REJECTED,
    COUNTER_OFFER,
}

/// <summary>
/// A limit change waits for a second approver above the threshold (PENDING_APPROVAL), waits for its
/// effective date (SCHEDULED), or has been applied to the account (APPLIED).
/// </summary>
public enum LimitChangeStatus
{
    PENDING_APPROVAL,
    SCHEDULED,
    APPLIED,
    REJECTED,
}

public enum LimitChangeSource
{
    MANUAL,
    APPLICATION,
}
