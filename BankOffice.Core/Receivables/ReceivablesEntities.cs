using BankOffice.Core.Common;

namespace BankOffice.Core.Receivables;

/// <summary>
/// A customer's receivables account (seed 003 "customer account"): limit, terms, risk, review date
/// and unallocated credit. Its credit status is derived when read (<see cref="Credit.CreditStatusRules"/>).
/// </summary>
public sealed class CreditAccount
{
    private CreditAccount()
    {
        // For EF Core.
    }

    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal CreditLimit { get; private set; }
    public string PaymentTerms { get; private set; } = default!;
    public RiskCategory RiskCategory { get; private set; }
    public CreditAccountStatus AccountStatus { get; private set; }

    /// <summary>When the next credit review is due, and the credit officer it is assigned to.</summary>
    public DateOnly? NextReviewDate { get; private set; }
    public string? Reviewer { get; private set; }

    /// <summary>Money received and not yet applied to an invoice (owed back to the customer or to be applied later).</summary>
    public decimal UnallocatedCredit { get; private set; }
    public DateOnly? LastPaymentDate { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static CreditAccount Open(string customerId, Currency currency, decimal creditLimit, PaymentTerms terms, RiskCategory risk, DateTimeOffset now)
    {
        if (creditLimit < 0 || decimal.Round(creditLimit, Money.Scale) != creditLimit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The credit limit is zero or more, with at most 4 decimals.");
        }

        return new CreditAccount
        {
            CustomerId = customerId, Currency = currency, CreditLimit = creditLimit, PaymentTerms = terms.ToString(), RiskCategory = risk,
            AccountStatus = CreditAccountStatus.ACTIVE, CreatedAt = now, UpdatedAt = now,
        };
    }

    public PaymentTerms Terms => Receivables.PaymentTerms.Parse(PaymentTerms);

    /// <summary>Applies an approved limit change; returns the limit it replaced.</summary>
    public decimal ChangeLimit(decimal newLimit, DateOnly? reviewDate, string reviewer, DateTimeOffset now)
    {
        var previous = CreditLimit;
        CreditLimit = newLimit;
        if (reviewDate is not null)
        {
            NextReviewDate = reviewDate;
            Reviewer = reviewer;
        }

        UpdatedAt = now;
        return previous;
    }

    public void CompleteReview(RiskCategory risk, DateOnly nextReviewDate, string reviewer, DateTimeOffset now)
    {
        RiskCategory = risk;
        NextReviewDate = nextReviewDate;
        Reviewer = reviewer;
        UpdatedAt = now;
    }

    public void Apply(decimal amount, DateTimeOffset now)
    {
        if (amount <= 0 || amount > UnallocatedCredit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "More than the unallocated credit cannot be applied.");
        }

        UnallocatedCredit -= amount;
        UpdatedAt = now;
    }

    public void ReversePayment(decimal unallocated, DateTimeOffset now)
    {
        UnallocatedCredit -= unallocated;
        UpdatedAt = now;
    }

    public void ReceivePayment(decimal unallocated, DateOnly paymentDate, DateTimeOffset now)
    {
        UnallocatedCredit += unallocated;
        LastPaymentDate = LastPaymentDate is { } last && last > paymentDate ? last : paymentDate;
        UpdatedAt = now;
    }
}

public sealed class Invoice
{
    public const int NumberMaxLength = 30;
    public const int ReasonMaxLength = 500;

    private Invoice()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public DateOnly InvoiceDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string PaymentTerms { get; private set; } = default!;
    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }

    /// <summary>Cash applied plus discounts granted (plus credit notes, later).</summary>
    public decimal Paid { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public string? CreditOverrideReason { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid EntryId { get; private set; }
    public uint Version { get; private set; }
    public List<InvoiceItem> Items { get; private set; } = [];

    public decimal Balance => Total - Paid;

    /// <summary>OPEN or PARTIAL past the due date reads as OVERDUE.</summary>
    public InvoiceStatus StatusOn(DateOnly today) =>
        Status is InvoiceStatus.OPEN or InvoiceStatus.PARTIAL && today > DueDate ? InvoiceStatus.OVERDUE : Status;

    public static Invoice Create(Guid id, string number, string customerId, Currency currency, DateOnly invoiceDate, PaymentTerms terms,
        IReadOnlyList<ItemLine> items, string createdBy, string? overrideReason, Guid entryId, DateTimeOffset now)
    {
        var totals = InvoiceTotals.Of(items);
        var invoice = new Invoice
        {
            Id = id, Number = number, CustomerId = customerId, Currency = currency, InvoiceDate = invoiceDate, DueDate = terms.DueDate(invoiceDate),
            PaymentTerms = terms.ToString(), Subtotal = totals.Subtotal, Tax = totals.Tax, Total = totals.Total, Paid = 0m, Status = InvoiceStatus.OPEN,
            CreditOverrideReason = overrideReason, CreatedBy = createdBy, CreatedAt = now, EntryId = entryId,
        };
        invoice.Items.AddRange(items.Select((item, i) => new InvoiceItem(i + 1, item)));
        return invoice;
    }

    public static string FormatNumber(int year, long sequence) => $"INV-{year}-{sequence:000000}";

    public OpenInvoice AsOpen() => new(Id, Number, InvoiceDate, DueDate, Total, Balance, Receivables.PaymentTerms.Parse(PaymentTerms));

    /// <summary>Undoes what a reversed payment settled: the invoice is open again for that much.</summary>
    public void Unsettle(decimal amount)
    {
        if (amount <= 0 || amount > Paid)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Cannot unsettle {amount} of invoice {Number} (paid {Paid}).");
        }

        Paid -= amount;
        Status = Paid == 0 ? InvoiceStatus.OPEN : InvoiceStatus.PARTIAL;
    }

    public void Settle(decimal amount)
    {
        if (amount <= 0 || amount > Balance)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Cannot settle {amount} of invoice {Number} (open {Balance}).");
        }

        Paid += amount;
        Status = Balance == 0 ? InvoiceStatus.PAID : InvoiceStatus.PARTIAL;
    }
}

public sealed class InvoiceItem
{
    private InvoiceItem()
    {
        // For EF Core.
    }

    public InvoiceItem(int lineNo, ItemLine line)
    {
        LineNo = lineNo;
        ProductCode = line.ProductCode.Trim();
        Description = line.Description.Trim();
        Quantity = line.Quantity;
        UnitPrice = line.UnitPrice;
        TaxRate = line.TaxRate;
        Subtotal = line.Subtotal;
        Tax = line.Tax;
    }

    public Guid InvoiceId { get; private set; }
    public int LineNo { get; private set; }
    public string ProductCode { get; private set; } = default!;
    public string Description { get; private set; } = default!;
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal TaxRate { get; private set; }
    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
}

public sealed class Payment
{
    public const int NumberMaxLength = 30;
    public const int ReferenceMaxLength = 100;

    private Payment()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string Reference { get; private set; } = default!;
    public DateOnly PaymentDate { get; private set; }
    public AllocationType AllocationType { get; private set; }
    public decimal Unallocated { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid EntryId { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }
    public string? ReversalReason { get; private set; }
    public string? ReversedBy { get; private set; }
    public Guid? ReversalEntryId { get; private set; }
    public uint Version { get; private set; }
    public List<PaymentAllocation> Allocations { get; private set; } = [];

    public static string FormatNumber(int year, long sequence) => $"PAY-{year}-{sequence:000000}";

    /// <summary>Moves unallocated money of this payment onto invoices (manual allocation).</summary>
    public void Allocate(IReadOnlyList<AllocationLine> lines, DateTimeOffset now)
    {
        var total = lines.Sum(l => l.Applied);
        if (Status != PaymentStatus.POSTED)
        {
            throw DomainException.Rule(ErrorCodes.Conflict, $"Payment {Number} is {Status}.");
        }

        if (total <= 0 || total > Unallocated)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The allocations ({total:0.00}) exceed what is unallocated on payment {Number} ({Unallocated:0.00}).");
        }

        Unallocated -= total;
        Allocations.AddRange(lines.Select(l => new PaymentAllocation(Id, l.InvoiceId, l.Applied, l.Discount, now)));
    }

    /// <summary>Marks the payment reversed (once); its allocations stay as history of what it had paid.</summary>
    public void Reverse(string reason, string approver, Guid reversalEntryId, DateTimeOffset now)
    {
        if (Status == PaymentStatus.REVERSED)
        {
            throw DomainException.Conflict("ALREADY_REVERSED", $"Payment {Number} has already been reversed.");
        }

        Status = PaymentStatus.REVERSED;
        ReversalReason = reason;
        ReversedBy = approver;
        ReversalEntryId = reversalEntryId;
        ReversedAt = now;
    }

    public static Payment Record(Guid id, string number, string customerId, Currency currency, decimal amount, PaymentMethod method, string reference,
        DateOnly paymentDate, AllocationType allocationType, AllocationPlan plan, string createdBy, Guid entryId, DateTimeOffset now)
    {
        var payment = new Payment
        {
            Id = id, Number = number, CustomerId = customerId, Currency = currency, Amount = amount, Method = method, Reference = reference.Trim(),
            PaymentDate = paymentDate, AllocationType = allocationType, Unallocated = plan.Unallocated, Status = PaymentStatus.POSTED,
            CreatedBy = createdBy, CreatedAt = now, EntryId = entryId,
        };
        payment.Allocations.AddRange(plan.Lines.Select(l => new PaymentAllocation(id, l.InvoiceId, l.Applied, l.Discount, now)));
        return payment;
    }
}

/// <summary>Cash (and discount) a payment applied to one invoice. Insert-only.</summary>
public sealed class PaymentAllocation
{
    private PaymentAllocation()
    {
        // For EF Core.
    }

    public PaymentAllocation(Guid paymentId, Guid invoiceId, decimal applied, decimal discount, DateTimeOffset createdAt)
    {
        PaymentId = paymentId;
        InvoiceId = invoiceId;
        Applied = applied;
        Discount = discount;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public Guid InvoiceId { get; private set; }
    public decimal Applied { get; private set; }
    public decimal Discount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A credit note against one invoice (returns, price corrections): reduces what is owed on it. Approved by a credit.approve user.</summary>
public sealed class CreditNote
{
    public const int NumberMaxLength = 30;
    public const int ReasonMaxLength = 100;

    private CreditNote()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Guid InvoiceId { get; private set; }
    public Currency Currency { get; private set; }
    public DateOnly CreditDate { get; private set; }
    public string Reason { get; private set; } = default!;
    public string ApprovedBy { get; private set; } = default!;
    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }
    public Guid EntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<InvoiceItem> Items { get; private set; } = [];

    public static string FormatNumber(int year, long sequence) => $"CN-{year}-{sequence:000000}";

    public static CreditNote Issue(Guid id, string number, Invoice invoice, DateOnly creditDate, string reason, IReadOnlyList<ItemLine> items, string approvedBy, Guid entryId, DateTimeOffset now)
    {
        var totals = InvoiceTotals.Of(items);
        if (totals.Total > invoice.Balance)
        {
            throw DomainException.Rule("CREDIT_NOTE_EXCEEDS_BALANCE", $"The credit note ({totals.Total:0.00}) is more than is still owed on invoice {invoice.Number} ({invoice.Balance:0.00}).",
                new Dictionary<string, object?> { ["invoiceBalance"] = invoice.Balance, ["creditTotal"] = totals.Total });
        }

        var note = new CreditNote
        {
            Id = id, Number = number, CustomerId = invoice.CustomerId, InvoiceId = invoice.Id, Currency = invoice.Currency, CreditDate = creditDate, Reason = reason,
            ApprovedBy = approvedBy, Subtotal = totals.Subtotal, Tax = totals.Tax, Total = totals.Total, EntryId = entryId, CreatedAt = now,
        };
        note.Items.AddRange(items.Select((item, i) => new InvoiceItem(i + 1, item)));
        return note;
    }
}
