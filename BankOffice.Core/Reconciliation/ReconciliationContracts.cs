using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Reconciliation;

// Wire contracts of the reconciliation API (seed 003's field names where it gives them).

/// <summary>One transaction of seed 003's bank statement: money in positive, money out negative.</summary>
public sealed class StatementTransactionRequest
{
    public DateOnly? Date { get; set; }

    public string? Reference { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>DEPOSIT, CREDIT, TRANSFER_IN (positive); WITHDRAWAL, DEBIT, FEE, CHARGE, TRANSFER_OUT (negative); anything else either way.</summary>
    public string? Type { get; set; }

    public string? Description { get; set; }
}

/// <summary>Seed 003's "Bank Reconciliation". The transactions' fields are checked together, every problem listed by line (INVALID_STATEMENT).</summary>
public sealed class CreateBankReconciliationRequest
{
    [Required]
    [StringLength(BankReconciliation.BankAccountMaxLength, MinimumLength = 1)]
    public string? BankAccount { get; set; }

    [Required]
    public DateOnly? StatementDate { get; set; }

    [Required]
    [Range(typeof(decimal), "-999999999999999", "999999999999999")]
    public decimal? StatementBalance { get; set; }

    /// <summary>The statement's currency, TRY when not given; the book is the BANK ledger account of this currency.</summary>
    public Currency? Currency { get; set; }

    [MaxLength(StatementRules.MaxLines)]
    public List<StatementTransactionRequest> Transactions { get; set; } = [];
}

public sealed class MatchLineRequest
{
    /// <summary>The payment's id or number (PAY-2026-000123).</summary>
    [Required]
    [StringLength(Payment.NumberMaxLength + 10, MinimumLength = 1)]
    public string? PaymentId { get; set; }
}

/// <summary>A recorded bank-transfer payment as the reconciliation shows it.</summary>
public sealed record BookPaymentDto(Guid Id, string Number, string CustomerId, decimal Amount, DateOnly PaymentDate, string Reference);

public sealed record BankStatementLineDto(
    Guid Id,
    int LineNo,
    DateOnly Date,
    string Reference,
    decimal Amount,
    string Type,
    string? Description,
    MatchStatus MatchStatus,
    BookPaymentDto? Payment,
    string? MatchedBy,
    DateTimeOffset? MatchedAt);

/// <summary>
/// matchedCount/matchedAmount: lines matched to a payment in the book; unmatchedStatementAmount: the
/// other lines; unmatchedBookAmount: the unmatched book items; unexplainedDifference = statementBalance
/// − (bookBalance + unmatchedStatementAmount − unmatchedBookAmount), zero when reconciled.
/// </summary>
public sealed record ReconciliationSummaryDto(int MatchedCount, decimal MatchedAmount, decimal UnmatchedStatementAmount, decimal UnmatchedBookAmount, decimal UnexplainedDifference);

/// <summary>
/// The workspace: the statement's lines with their matches, the book items no line explains yet and
/// the summary. bookBalance is the BANK ledger account of the currency by value date up to the
/// statement date; difference = statementBalance − bookBalance; bookItemsFrom is where the unmatched
/// book items start (the first day of the month of this bank account's first reconciliation).
/// </summary>
public sealed record BankReconciliationDto(
    Guid Id,
    string BankAccount,
    Currency Currency,
    DateOnly StatementDate,
    decimal StatementBalance,
    decimal BookBalance,
    decimal Difference,
    BankReconciliationStatus Status,
    IReadOnlyList<BankStatementLineDto> Lines,
    int UnmatchedStatementLines,
    IReadOnlyList<BookPaymentDto> UnmatchedBookItems,
    ReconciliationSummaryDto Summary,
    DateOnly BookItemsFrom,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? CompletedBy,
    DateTimeOffset? CompletedAt);

public sealed record BankReconciliationListItemDto(
    Guid Id,
    string BankAccount,
    Currency Currency,
    DateOnly StatementDate,
    decimal StatementBalance,
    BankReconciliationStatus Status,
    int Lines,
    int MatchedLines,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>An invoice the customer disputes, by number (INV-2026-000123) or id.</summary>
public sealed class ReconciliationDisputeRequest
{
    public string? InvoiceId { get; set; }

    public decimal? DisputeAmount { get; set; }

    public string? Reason { get; set; }
}

/// <summary>Seed 003's "Customer Reconciliation": the balance the customer confirms on a date, and the invoices they dispute.</summary>
public sealed class CustomerReconciliationRequest
{
    [Required]
    public DateOnly? ReconciliationDate { get; set; }

    [Required]
    [Range(typeof(decimal), "-999999999999999", "999999999999999")]
    public decimal? CustomerBalance { get; set; }

    [MaxLength(100)]
    public List<ReconciliationDisputeRequest> Disputes { get; set; } = [];

    [StringLength(CustomerReconciliation.NotesMaxLength)]
    public string? Notes { get; set; }
}

/// <summary>
/// ourBalance: what the customer owed on the date (invoices outstanding then) less their
/// unallocated credit; difference = ourBalance − customerBalance; disputedTotal: the disputes this
/// reconciliation opened; unexplainedDifference = difference − disputedTotal.
/// </summary>
public sealed record CustomerReconciliationDto(
    Guid Id,
    string CustomerId,
    Currency Currency,
    DateOnly ReconciliationDate,
    decimal OurBalance,
    decimal CustomerBalance,
    decimal Difference,
    decimal DisputedTotal,
    decimal UnexplainedDifference,
    IReadOnlyList<InvoiceDisputeDto> Disputes,
    string? Notes,
    string CreatedBy,
    DateTimeOffset CreatedAt);
