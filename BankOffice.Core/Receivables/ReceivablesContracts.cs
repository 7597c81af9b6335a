using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Common;

namespace BankOffice.Core.Receivables;

// Wire contracts of the receivables API (seed 003's field names where it gives them).

public sealed class OpenCreditAccountRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    [Required]
    [Range(typeof(decimal), "0", "999999999999999")]
    public decimal? CreditLimit { get; set; }

    [Required]
    [StringLength(Receivables.PaymentTerms.MaxLength)]
    public string? PaymentTerms { get; set; }

    [Required]
    public RiskCategory? RiskCategory { get; set; }

    public Currency? Currency { get; set; }
}

public sealed record AgingDto(decimal Current, decimal Days1_30, decimal Days31_60, decimal Days61_90, decimal Over90)
{
    public static AgingDto From(AgingBuckets b) => new(b.Current, b.Days1_30, b.Days31_60, b.Days61_90, b.Over90);
}

/// <summary>
/// Seed 003's "Get Customer Account". Current balance = open invoice balances − unallocated credit.
/// Credit status is derived from utilisation and <see cref="DaysOverdue"/> (<see cref="Credit.CreditStatusRules"/>).
/// </summary>
public sealed record CreditAccountDto(
    string CustomerId,
    string CompanyName,
    string? TaxId,
    Currency Currency,
    decimal CreditLimit,
    decimal CurrentBalance,
    decimal AvailableCredit,
    decimal UnallocatedCredit,
    CreditStatus CreditStatus,
    string PaymentTerms,
    RiskCategory RiskCategory,
    DateOnly? LastPaymentDate,
    CreditAccountStatus AccountStatus,
    AgingDto Aging,
    decimal? UtilisationPercent = null,
    int DaysOverdue = 0,
    DateOnly? NextReviewDate = null,
    string? Reviewer = null);

public sealed record CreditAccountQuery(
    int Page = 1,
    int Size = PageRequest.DefaultSize,
    CreditAccountStatus? Status = null,
    CreditStatus? CreditStatus = null,
    string? Search = null,
    string? SortBy = null,
    string? SortOrder = null);

public sealed class InvoiceItemRequest
{
    [Required]
    [StringLength(ItemLine.ProductCodeMaxLength)]
    public string? ProductCode { get; set; }

    [Required]
    [StringLength(ItemLine.DescriptionMaxLength)]
    public string? Description { get; set; }

    [Required]
    public decimal? Quantity { get; set; }

    [Required]
    public decimal? UnitPrice { get; set; }

    [Required]
    public decimal? TaxRate { get; set; }

    public ItemLine ToLine() => new(ProductCode!, Description!, Quantity!.Value, UnitPrice!.Value, TaxRate!.Value);
}

public sealed class CreateInvoiceRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    /// <summary>Defaults to today; the due date follows from the account's payment terms.</summary>
    public DateOnly? InvoiceDate { get; set; }

    [Required]
    [MinLength(1)]
    public List<InvoiceItemRequest> Items { get; set; } = [];

    [StringLength(500)]
    public string? Notes { get; set; }

    /// <summary>A user with credit.approve may exceed the credit limit by giving a reason.</summary>
    [StringLength(Invoice.ReasonMaxLength)]
    public string? CreditOverrideReason { get; set; }
}

public sealed record InvoiceItemDto(int LineNo, string ProductCode, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate, decimal Subtotal, decimal Tax);

public sealed record InvoicePaymentDto(Guid PaymentId, string PaymentNumber, DateOnly PaymentDate, decimal Amount, decimal Discount);

public sealed record InvoiceDto(
    Guid InvoiceId,
    string InvoiceNumber,
    string CustomerId,
    Currency Currency,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    string PaymentTerms,
    decimal Subtotal,
    decimal TaxAmount,
    decimal TotalAmount,
    decimal PaidAmount,
    decimal Balance,
    InvoiceStatus Status,
    string? CreditOverrideReason,
    Guid TransactionId,
    IReadOnlyList<InvoiceItemDto> Items,
    IReadOnlyList<InvoicePaymentDto> Payments);

public sealed class RecordPaymentRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    [Required]
    public decimal? Amount { get; set; }

    public DateOnly? PaymentDate { get; set; }

    [Required]
    public PaymentMethod? PaymentMethod { get; set; }

    [Required]
    [StringLength(Payment.ReferenceMaxLength, MinimumLength = 1)]
    public string? Reference { get; set; }

    [StringLength(50)]
    public string? BankAccount { get; set; }

    public AllocationType? AllocationType { get; set; }

    [StringLength(500)]
    public string? Notes { get; set; }
}

public sealed record PaymentAllocationDto(Guid InvoiceId, string InvoiceNumber, decimal Amount, decimal Discount);

/// <summary>Seed 003's payment answer; <c>status</c> is RECORDED for a posted payment.</summary>
public sealed record PaymentDto(
    Guid PaymentId,
    string PaymentNumber,
    string CustomerId,
    Currency Currency,
    decimal Amount,
    DateOnly PaymentDate,
    PaymentMethod PaymentMethod,
    string Reference,
    string Status,
    IReadOnlyList<PaymentAllocationDto> Allocations,
    decimal Unallocated,
    string? ReceiptUrl,
    Guid TransactionId);

/// <summary>Seed 003's payment reversal, e.g. reason NSF_CHECK. The caller approves it and needs credit.approve.</summary>
public sealed class ReversePaymentRequest
{
    [Required]
    [StringLength(500, MinimumLength = 3)]
    public string? Reason { get; set; }

    public DateOnly? ReversalDate { get; set; }

    [StringLength(500)]
    public string? Notes { get; set; }
}

/// <summary>Seed 003's payment search; status RECORDED or REVERSED.</summary>
public sealed record PaymentQuery(
    int Page = 1,
    int Size = PageRequest.DefaultSize,
    string? CustomerId = null,
    DateOnly? FromDate = null,
    DateOnly? ToDate = null,
    PaymentMethod? Method = null,
    string? Status = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null);

public sealed record StatementPeriodDto(DateOnly From, DateOnly To);

/// <summary>One statement line: debits raise what the customer owes, credits lower it.</summary>
public sealed record StatementLineDto(DateOnly Date, string Type, string Reference, string Description, decimal Debit, decimal Credit, decimal Balance);

/// <summary>Seed 003's customer statement (json); the documents issue renders the same data as PDF and Excel.</summary>
public sealed record CustomerStatementDto(
    string CustomerId,
    string CustomerName,
    Currency Currency,
    StatementPeriodDto StatementPeriod,
    decimal OpeningBalance,
    IReadOnlyList<StatementLineDto> Transactions,
    decimal TotalDebits,
    decimal TotalCredits,
    decimal ClosingBalance);

public sealed class AllocationRequestLine
{
    [Required]
    public Guid? InvoiceId { get; set; }

    [Required]
    public decimal? Amount { get; set; }
}

/// <summary>Seed 003's manual allocation: move a payment's unallocated money onto invoices.</summary>
public sealed class AllocatePaymentRequest
{
    [Required]
    [MinLength(1)]
    public List<AllocationRequestLine> Allocations { get; set; } = [];
}

/// <summary>Seed 003's credit note: against one invoice, with items; the caller (credit.approve) is the approver.</summary>
public sealed class CreateCreditNoteRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    /// <summary>The invoice's id or number.</summary>
    [Required]
    [StringLength(40)]
    public string? RelatedInvoiceId { get; set; }

    public DateOnly? CreditDate { get; set; }

    [Required]
    [StringLength(CreditNote.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }

    [Required]
    [MinLength(1)]
    public List<InvoiceItemRequest> Items { get; set; } = [];
}

public sealed record CreditNoteDto(
    Guid CreditNoteId,
    string CreditNoteNumber,
    string CustomerId,
    Guid RelatedInvoiceId,
    string RelatedInvoiceNumber,
    DateOnly CreditDate,
    string Reason,
    string ApprovedBy,
    decimal Subtotal,
    decimal TaxAmount,
    decimal TotalAmount,
    Guid TransactionId,
    IReadOnlyList<InvoiceItemDto> Items);
