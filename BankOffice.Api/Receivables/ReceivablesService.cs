using BankOffice.Core.Events;
using BankOffice.Api.Events;
using BankOffice.Api.Customers;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BankOffice.Api.Receivables;

/// <summary>
/// Customer credit accounts, invoices and payments. Each document is written in the same database
/// transaction as its journal entry (receivables control, revenue, tax payable, cash/bank/clearing,
/// discounts allowed), under a lock on the customer's credit account so that one customer's
/// invoices and payments queue rather than race.
/// </summary>
public sealed class ReceivablesService(BankOfficeDbContext db, PostingEngine engine, CustomerService customers, TimeProvider time)
{
    public const string CreditAccountNotFound = "CREDIT_ACCOUNT_NOT_FOUND";
    public const string CreditLimitExceeded = "CREDIT_LIMIT_EXCEEDED";
    public const string CreditHold = "CREDIT_HOLD";
    public const string DuplicatePayment = "DUPLICATE_PAYMENT";
    public const string InvoiceNotFound = "INVOICE_NOT_FOUND";
    public const string PaymentNotFound = "PAYMENT_NOT_FOUND";

    private static readonly InvoiceStatus[] Open = [InvoiceStatus.OPEN, InvoiceStatus.PARTIAL];

    public async Task<CreditAccountDto> OpenAccountAsync(CurrentUser user, OpenCreditAccountRequest request, CancellationToken cancellationToken)
    {
        var customer = await customers.FindVisibleAsync(user, request.CustomerId!, cancellationToken);
        if (await db.CreditAccounts.AnyAsync(a => a.CustomerId == customer.Id, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.Conflict, $"Customer {customer.Id} already has a credit account.");
        }

        var account = CreditAccount.Open(customer.Id, request.Currency ?? Currency.TRY, request.CreditLimit!.Value, PaymentTerms.Parse(request.PaymentTerms), request.RiskCategory!.Value, time.GetUtcNow());
        db.CreditAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAccountAsync(user, customer.Id, cancellationToken);
    }

    public async Task<CreditAccountDto> GetAccountAsync(CurrentUser user, string customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.FindVisibleAsync(user, customerId, cancellationToken);
        var account = await db.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken) ?? throw AccountNotFound(customerId);
        var open = await OpenInvoicesAsync([customerId], cancellationToken);
        return ToDto(account, customer.Name, customer.TaxId, open.GetValueOrDefault(customerId) ?? []);
    }

    public async Task<PagedResult<CreditAccountDto>> ListAccountsAsync(CurrentUser user, CreditAccountQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var rows = from a in db.CreditAccounts.AsNoTracking()
                   join c in db.Customers on a.CustomerId equals c.Id
                   select new
                   {
                       Account = a,
                       c.Name,
                       c.TaxId,
                       Owed = db.Invoices.Where(i => i.CustomerId == a.CustomerId && Open.Contains(i.Status)).Sum(i => (decimal?)(i.Total - i.Paid)) ?? 0m,
                       OldestDue = db.Invoices.Where(i => i.CustomerId == a.CustomerId && Open.Contains(i.Status)).Min(i => (DateOnly?)i.DueDate),
                   };
        if (user.IsCustomerOnly)
        {
            rows = rows.Where(r => r.Account.CustomerId == user.CustomerId);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Account.AccountStatus == status);
        }

        if (query.CreditStatus is { } creditStatus)
        {
            // CreditStatusRules.Derive in SQL: N days overdue means the oldest unpaid due date is before today − N.
            var today = time.Today();
            var suspendedBefore = today.AddDays(-CreditStatusRules.SuspendedDaysOverdue);
            var holdBefore = today.AddDays(-CreditStatusRules.HoldDaysOverdue);
            var warningBefore = today.AddDays(-CreditStatusRules.WarningDaysOverdue);
            var warningShare = CreditStatusRules.WarningUtilisation;
            var withStatus = rows.Select(r => new
            {
                Row = r,
                Suspended = r.OldestDue < suspendedBefore,
                Hold = r.OldestDue < holdBefore || r.Owed - r.Account.UnallocatedCredit > r.Account.CreditLimit,
                Warning = r.OldestDue < warningBefore || (r.Owed - r.Account.UnallocatedCredit > 0 && r.Owed - r.Account.UnallocatedCredit >= r.Account.CreditLimit * warningShare),
            });
            rows = (creditStatus switch
            {
                CreditStatus.SUSPENDED => withStatus.Where(x => x.Suspended),
                CreditStatus.HOLD => withStatus.Where(x => !x.Suspended && x.Hold),
                CreditStatus.WARNING => withStatus.Where(x => !x.Suspended && !x.Hold && x.Warning),
                _ => withStatus.Where(x => !x.Suspended && !x.Hold && !x.Warning),
            }).Select(x => x.Row);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Paging.LikePattern(query.Search);
            rows = rows.Where(r => EF.Functions.ILike(r.Name, pattern) || (r.TaxId != null && EF.Functions.ILike(r.TaxId, pattern)));
        }

        var descending = Paging.Descending(query.SortOrder, defaultDescending: false);
        rows = (query.SortBy?.ToLowerInvariant() ?? "name") switch
        {
            "name" => descending ? rows.OrderByDescending(r => r.Name) : rows.OrderBy(r => r.Name),
            "creditlimit" => descending ? rows.OrderByDescending(r => r.Account.CreditLimit) : rows.OrderBy(r => r.Account.CreditLimit),
            "balance" => descending ? rows.OrderByDescending(r => r.Owed - r.Account.UnallocatedCredit) : rows.OrderBy(r => r.Owed - r.Account.UnallocatedCredit),
            _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortBy is one of: balance, creditLimit, name."),
        };

        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.Skip((query.Page - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        var open = await OpenInvoicesAsync(page.Select(r => r.Account.CustomerId).ToList(), cancellationToken);
        return new PagedResult<CreditAccountDto>(
            page.Select(r => ToDto(r.Account, r.Name, r.TaxId, open.GetValueOrDefault(r.Account.CustomerId) ?? [])).ToList(),
            Pagination.Of(query.Page, query.Size, total));
    }

    /// <summary>Posts RECEIVABLES debit against REVENUE and TAX_PAYABLE credits; refuses a limit breach unless credit.approve overrides with a reason.</summary>
    public async Task<(InvoiceDto Invoice, bool Replayed)> CreateInvoiceAsync(CurrentUser user, CreateInvoiceRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        var items = request.Items.Select(i => i.ToLine()).ToList();
        var totals = InvoiceTotals.Of(items);
        var today = time.Today();
        var invoiceDate = request.InvoiceDate ?? today;
        if (invoiceDate > today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The invoice date cannot be in the future.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(request.CustomerId!, cancellationToken);
        var open = await OpenExposures.Of(db).SingleOrDefaultAsync(e => e.CustomerId == account.CustomerId, cancellationToken);
        var credit = CreditStatusRules.Assess(open?.Owed ?? 0m, account.UnallocatedCredit, account.CreditLimit, open?.OldestDue, today);
        var balance = credit.Balance;
        if (CreditStatusRules.BlocksInvoices(credit.Status) || account.AccountStatus != CreditAccountStatus.ACTIVE)
        {
            throw DomainException.Rule(CreditHold, $"Customer {account.CustomerId} is on {credit.Status}/{account.AccountStatus}: no new invoices.", new Dictionary<string, object?>
            {
                ["creditStatus"] = credit.Status.ToString(),
                ["accountStatus"] = account.AccountStatus.ToString(),
                ["daysOverdue"] = credit.DaysOverdue,
                ["currentBalance"] = balance,
                ["currentLimit"] = account.CreditLimit,
            });
        }

        var overrideReason = string.IsNullOrWhiteSpace(request.CreditOverrideReason) ? null : request.CreditOverrideReason.Trim();
        if (balance + totals.Total > account.CreditLimit)
        {
            if (overrideReason is null || !user.Has(Permissions.CreditApprove))
            {
                throw DomainException.Rule(CreditLimitExceeded, "Credit limit would be exceeded", new Dictionary<string, object?>
                {
                    ["currentLimit"] = account.CreditLimit,
                    ["currentBalance"] = balance,
                    ["requestedAmount"] = totals.Total,
                    ["availableCredit"] = account.CreditLimit - balance,
                    ["override"] = "A user with credit.approve may pass creditOverrideReason.",
                });
            }
        }
        else
        {
            overrideReason = null;
        }

        var number = Invoice.FormatNumber(invoiceDate.Year, await db.NextValueOfAsync(BankOfficeDbContext.InvoiceNumberSequence, cancellationToken));
        var lines = new List<PostingLine> { PostingLine.Ledger(LedgerAccountKind.RECEIVABLES, -totals.Total), PostingLine.Ledger(LedgerAccountKind.REVENUE, totals.Subtotal) };
        if (totals.Tax != 0)
        {
            lines.Add(PostingLine.Ledger(LedgerAccountKind.TAX_PAYABLE, totals.Tax));
        }

        var posting = await PostAsync(new PostingCommand(EntryKind.INVOICE, $"Invoice {number} to {account.CustomerId}", invoiceDate, user.Name, lines, Currency: account.Currency),
            idempotency, transaction, cancellationToken);
        if (posting.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            var original = await db.Invoices.AsNoTracking().Where(i => i.EntryId == posting.Entry.Id).Select(i => i.Id).SingleAsync(cancellationToken);
            return (await GetInvoiceAsync(user, original.ToString(), cancellationToken), true);
        }

        var invoice = Invoice.Create(Guid.CreateVersion7(), number, account.CustomerId, account.Currency, invoiceDate, account.Terms, items, user.Name, overrideReason, posting.Entry.Id, time.GetUtcNow());
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ToDto(invoice, today, []), false);
    }

    public async Task<InvoiceDto> GetInvoiceAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var invoices = db.Invoices.AsNoTracking().Include(i => i.Items);
        var invoice = (Guid.TryParse(idOrNumber, out var id)
            ? await invoices.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : await invoices.SingleOrDefaultAsync(i => i.Number == idOrNumber, cancellationToken)) ?? throw DomainException.NotFound(InvoiceNotFound, $"Invoice not found: {idOrNumber}");
        Visible(user, invoice.CustomerId);
        var payments = await (from a in db.PaymentAllocations.AsNoTracking()
                              join p in db.Payments on a.PaymentId equals p.Id
                              where a.InvoiceId == invoice.Id && p.Status == PaymentStatus.POSTED
                              orderby a.Id
                              select new InvoicePaymentDto(p.Id, p.Number, p.PaymentDate, a.Applied, a.Discount)).ToListAsync(cancellationToken);
        return ToDto(invoice, time.Today(), payments);
    }

    public async Task<PagedResult<InvoiceDto>> ListInvoicesAsync(CurrentUser user, string? customerId, InvoiceStatus? status, int page, int size, CancellationToken cancellationToken)
    {
        Paging.Check(page, size);
        var invoices = db.Invoices.AsNoTracking().Include(i => i.Items).AsQueryable();
        if (user.IsCustomerOnly)
        {
            invoices = invoices.Where(i => i.CustomerId == user.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(customerId))
        {
            invoices = invoices.Where(i => i.CustomerId == customerId);
        }

        var today = time.Today();
        invoices = status switch
        {
            null => invoices,
            InvoiceStatus.OVERDUE => invoices.Where(i => Open.Contains(i.Status) && i.DueDate < today),
            InvoiceStatus.OPEN or InvoiceStatus.PARTIAL => invoices.Where(i => i.Status == status && i.DueDate >= today),
            _ => invoices.Where(i => i.Status == status),
        };
        var total = await invoices.LongCountAsync(cancellationToken);
        var rows = await invoices.OrderByDescending(i => i.InvoiceDate).ThenByDescending(i => i.Number).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<InvoiceDto>(rows.Select(i => ToDto(i, today, [])).ToList(), Pagination.Of(page, size, total));
    }

    /// <summary>
    /// Records a payment: cash/bank/clearing debit, discounts allowed debit, receivables credit. AUTO
    /// allocates oldest due first (see <see cref="Allocator"/>); MANUAL keeps it all as unallocated
    /// credit for a later allocation.
    /// </summary>
    public async Task<(PaymentDto Payment, bool Replayed)> RecordPaymentAsync(CurrentUser user, RecordPaymentRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);

        var amount = PostingRules.CheckAmount(request.Amount!.Value);
        var today = time.Today();
        var paymentDate = request.PaymentDate ?? today;
        if (paymentDate > today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The payment date cannot be in the future.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(request.CustomerId!, cancellationToken);
        var allocationType = request.AllocationType ?? AllocationType.AUTO;
        var invoices = await db.Invoices.Where(i => i.CustomerId == account.CustomerId && Open.Contains(i.Status)).ToListAsync(cancellationToken);
        var plan = allocationType == AllocationType.AUTO ? Allocator.Auto(amount, paymentDate, invoices.Select(i => i.AsOpen())) : new AllocationPlan([], amount);
        var method = request.PaymentMethod!.Value;
        var reference = request.Reference!.Trim();
        var number = Payment.FormatNumber(paymentDate.Year, await db.NextValueOfAsync(BankOfficeDbContext.PaymentNumberSequence, cancellationToken));
        var lines = PaymentLines(Counterpart(method), amount, plan.Applied + plan.Discount, plan.Discount, plan.Unallocated);

        var posting = await PostAsync(new PostingCommand(EntryKind.PAYMENT, $"Payment {number} from {account.CustomerId} ({method} {reference})", paymentDate, user.Name, lines, Currency: account.Currency),
            idempotency, transaction, cancellationToken);
        if (posting.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            var original = await db.Payments.AsNoTracking().Where(p => p.EntryId == posting.Entry.Id).Select(p => p.Id).SingleAsync(cancellationToken);
            return (await GetPaymentAsync(user, original.ToString(), cancellationToken), true);
        }

        if (await db.Payments.AnyAsync(p => p.CustomerId == account.CustomerId && p.Reference == reference && p.Amount == amount && p.Status == PaymentStatus.POSTED, cancellationToken))
        {
            throw DomainException.Conflict(DuplicatePayment, $"A payment from {account.CustomerId} with reference {reference} and amount {amount:0.00} is already recorded.");
        }

        foreach (var line in plan.Lines)
        {
            invoices.Single(i => i.Id == line.InvoiceId).Settle(line.Settled);
        }

        account.ReceivePayment(plan.Unallocated, paymentDate, time.GetUtcNow());
        var payment = Payment.Record(Guid.CreateVersion7(), number, account.CustomerId, account.Currency, amount, method, reference, paymentDate, allocationType, plan, user.Name, posting.Entry.Id, time.GetUtcNow());
        db.Payments.Add(payment);
        Outbox.Record(db, EventTypes.PaymentReceived, "customer", account.CustomerId, new
        {
            paymentId = payment.Number,
            customerId = account.CustomerId,
            amount = Money.AtScale(amount),
            currency = account.Currency,
            method,
            paymentDate,
            reference,
            allocated = Money.AtScale(amount - plan.Unallocated),
            unallocated = Money.AtScale(plan.Unallocated),
            transactionId = posting.Entry.Id,
        }, payment.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ToDto(payment, invoices.ToDictionary(i => i.Id, i => i.Number)), false);
    }

    /// <summary>
    /// Seed 003's manual allocation: moves a payment's unallocated money onto the given invoices
    /// (no discount), posting unapplied cash → receivables, idempotently.
    /// </summary>
    public async Task<(PaymentDto Payment, bool Replayed)> AllocateAsync(CurrentUser user, string idOrNumber, AllocatePaymentRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);

        var found = await GetPaymentAsync(user, idOrNumber, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(found.CustomerId, cancellationToken);
        var payment = await db.Payments.Include(p => p.Allocations).SingleAsync(p => p.Id == found.PaymentId, cancellationToken);
        var ids = request.Allocations.Select(a => a.InvoiceId!.Value).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Each invoice appears once in an allocation.");
        }

        var invoices = await db.Invoices.Where(i => ids.Contains(i.Id) && i.CustomerId == payment.CustomerId).ToListAsync(cancellationToken);
        var lines = request.Allocations.Select(a =>
        {
            var invoice = invoices.SingleOrDefault(i => i.Id == a.InvoiceId) ?? throw DomainException.NotFound(InvoiceNotFound, $"Invoice not found for this customer: {a.InvoiceId}");
            return Allocator.Manual(PostingRules.CheckAmount(a.Amount!.Value), invoice.AsOpen());
        }).ToList();
        var total = lines.Sum(l => l.Applied);
        var posting = await PostAsync(new PostingCommand(EntryKind.ALLOCATION, $"Allocation of payment {payment.Number}", time.Today(), user.Name,
            [PostingLine.Ledger(LedgerAccountKind.UNAPPLIED_CASH, -total), PostingLine.Ledger(LedgerAccountKind.RECEIVABLES, total)], Currency: account.Currency),
            idempotency, transaction, cancellationToken);
        if (posting.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (await GetPaymentAsync(user, payment.Id.ToString(), cancellationToken), true);
        }

        payment.Allocate(lines, time.GetUtcNow());
        foreach (var line in lines)
        {
            invoices.Single(i => i.Id == line.InvoiceId).Settle(line.Applied);
        }

        account.Apply(total, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var numbers = await db.Invoices.Where(i => payment.Allocations.Select(a => a.InvoiceId).Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        return (ToDto(payment, numbers), false);
    }

    /// <summary>
    /// A credit note against an open invoice: posts REVENUE and TAX_PAYABLE debits against a
    /// RECEIVABLES credit and reduces the invoice's balance. The caller approves it (credit.approve).
    /// </summary>
    public async Task<(CreditNoteDto CreditNote, bool Replayed)> IssueCreditNoteAsync(CurrentUser user, CreateCreditNoteRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.CreditApprove))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Credit notes are approved by a user with credit.approve.");
        }

        var items = request.Items.Select(i => i.ToLine()).ToList();
        var totals = InvoiceTotals.Of(items);
        var creditDate = request.CreditDate ?? time.Today();
        if (creditDate > time.Today())
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The credit date cannot be in the future.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(request.CustomerId!, cancellationToken);
        var key = request.RelatedInvoiceId!.Trim();
        var invoice = (Guid.TryParse(key, out var invoiceId)
            ? await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId && i.CustomerId == account.CustomerId, cancellationToken)
            : await db.Invoices.SingleOrDefaultAsync(i => i.Number == key && i.CustomerId == account.CustomerId, cancellationToken))
            ?? throw DomainException.NotFound(InvoiceNotFound, $"Invoice {key} not found for customer {account.CustomerId}.");
        var number = CreditNote.FormatNumber(creditDate.Year, await db.NextValueOfAsync(BankOfficeDbContext.CreditNoteNumberSequence, cancellationToken));
        var lines = new List<PostingLine> { PostingLine.Ledger(LedgerAccountKind.RECEIVABLES, totals.Total), PostingLine.Ledger(LedgerAccountKind.REVENUE, -totals.Subtotal) };
        if (totals.Tax != 0)
        {
            lines.Add(PostingLine.Ledger(LedgerAccountKind.TAX_PAYABLE, -totals.Tax));
        }

        lines.RemoveAll(l => l.Amount == 0);
        var posting = await PostAsync(new PostingCommand(EntryKind.CREDIT_NOTE, $"Credit note {number} on {invoice.Number}: {request.Reason!.Trim()}", creditDate, user.Name, lines, Currency: account.Currency),
            idempotency, transaction, cancellationToken);
        if (posting.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            var original = await db.CreditNotes.AsNoTracking().Include(n => n.Items).SingleAsync(n => n.EntryId == posting.Entry.Id, cancellationToken);
            return (ToDto(original, invoice.Number), true);
        }

        var note = CreditNote.Issue(Guid.CreateVersion7(), number, invoice, creditDate, request.Reason!.Trim(), items, user.Name, posting.Entry.Id, time.GetUtcNow());
        invoice.Settle(note.Total);
        db.CreditNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ToDto(note, invoice.Number), false);
    }

    public async Task<CreditNoteDto> GetCreditNoteAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var notes = db.CreditNotes.AsNoTracking().Include(n => n.Items);
        var note = (Guid.TryParse(idOrNumber, out var id)
            ? await notes.SingleOrDefaultAsync(n => n.Id == id, cancellationToken)
            : await notes.SingleOrDefaultAsync(n => n.Number == idOrNumber, cancellationToken)) ?? throw DomainException.NotFound("CREDIT_NOTE_NOT_FOUND", $"Credit note not found: {idOrNumber}");
        Visible(user, note.CustomerId);
        var invoiceNumber = await db.Invoices.Where(i => i.Id == note.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
        return ToDto(note, invoiceNumber);
    }

    /// <summary>What <see cref="RecordPaymentAsync"/> would allocate, without posting or locking anything.</summary>
    public async Task<PaymentDto> PreviewPaymentAsync(CurrentUser user, RecordPaymentRequest request, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);

        var amount = PostingRules.CheckAmount(request.Amount!.Value);
        var account = await db.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == request.CustomerId, cancellationToken) ?? throw AccountNotFound(request.CustomerId!);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == account.CustomerId && Open.Contains(i.Status)).ToListAsync(cancellationToken);
        var paymentDate = request.PaymentDate ?? time.Today();
        var plan = (request.AllocationType ?? AllocationType.AUTO) == AllocationType.AUTO ? Allocator.Auto(amount, paymentDate, invoices.Select(i => i.AsOpen())) : new AllocationPlan([], amount);
        return new PaymentDto(Guid.Empty, "PREVIEW", account.CustomerId, account.Currency, M(amount), paymentDate, request.PaymentMethod!.Value, request.Reference!.Trim(), "PREVIEW",
            plan.Lines.Select(l => new PaymentAllocationDto(l.InvoiceId, l.InvoiceNumber, M(l.Applied), M(l.Discount))).ToList(), M(plan.Unallocated), null, Guid.Empty);
    }

    /// <summary>
    /// Reverses a payment (e.g. a bounced check): posts the mirror of its entry (once: the ledger's
    /// unique reversal), re-opens what it settled on each invoice, and takes back its unallocated
    /// credit. The caller approves it and needs credit.approve as well as payment.process.
    /// </summary>
    public async Task<(PaymentDto Payment, bool Replayed)> ReversePaymentAsync(CurrentUser user, string idOrNumber, ReversePaymentRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.PaymentProcess) || !user.Has(Permissions.CreditApprove))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "A payment reversal needs an approver with payment.process and credit.approve.");
        }

        var found = await GetPaymentAsync(user, idOrNumber, cancellationToken);
        var reversalDate = request.ReversalDate ?? time.Today();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(found.CustomerId, cancellationToken);
        var payment = await db.Payments.Include(p => p.Allocations).SingleAsync(p => p.Id == found.PaymentId, cancellationToken);
        // The mirror of the payment as it stands now (after any manual allocations): what it settled
        // comes back onto receivables, what is still unapplied leaves the unapplied-cash account.
        var settled = payment.Allocations.Sum(a => a.Applied + a.Discount);
        var discount = payment.Allocations.Sum(a => a.Discount);
        var lines = PaymentLines(Counterpart(payment.Method), payment.Amount, settled, discount, payment.Unallocated).Select(l => l with { Amount = -l.Amount }).ToList();
        var posting = await PostAsync(new PostingCommand(EntryKind.REVERSAL, $"Reversal of payment {payment.Number}: {request.Reason!.Trim()}", reversalDate, user.Name, lines, payment.EntryId, account.Currency),
            idempotency, transaction, cancellationToken);
        if (posting.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (await GetPaymentAsync(user, payment.Id.ToString(), cancellationToken), true);
        }

        payment.Reverse(request.Reason!.Trim(), user.Name, posting.Entry.Id, time.GetUtcNow());
        var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(cancellationToken);
        foreach (var allocation in payment.Allocations)
        {
            invoices.Single(i => i.Id == allocation.InvoiceId).Unsettle(allocation.Applied + allocation.Discount);
        }

        account.ReversePayment(payment.Unallocated, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ToDto(payment, invoices.ToDictionary(i => i.Id, i => i.Number)), false);
    }

    public async Task<PagedResult<PaymentDto>> SearchPaymentsAsync(CurrentUser user, PaymentQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var payments = db.Payments.AsNoTracking().Include(p => p.Allocations).AsQueryable();
        if (user.IsCustomerOnly)
        {
            payments = payments.Where(p => p.CustomerId == user.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(query.CustomerId))
        {
            payments = payments.Where(p => p.CustomerId == query.CustomerId);
        }

        if (query.FromDate is { } from)
        {
            payments = payments.Where(p => p.PaymentDate >= from);
        }

        if (query.ToDate is { } to)
        {
            payments = payments.Where(p => p.PaymentDate <= to);
        }

        if (query.Method is { } method)
        {
            payments = payments.Where(p => p.Method == method);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = query.Status.Trim().ToUpperInvariant() switch
            {
                "RECORDED" or "POSTED" => PaymentStatus.POSTED,
                "REVERSED" => PaymentStatus.REVERSED,
                _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "status is RECORDED or REVERSED."),
            };
            payments = payments.Where(p => p.Status == status);
        }

        if (query.MinAmount is { } min)
        {
            payments = payments.Where(p => p.Amount >= min);
        }

        if (query.MaxAmount is { } max)
        {
            payments = payments.Where(p => p.Amount <= max);
        }

        var total = await payments.LongCountAsync(cancellationToken);
        var rows = await payments.OrderByDescending(p => p.PaymentDate).ThenByDescending(p => p.Number).Skip((query.Page - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        var invoiceIds = rows.SelectMany(p => p.Allocations).Select(a => a.InvoiceId).Distinct().ToList();
        var numbers = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        return new PagedResult<PaymentDto>(rows.Select(p => ToDto(p, numbers)).ToList(), Pagination.Of(query.Page, query.Size, total));
    }

    /// <summary>
    /// Seed 003's statement: invoices are debits; payments and their discounts are credits; a payment
    /// reversal is a debit. The closing balance equals the account's current balance on that date
    /// (open invoice balances − unallocated credit).
    /// </summary>
    /// <remarks>The range is checked by the caller (<see cref="Core.Statements.StatementRange"/>).</remarks>
    public async Task<CustomerStatementDto> StatementAsync(CurrentUser user, string customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var customer = await customers.FindVisibleAsync(user, customerId, cancellationToken);
        var account = await db.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken) ?? throw AccountNotFound(customerId);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.InvoiceDate <= to)
            .Select(i => new { i.InvoiceDate, i.Number, i.Total }).ToListAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Allocations).Where(p => p.CustomerId == customerId && p.PaymentDate <= to).ToListAsync(cancellationToken);
        var reversalDates = await db.JournalEntries.AsNoTracking()
            .Where(e => payments.Select(p => p.ReversalEntryId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.ValueDate, cancellationToken);

        var movements = new List<(DateOnly Date, int Order, string Type, string Reference, string Description, decimal Debit, decimal Credit)>();
        movements.AddRange(invoices.Select(i => (i.InvoiceDate, 0, "INVOICE", i.Number, "Invoice", i.Total, 0m)));
        foreach (var p in payments)
        {
            var discount = p.Allocations.Sum(a => a.Discount);
            movements.Add((p.PaymentDate, 1, "PAYMENT", p.Number, $"{p.Method} {p.Reference}", 0m, p.Amount));
            if (discount > 0)
            {
                movements.Add((p.PaymentDate, 2, "DISCOUNT", p.Number, "Early-payment discount", 0m, discount));
            }

            if (p.ReversalEntryId is { } reversal && reversalDates.TryGetValue(reversal, out var reversedOn) && reversedOn <= to)
            {
                movements.Add((reversedOn, 3, "PAYMENT_REVERSAL", p.Number, p.ReversalReason ?? "Reversal", p.Amount + discount, 0m));
            }
        }

        var creditNotes = await db.CreditNotes.AsNoTracking().Where(n => n.CustomerId == customerId && n.CreditDate <= to)
            .Select(n => new { n.CreditDate, n.Number, n.Reason, n.Total }).ToListAsync(cancellationToken);
        movements.AddRange(creditNotes.Select(n => (n.CreditDate, 4, "CREDIT_NOTE", n.Number, n.Reason, 0m, n.Total)));

        var opening = movements.Where(m => m.Date < from).Sum(m => m.Debit - m.Credit);
        var running = opening;
        var lines = new List<StatementLineDto>();
        foreach (var m in movements.Where(m => m.Date >= from).OrderBy(m => m.Date).ThenBy(m => m.Order).ThenBy(m => m.Reference, StringComparer.Ordinal))
        {
            running += m.Debit - m.Credit;
            lines.Add(new StatementLineDto(m.Date, m.Type, m.Reference, m.Description, M(m.Debit), M(m.Credit), M(running)));
        }

        return new CustomerStatementDto(customerId, customer.Name, account.Currency, new StatementPeriodDto(from, to), M(opening), lines,
            M(lines.Sum(l => l.Debit)), M(lines.Sum(l => l.Credit)), M(running));
    }

    public async Task<PaymentDto> GetPaymentAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking().Include(p => p.Allocations);
        var payment = (Guid.TryParse(idOrNumber, out var id)
            ? await payments.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await payments.SingleOrDefaultAsync(p => p.Number == idOrNumber, cancellationToken)) ?? throw DomainException.NotFound(PaymentNotFound, $"Payment not found: {idOrNumber}");
        Visible(user, payment.CustomerId);
        var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        return ToDto(payment, numbers);
    }

    private async Task<PostingResult> PostAsync(PostingCommand command, IdempotencyContext idempotency, IDbContextTransaction transaction, CancellationToken cancellationToken) =>
        await engine.PostWithinAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), command, idempotency, null, cancellationToken);

    private async Task<Dictionary<string, List<Invoice>>> OpenInvoicesAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        (await db.Invoices.AsNoTracking().Where(i => customerIds.Contains(i.CustomerId) && Open.Contains(i.Status)).ToListAsync(cancellationToken))
        .GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => g.ToList());

    private CreditAccountDto ToDto(CreditAccount account, string name, string? taxId, IReadOnlyCollection<Invoice> open)
    {
        var today = time.Today();
        var aging = open.Aggregate(AgingBuckets.Empty, (buckets, invoice) => buckets.Add(invoice.DueDate, today, invoice.Balance));
        var credit = CreditStatusRules.Assess(aging.Total, account.UnallocatedCredit, account.CreditLimit, open.Count == 0 ? null : open.Min(i => i.DueDate), today);
        return new CreditAccountDto(account.CustomerId, name, taxId, account.Currency, M(account.CreditLimit), M(credit.Balance), M(account.CreditLimit - credit.Balance),
            M(account.UnallocatedCredit), credit.Status, account.PaymentTerms, account.RiskCategory, account.LastPaymentDate, account.AccountStatus,
            new AgingDto(M(aging.Current), M(aging.Days1_30), M(aging.Days31_60), M(aging.Days61_90), M(aging.Over90)),
            credit.UtilisationPercent, credit.DaysOverdue, account.NextReviewDate, account.Reviewer);
    }

    private static InvoiceDto ToDto(Invoice i, DateOnly today, IReadOnlyList<InvoicePaymentDto> payments) =>
        new(i.Id, i.Number, i.CustomerId, i.Currency, i.InvoiceDate, i.DueDate, i.PaymentTerms, M(i.Subtotal), M(i.Tax), M(i.Total), M(i.Paid), M(i.Balance), i.StatusOn(today),
            i.CreditOverrideReason, i.EntryId,
            i.Items.OrderBy(x => x.LineNo).Select(x => new InvoiceItemDto(x.LineNo, x.ProductCode, x.Description, M(x.Quantity), M(x.UnitPrice), decimal.Round(x.TaxRate, 6) + 0.000000m, M(x.Subtotal), M(x.Tax))).ToList(),
            payments.Select(p => p with { Amount = M(p.Amount), Discount = M(p.Discount) }).ToList());

    private static PaymentDto ToDto(Payment p, IReadOnlyDictionary<Guid, string> invoiceNumbers) =>
        new(p.Id, p.Number, p.CustomerId, p.Currency, M(p.Amount), p.PaymentDate, p.Method, p.Reference, p.Status == PaymentStatus.POSTED ? "RECORDED" : p.Status.ToString(),
            p.Allocations.OrderBy(a => a.Id).Select(a => new PaymentAllocationDto(a.InvoiceId, invoiceNumbers.GetValueOrDefault(a.InvoiceId) ?? string.Empty, M(a.Applied), M(a.Discount))).ToList(),
            M(p.Unallocated), ReceiptUrl(p.Number), p.EntryId);

    /// <summary>Where the payment's PDF receipt is (rendered on request, so a later reversal shows on it).</summary>
    public static string ReceiptUrl(string paymentNumber) => $"/api/v1/payments/{Uri.EscapeDataString(paymentNumber)}/receipt";

    private static CreditNoteDto ToDto(CreditNote n, string invoiceNumber) =>
        new(n.Id, n.Number, n.CustomerId, n.InvoiceId, invoiceNumber, n.CreditDate, n.Reason, n.ApprovedBy, M(n.Subtotal), M(n.Tax), M(n.Total), n.EntryId,
            n.Items.OrderBy(x => x.LineNo).Select(x => new InvoiceItemDto(x.LineNo, x.ProductCode, x.Description, M(x.Quantity), M(x.UnitPrice), decimal.Round(x.TaxRate, 6) + 0.000000m, M(x.Subtotal), M(x.Tax))).ToList());

    // Money at numeric(19,4)'s scale, so an answer built in memory reads the same as one read back (replays).
    private static decimal M(decimal value) => Money.AtScale(value);

    /// <summary>
    /// A payment's entry: cash/bank/clearing debit for the amount, discounts-allowed debit for the
    /// discount, receivables credit for what it settled (cash + discount), unapplied-cash credit for
    /// the rest. Zero lines are left out.
    /// </summary>
    private static List<PostingLine> PaymentLines(LedgerAccountKind counterpart, decimal amount, decimal settled, decimal discount, decimal unallocated)
    {
        var lines = new List<PostingLine> { PostingLine.Ledger(counterpart, -amount) };
        if (settled > 0)
        {
            lines.Add(PostingLine.Ledger(LedgerAccountKind.RECEIVABLES, settled));
        }

        if (discount > 0)
        {
            lines.Add(PostingLine.Ledger(LedgerAccountKind.DISCOUNTS_ALLOWED, -discount));
        }

        if (unallocated > 0)
        {
            lines.Add(PostingLine.Ledger(LedgerAccountKind.UNAPPLIED_CASH, unallocated));
        }

        return lines;
    }

    private static LedgerAccountKind Counterpart(PaymentMethod method) => method switch
    {
        PaymentMethod.CASH => LedgerAccountKind.CASH,
        PaymentMethod.BANK_TRANSFER => LedgerAccountKind.BANK,
        _ => LedgerAccountKind.CLEARING, // checks and cards clear through clearing until settled
    };

    private static void Visible(CurrentUser user, string customerId)
    {
        if (!user.CanSeeCustomer(customerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see your own invoices and payments.");
        }
    }

    internal static DomainException AccountNotFound(string customerId) =>
        DomainException.NotFound(CreditAccountNotFound, $"Customer {customerId} has no credit account.");
}
