using BankOffice.Api.Infrastructure;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Ledger;

/// <summary>
/// The money-moving operations and the ledger reads. Who may do what:
/// deposits, withdrawals, generic credits and debits, balance updates and reversals are staff work
/// (payment.process, not a customer login); a customer transfers only from their own non-LOAN
/// accounts, to any account of the bank; reads show a customer only entries on their own accounts.
/// </summary>
public sealed class TransactionService(PostingEngine engine, BankOfficeDbContext db, TimeProvider time)
{
    public const string ReversalNotReversible = "REVERSAL_NOT_REVERSIBLE";
    public const string TransactionNotFound = "TRANSACTION_NOT_FOUND";
    public const string StaffOnly = "Only bank staff with payment.process can do this.";

    public Task<PostingResult> DepositAsync(CurrentUser user, AccountAmountRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken) =>
        CounterAsync(user, request, idempotency, EntryKind.DEPOSIT, LedgerAccountKind.CASH, +1, "Cash deposit", cancellationToken);

    public Task<PostingResult> WithdrawAsync(CurrentUser user, AccountAmountRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken) =>
        CounterAsync(user, request, idempotency, EntryKind.WITHDRAWAL, LedgerAccountKind.CASH, -1, "Cash withdrawal", cancellationToken);

    public Task<PostingResult> CreditAsync(CurrentUser user, AccountAmountRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken) =>
        CounterAsync(user, request, idempotency, EntryKind.CREDIT, LedgerAccountKind.CLEARING, +1, "Credit", cancellationToken);

    public Task<PostingResult> DebitAsync(CurrentUser user, AccountAmountRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken) =>
        CounterAsync(user, request, idempotency, EntryKind.DEBIT, LedgerAccountKind.CLEARING, -1, "Debit", cancellationToken);

    /// <summary>Seed 004's signed balance update: a positive amount is a CREDIT, a negative one a DEBIT, against clearing.</summary>
    public async Task<PostingResult> UpdateBalanceAsync(CurrentUser user, string accountNumber, BalanceUpdateRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        RequireStaff(user);
        var signed = request.Amount!.Value;
        PostingRules.CheckAmount(Math.Abs(signed));
        var credit = signed > 0;
        var command = new PostingCommand(credit ? EntryKind.CREDIT : EntryKind.DEBIT, Describe(request.Description, credit ? "Credit" : "Debit"), time.Today(), user.Name,
            [PostingLine.Account(accountNumber, signed), PostingLine.Ledger(LedgerAccountKind.CLEARING, -signed)]);
        return await engine.PostAsync(command, idempotency, null, cancellationToken);
    }

    /// <summary>Seed 004's answer to a balance update, from its posting.</summary>
    public static BalanceUpdateDto ToBalanceUpdate(PostingResult result)
    {
        var line = result.Lines.Single(l => l.AccountId is not null);
        return new BalanceUpdateDto(line.AccountNumber!, line.BalanceAfter!.Value - line.Amount, line.BalanceAfter!.Value, line.Amount,
            line.Amount > 0 ? "CREDIT" : "DEBIT", result.Entry.Id, result.Entry.PostedAt);
    }

    public async Task<PostingResult> TransferAsync(CurrentUser user, TransferRequest request, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.PaymentProcess))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Transfers need the payment.process permission.");
        }

        var amount = PostingRules.CheckAmount(request.Amount!.Value);
        var hasNumber = !string.IsNullOrWhiteSpace(request.ToAccountNumber);
        var hasIban = !string.IsNullOrWhiteSpace(request.ToIban);
        if (hasNumber == hasIban)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Give the target as toAccountNumber or toIban (one of them).");
        }

        var to = hasNumber ? PostingLine.Account(request.ToAccountNumber!.Trim(), amount) : PostingLine.AccountByIban(Iban.Parse(request.ToIban).Value, amount);
        var from = request.FromAccountNumber!.Trim();
        var command = new PostingCommand(EntryKind.TRANSFER, Describe(request.Description, "Transfer"), ValueDate(request.ValueDate), user.Name,
            [PostingLine.Account(from, -amount), to]);
        return await engine.PostAsync(command, idempotency, accounts =>
        {
            var source = accounts.Single(a => a.Number == from);
            if (accounts.Count == 1)
            {
                throw DomainException.Rule(PostingRules.SameAccount, "A transfer needs two different accounts.");
            }

            if (user.IsCustomerOnly && (source.CustomerId != user.CustomerId || source.Type == AccountType.LOAN))
            {
                throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden,
                    source.Type == AccountType.LOAN ? "Loan drawdowns are made by the bank." : "You can only transfer from your own accounts.");
            }

            var target = accounts.Single(a => a.Id != source.Id);
            if (target.Currency != source.Currency)
            {
                throw DomainException.Rule(PostingRules.CurrencyMismatch, $"Cannot transfer between {source.Currency} and {target.Currency} accounts.",
                    new Dictionary<string, object?> { ["fromCurrency"] = source.Currency.ToString(), ["toCurrency"] = target.Currency.ToString() });
            }
        }, cancellationToken);
    }

    /// <summary>Posts the mirror image of an entry, once; the original stays as it was.</summary>
    public async Task<PostingResult> ReverseAsync(CurrentUser user, Guid transactionId, string reason, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        RequireStaff(user);
        var original = await engine.LoadAsync(transactionId, cancellationToken) ?? throw NotFound(transactionId);
        if (original.Entry.Kind == EntryKind.REVERSAL)
        {
            throw DomainException.Rule(ReversalNotReversible, "A reversal cannot itself be reversed; post a new transaction instead.");
        }

        // Whether it was already reversed is checked by the engine once the accounts are locked, after
        // a retry with the original key has been recognised and replayed.
        return await engine.PostAsync(Mirror(original, reason, user), idempotency, null, cancellationToken);
    }

    public async Task<PagedResult<TransactionDto>> SearchAsync(CurrentUser user, TransactionQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var entries = Visible(user);
        if (!string.IsNullOrWhiteSpace(query.AccountNumber))
        {
            var number = query.AccountNumber.Trim();
            entries = entries.Where(e => db.JournalLines.Any(l => l.EntryId == e.Id && db.Accounts.Any(a => a.Id == l.AccountId && a.Number == number)));
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.ValueDate >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.ValueDate <= to);
        }

        if (query.MinAmount is { } min)
        {
            entries = entries.Where(e => e.Amount >= min);
        }

        if (query.MaxAmount is { } max)
        {
            entries = entries.Where(e => e.Amount <= max);
        }

        var total = await entries.LongCountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        return new PagedResult<TransactionDto>(await ToDtosAsync(user, page, cancellationToken), Pagination.Of(query.Page, query.Size, total));
    }

    public async Task<TransactionDto> GetAsync(CurrentUser user, Guid transactionId, CancellationToken cancellationToken)
    {
        var result = await engine.LoadAsync(transactionId, cancellationToken) ?? throw NotFound(transactionId);
        if (user.IsCustomerOnly && result.Lines.All(l => l.CustomerId != user.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see transactions on your own accounts.");
        }

        return ToDto(user, result);
    }

    public async Task<PagedResult<AccountTransactionDto>> AccountLedgerAsync(
        CurrentUser user, string accountNumber, int page, int size, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        Paging.Check(page, size);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Number == accountNumber).Select(a => new { a.Id, a.CustomerId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AccountNotFound, $"Account not found: {accountNumber}");
        if (!user.CanSeeCustomer(account.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only access your own accounts.");
        }

        var lines = from l in db.JournalLines.AsNoTracking()
                    join e in db.JournalEntries on l.EntryId equals e.Id
                    where l.AccountId == account.Id
                    select new { l.Id, Entry = e, l.Amount, l.BalanceAfter };
        if (from is { } fromDate)
        {
            lines = lines.Where(x => x.Entry.ValueDate >= fromDate);
        }

        if (to is { } toDate)
        {
            lines = lines.Where(x => x.Entry.ValueDate <= toDate);
        }

        var total = await lines.LongCountAsync(cancellationToken);
        var rows = await lines.OrderByDescending(x => x.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<AccountTransactionDto>(
            rows.Select(x => new AccountTransactionDto(x.Entry.Id, x.Entry.Kind, x.Entry.Description, x.Entry.ValueDate, x.Entry.PostedAt, x.Amount, x.BalanceAfter!.Value, x.Entry.ReversalOf)).ToList(),
            Pagination.Of(page, size, total));
    }

    public TransactionDto ToDto(CurrentUser user, PostingResult result) =>
        new(result.Entry.Id, result.Entry.Kind, result.Entry.Description, result.Entry.ValueDate, result.Entry.PostedAt, result.Entry.Actor,
            result.Entry.Amount, result.Entry.Currency, result.Entry.ReversalOf, result.ReversedBy,
            result.Lines.Select(l => new TransactionLineDto(l.AccountNumber, l.LedgerCode, l.Currency, l.Amount,
                l.CustomerId is not null && user.CanSeeCustomer(l.CustomerId) ? l.BalanceAfter : null)).ToList());

    private async Task<List<TransactionDto>> ToDtosAsync(CurrentUser user, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var lines = await engine.LoadLinesAsync(ids, cancellationToken);
        var reversals = await db.JournalEntries.Where(e => e.ReversalOf != null && ids.Contains(e.ReversalOf.Value))
            .Select(e => new { e.Id, Of = e.ReversalOf!.Value }).ToDictionaryAsync(x => x.Of, x => x.Id, cancellationToken);
        return entries.Select(e => ToDto(user, new PostingResult(e, lines[e.Id].ToList(), reversals.TryGetValue(e.Id, out var by) ? by : null, false))).ToList();
    }

    private IQueryable<JournalEntry> Visible(CurrentUser user)
    {
        var entries = db.JournalEntries.AsNoTracking();
        return user.IsCustomerOnly
            ? entries.Where(e => db.JournalLines.Any(l => l.EntryId == e.Id && db.Accounts.Any(a => a.Id == l.AccountId && a.CustomerId == user.CustomerId)))
            : entries;
    }

    private async Task<PostingResult> CounterAsync(
        CurrentUser user, AccountAmountRequest request, IdempotencyContext idempotency, EntryKind kind, LedgerAccountKind counterpart, int sign, string defaultDescription, CancellationToken cancellationToken)
    {
        RequireStaff(user);
        var amount = sign * PostingRules.CheckAmount(request.Amount!.Value);
        var command = new PostingCommand(kind, Describe(request.Description, defaultDescription), ValueDate(request.ValueDate), user.Name,
            [PostingLine.Account(request.AccountNumber!.Trim(), amount), PostingLine.Ledger(counterpart, -amount)]);
        return await engine.PostAsync(command, idempotency, null, cancellationToken);
    }

    private PostingCommand Mirror(PostingResult original, string reason, CurrentUser user) =>
        new(EntryKind.REVERSAL, Describe($"Reversal of {original.Entry.Kind} {original.Entry.Id}: {reason}", "Reversal"), time.Today(), user.Name,
            original.Lines.Select(l => l.AccountNumber is not null
                ? PostingLine.Account(l.AccountNumber, -l.Amount)
                : PostingLine.Ledger(LedgerAccountCodes.KindOf(l.LedgerCode!), -l.Amount)).ToList(),
            original.Entry.Id);

    /// <summary>Money work done by the bank: payment.process on a staff login (customers hold payment.process for their own transfers only).</summary>
    internal static void RequireStaff(CurrentUser user)
    {
        if (!user.Has(Permissions.PaymentProcess) || user.IsCustomerOnly)
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, StaffOnly);
        }
    }

    private DateOnly ValueDate(DateOnly? requested)
    {
        var today = time.Today();
        if (requested is { } date && date > today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The value date cannot be in the future.");
        }

        return requested ?? today;
    }

    private static string Describe(string? description, string fallback)
    {
        var text = string.IsNullOrWhiteSpace(description) ? fallback : description.Trim();
        return text.Length <= JournalEntry.DescriptionMaxLength ? text : text[..JournalEntry.DescriptionMaxLength];
    }

    private static DomainException NotFound(Guid id) => DomainException.NotFound(TransactionNotFound, $"Transaction not found: {id}");
}
