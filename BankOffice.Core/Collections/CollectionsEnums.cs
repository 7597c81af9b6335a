namespace BankOffice.Core.Collections;

/// <summary>Seed 003's queue statuses. A customer with no case yet reads as PENDING.</summary>
public enum CaseStatus
{
    PENDING,
    IN_PROGRESS,
    PROMISED,
    ESCALATED,
}

public enum Priority
{
    LOW,
    MEDIUM,
    HIGH,
}

public enum ActivityType
{
    PHONE_CALL,
    EMAIL,
    VISIT,
    LETTER,
    SMS,
}

public enum ActivityOutcome
{
    PROMISE_TO_PAY,
    CONTACTED,
    NO_ANSWER,
    LEFT_MESSAGE,
    REFUSED_TO_PAY,
    DISPUTED,
    WRONG_CONTACT,
    PAYMENT_CONFIRMED,
}

public enum NextAction
{
    FOLLOW_UP,
    CALL_BACK,
    SEND_LETTER,
    VISIT,
    ESCALATE,
    NONE,
}

public enum PromiseStatus
{
    OPEN,
    KEPT,
    BROKEN,
    CANCELLED,
}

public enum PlanStatus
{
    ACTIVE,
    COMPLETED,
    BREACHED,
    CANCELLED,
}

public enum InstallmentStatus
{
    PENDING,
    PARTIAL,
    PAID,
    MISSED,
}

public enum EscalationLevel
{
    MANAGER,
    LEGAL,
    AGENCY,
}
