using BankOffice.Core.Common;

namespace BankOffice.Core.Reconciliation;

public enum BankReconciliationStatus
{
    OPEN,
    COMPLETED,
}

/// <summary>UNMATCHED until matched automatically (AUTO) or by a person (MANUAL) to a recorded payment.</summary>
public enum MatchStatus
{
    UNMATCHED,
    AUTO,
    MANUAL,
}

/// <summary>
/// A bank statement being reconciled against the bank's book (the BANK ledger account of its
/// currency): seed 003's body, or an uploaded CSV.
/// </summary>
public sealed class BankReconciliation
{
    public const int BankAccountMaxLength = 50;
    public const int UserMaxLength = 256;

    private BankReconciliation()
    {
        // For EF Core.
    }

    public BankReconciliation(Guid id, string bankAccount, Currency currency, DateOnly statementDate, decimal statementBalance, string createdBy, DateTimeOffset now)
    {
        Id = id;
        BankAccount = bankAccount;
        Currency = currency;
        StatementDate = statementDate;
        StatementBalance = statementBalance;
        Status = BankReconciliationStatus.OPEN;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string BankAccount { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public DateOnly StatementDate { get; private set; }
    public decimal StatementBalance { get; private set; }
    public BankReconciliationStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public uint Version { get; private set; }
    public List<BankStatementLine> Lines { get; private set; } = [];

    /// <summary>A completed reconciliation is a record of what was agreed: nothing on it changes any more (409 RECONCILIATION_COMPLETED).</summary>
    public void EnsureOpen()
    {
        if (Status != BankReconciliationStatus.OPEN)
        {
            throw DomainException.Conflict(ReconciliationErrors.Completed, $"The reconciliation of {BankAccount} on {StatementDate:yyyy-MM-dd} is completed and can no longer change.");
        }
    }

    /// <summary>Only when nothing is left unexplained (the caller computes it): 400 RECONCILIATION_DIFFERENCE otherwise.</summary>
    public void Complete(decimal unexplainedDifference, string user, DateTimeOffset now)
    {
        EnsureOpen();
        if (unexplainedDifference != 0m)
        {
            throw DomainException.Rule(ReconciliationErrors.Difference,
                $"The statement still differs from the book by {unexplainedDifference:0.00##} that no unmatched line or payment explains; match or explain it before completing.",
                new Dictionary<string, object?> { ["unexplainedDifference"] = Money.AtScale(unexplainedDifference) });
        }

        Status = BankReconciliationStatus.COMPLETED;
        CompletedBy = user;
        CompletedAt = now;
    }
}

/// <summary>One transaction on the bank statement and the recorded payment it was matched to, if any.</summary>
public sealed class BankStatementLine
{
    public const int ReferenceMaxLength = 100;
    public const int TypeMaxLength = 20;
    public const int DescriptionMaxLength = 300;

    /// <summary>A payment is matched to at most one statement line, across all reconciliations.</summary>
    public const string OneMatchPerPaymentIndex = "ux_bank_statement_lines_payment";

    private BankStatementLine()
    {
        // For EF Core.
    }

    public BankStatementLine(Guid id, Guid reconciliationId, int lineNo, DateOnly date, string reference, decimal amount, string type, string? description)
    {
        Id = id;
        ReconciliationId = reconciliationId;
        LineNo = lineNo;
        Date = date;
        Reference = reference;
        Amount = amount;
        Type = type;
        Description = description;
        MatchStatus = MatchStatus.UNMATCHED;
    }

    public Guid Id { get; private set; }
    public Guid ReconciliationId { get; private set; }
    public int LineNo { get; private set; }
    public DateOnly Date { get; private set; }
    public string Reference { get; private set; } = default!;

    /// <summary>Signed as the bank shows it: money in positive, money out negative.</summary>
    public decimal Amount { get; private set; }
    public string Type { get; private set; } = default!;
    public string? Description { get; private set; }
    public MatchStatus MatchStatus { get; private set; }
    public Guid? PaymentId { get; private set; }
    public string? MatchedBy { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }

    public void Match(Guid paymentId, MatchStatus how, string user, DateTimeOffset now)
    {
        PaymentId = paymentId;
        MatchStatus = how;
        MatchedBy = user;
        MatchedAt = now;
    }

    public void Unmatch()
    {
        PaymentId = null;
        MatchStatus = MatchStatus.UNMATCHED;
        MatchedBy = null;
        MatchedAt = null;
    }
}

/// <summary>
/// A customer's confirmation of their balance compared with ours on a date, and the invoice disputes
/// it opened (seed 003's customer reconciliation).
/// </summary>
public sealed class CustomerReconciliation
{
    public const int NotesMaxLength = 1000;

    private CustomerReconciliation()
    {
        // For EF Core.
    }

    public CustomerReconciliation(Guid id, string customerId, Currency currency, DateOnly reconciliationDate, decimal customerBalance, decimal ourBalance, decimal disputed,
        IReadOnlyList<Guid> disputeIds, string? notes, string createdBy, DateTimeOffset now)
    {
        Id = id;
        CustomerId = customerId;
        Currency = currency;
        ReconciliationDate = reconciliationDate;
        CustomerBalance = customerBalance;
        OurBalance = ourBalance;
        Disputed = disputed;
        Difference = ourBalance - customerBalance;
        DisputeIds = [.. disputeIds];
        Notes = notes;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public DateOnly ReconciliationDate { get; private set; }
    public decimal CustomerBalance { get; private set; }

    /// <summary>What our books say the customer owed on the date (open invoices less unallocated credit).</summary>
    public decimal OurBalance { get; private set; }
    public decimal Disputed { get; private set; }

    /// <summary>Ours less theirs.</summary>
    public decimal Difference { get; private set; }
    public List<Guid> DisputeIds { get; private set; } = [];
    public string? Notes { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
}
