namespace BankOffice.Core.Receivables;

/// <summary>Seed 003's credit status of a customer account.</summary>
public enum CreditStatus
{
    GOOD,
    WARNING,
    HOLD,
    SUSPENDED,
}

/// <summary>Seed 003's account status of a customer (receivables) account.</summary>
public enum CreditAccountStatus
{
    ACTIVE,
    INACTIVE,
    HOLD,
    CLOSED,
}

public enum RiskCategory
{
    A,
    B,
    C,
    D,
}

/// <summary>OVERDUE is derived when reading: an OPEN or PARTIAL invoice past its due date.</summary>
public enum InvoiceStatus
{
    OPEN,
    PARTIAL,
    PAID,
    OVERDUE,
    VOID,
}

public enum PaymentMethod
{
    CASH,
    CHECK,
    BANK_TRANSFER,
    CREDIT_CARD,
}

public enum AllocationType
{
    AUTO,
    MANUAL,
}

public enum PaymentStatus
{
    POSTED,
    REVERSED,
}
