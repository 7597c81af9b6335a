using System.Text;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Reconciliation;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankOffice.Api.Reconciliation;

/// <summary>
/// Bank statements reconciled against the bank's book: the BANK ledger account of the statement's
/// currency (there is one per currency, so the bank account named on a statement labels it) and the
/// bank-transfer payments recorded into it. A payment is in the book on a date when it is dated on
/// or before it and was not reversed by then (its reversal's value date is later). Changes to one
/// reconciliation run under its row lock, and matching takes a per-currency lock, so two people
/// matching at once queue; the unique index on the matched payment is the last word (409).
/// </summary>
public sealed class BankReconciliationService(BankOfficeDbContext db, TimeProvider time)
{
    /// <summary>The first key of the per-currency matching locks ("RECN").</summary>
    public const int LockClass = 0x5245_434E;

    public async Task<BankReconciliationDto> CreateAsync(CurrentUser user, CreateBankReconciliationRequest request, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        var statementDate = request.StatementDate!.Value;
        var problems = new List<StatementProblem>();
        // A JSON null arrives as null despite the initialiser.
        var lines = (request.Transactions ?? [])
            .Select((t, i) => StatementRules.Check(i + 1, t.Date, t.Reference, t.Amount, t.Type, t.Description, statementDate, problems))
            .ToList();
        StatementRules.ThrowIfAny(problems);
        return await CreateCheckedAsync(user, request, lines.Select(l => l!).ToList(), cancellationToken);
    }

    /// <summary>
    /// A CSV statement (<see cref="BankStatementCsv"/>) with the header fields of <paramref name="header"/>:
    /// every problem of the file is listed by its line number and nothing is saved while there is one.
    /// </summary>
    public async Task<BankReconciliationDto> UploadAsync(CurrentUser user, CreateBankReconciliationRequest header, Stream file, long length, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        if (length > StatementRules.MaxFileBytes)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The file is {length / 1024} KB; statements up to {StatementRules.MaxFileBytes / 1024 / 1024} MB are accepted.");
        }

        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var parsed = BankStatementCsv.Parse(await reader.ReadToEndAsync(cancellationToken));
        var problems = parsed.Problems.ToList();
        var statementDate = header.StatementDate!.Value;
        var lines = parsed.Rows.Select(r => StatementRules.Check(r.Line, r.Date, r.Reference, r.Amount, r.Type, r.Description, statementDate, problems)).ToList();
        // A field the reader could not parse arrives empty; its "missing" would only repeat the reader's own, more precise, problem.
        StatementRules.ThrowIfAny(problems.GroupBy(p => (p.Line, p.Field)).Select(g => g.First()).OrderBy(p => p.Line).ToList());
        return await CreateCheckedAsync(user, header, lines.Select(l => l!).ToList(), cancellationToken);
    }

    public async Task<BankReconciliationDto> GetAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        var reconciliation = await db.BankReconciliations.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw NotFound(id);
        return (await WorkspaceAsync(reconciliation, cancellationToken)).Dto;
    }

    public async Task<PagedResult<BankReconciliationListItemDto>> ListAsync(CurrentUser user, string? bankAccount, BankReconciliationStatus? status, int page, int size, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        var query = db.BankReconciliations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(bankAccount))
        {
            query = query.Where(r => r.BankAccount == bankAccount.Trim());
        }

        if (status is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }

        var rows = query.OrderByDescending(r => r.StatementDate).ThenByDescending(r => r.CreatedAt).Select(r => new BankReconciliationListItemDto(
            r.Id, r.BankAccount, r.Currency, r.StatementDate, r.StatementBalance, r.Status, r.Lines.Count, r.Lines.Count(l => l.PaymentId != null), r.CreatedBy, r.CreatedAt, r.CompletedAt));
        var result = await rows.ToPageAsync(page, size, r => r with { StatementBalance = Money.AtScale(r.StatementBalance) }, cancellationToken);
        return result;
    }

    /// <summary>A person matches a line to a payment in the book of exactly its amount that no other line has.</summary>
    public async Task<BankReconciliationDto> MatchAsync(CurrentUser user, Guid id, Guid lineId, MatchLineRequest request, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reconciliation = await LockAsync(id, cancellationToken);
        await LockBookAsync(reconciliation.Currency, cancellationToken);
        var line = await LineAsync(id, lineId, cancellationToken);
        if (line.PaymentId is not null)
        {
            throw DomainException.Conflict(ReconciliationErrors.LineAlreadyMatched, $"Line {line.LineNo} is already matched; unmatch it first.");
        }

        var payment = await PaymentAsync(request.PaymentId!.Trim(), cancellationToken);
        if (!await InBook(reconciliation.Currency, reconciliation.StatementDate).AnyAsync(p => p.Id == payment.Id, cancellationToken))
        {
            throw DomainException.Rule(ReconciliationErrors.PaymentNotInBook,
                $"Payment {payment.Number} is not in the {reconciliation.Currency} bank book on {reconciliation.StatementDate:yyyy-MM-dd}: only bank transfers in that currency, dated by then and not reversed by then, can match.",
                new Dictionary<string, object?>
                {
                    ["paymentNumber"] = payment.Number,
                    ["method"] = payment.Method.ToString(),
                    ["currency"] = payment.Currency.ToString(),
                    ["paymentDate"] = payment.PaymentDate,
                    ["statementDate"] = reconciliation.StatementDate,
                    ["status"] = payment.Status.ToString(),
                });
        }

        ReconciliationMath.CheckSameAmount(line.LineNo, line.Amount, payment.Number, payment.Amount);
        var other = await db.BankStatementLines.AsNoTracking().Where(l => l.PaymentId == payment.Id)
            .Join(db.BankReconciliations, l => l.ReconciliationId, r => r.Id, (l, r) => new { r.Id, r.BankAccount, r.StatementDate, l.LineNo })
            .FirstOrDefaultAsync(cancellationToken);
        if (other is not null)
        {
            throw AlreadyMatched(payment.Number, new Dictionary<string, object?>
            {
                ["reconciliationId"] = other.Id, ["bankAccount"] = other.BankAccount, ["statementDate"] = other.StatementDate, ["lineNo"] = other.LineNo,
            });
        }

        line.Match(payment.Id, MatchStatus.MANUAL, user.Name, time.GetUtcNow());
        await SaveAsync(payment.Number, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(user, id, cancellationToken);
    }

    public async Task<BankReconciliationDto> UnmatchAsync(CurrentUser user, Guid id, Guid lineId, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(id, cancellationToken);
        var line = await LineAsync(id, lineId, cancellationToken);
        line.Unmatch();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(user, id, cancellationToken);
    }

    /// <summary>Only with nothing unexplained (400 RECONCILIATION_DIFFERENCE); afterwards it is read-only (409 RECONCILIATION_COMPLETED).</summary>
    public async Task<BankReconciliationDto> CompleteAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        TransactionService.RequireStaff(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reconciliation = await LockAsync(id, cancellationToken);
        // The book can move while we look (a payment recorded or matched elsewhere): hold the matching lock so the figure we check is the one we record.
        await LockBookAsync(reconciliation.Currency, cancellationToken);
        await db.Entry(reconciliation).Collection(r => r.Lines).LoadAsync(cancellationToken);
        var workspace = await WorkspaceAsync(reconciliation, cancellationToken);
        reconciliation.Complete(workspace.Figures.UnexplainedDifference, user.Name, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(user, id, cancellationToken);
    }

    private async Task<BankReconciliationDto> CreateCheckedAsync(CurrentUser user, CreateBankReconciliationRequest request, IReadOnlyList<StatementLineInput> lines, CancellationToken cancellationToken)
    {
        var statementDate = request.StatementDate!.Value;
        if (statementDate > time.Today())
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The statement date cannot be in the future.");
        }

        var balance = request.StatementBalance!.Value;
        if (decimal.Round(balance, Money.Scale) != balance)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The statement balance has at most {Money.Scale} decimals.");
        }

        var currency = request.Currency ?? Currency.TRY;
        var now = time.GetUtcNow();
        var reconciliation = new BankReconciliation(Guid.CreateVersion7(), request.BankAccount!.Trim(), currency, statementDate, balance, user.Name, now);
        reconciliation.Lines.AddRange(lines.Select((l, i) => new BankStatementLine(Guid.CreateVersion7(), reconciliation.Id, i + 1, l.Date, l.Reference, l.Amount, l.Type, l.Description)));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockBookAsync(currency, cancellationToken);
        var incoming = reconciliation.Lines.Where(l => l.Amount > 0).ToList();
        if (incoming.Count > 0)
        {
            // Only payments near some line can match automatically; the window never passes the statement date.
            var from = incoming.Min(l => l.Date).AddDays(-BankMatching.DateWindowDays);
            var amounts = incoming.Select(l => l.Amount).Distinct().ToList();
            var candidates = await InBook(currency, statementDate)
                .Where(p => p.PaymentDate >= from && amounts.Contains(p.Amount) && !db.BankStatementLines.Any(l => l.PaymentId == p.Id))
                .OrderBy(p => p.PaymentDate).ThenBy(p => p.Number)
                .Select(p => new BookItem(p.Id, p.PaymentDate, p.Reference, p.Amount))
                .ToListAsync(cancellationToken);
            var pairs = BankMatching.AutoMatch(incoming.Select(l => new StatementItem(l.Id, l.Date, l.Reference, l.Amount)).ToList(), candidates);
            foreach (var pair in pairs)
            {
                reconciliation.Lines.Single(l => l.Id == pair.LineId).Match(pair.PaymentId, MatchStatus.AUTO, user.Name, now);
            }
        }

        db.BankReconciliations.Add(reconciliation);
        await SaveAsync(null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(user, reconciliation.Id, cancellationToken);
    }

    private sealed record Workspace(BankReconciliationDto Dto, ReconciliationFigures Figures);

    private async Task<Workspace> WorkspaceAsync(BankReconciliation reconciliation, CancellationToken cancellationToken)
    {
        var statementDate = reconciliation.StatementDate;
        var currency = reconciliation.Currency;
        var code = LedgerAccountCodes.For(LedgerAccountKind.BANK, currency);
        // Journal lines are credit-positive; the bank's money at other banks is an asset, so its balance is minus their sum.
        var lineSum = await (from l in db.JournalLines
                             join e in db.JournalEntries on l.EntryId equals e.Id
                             join a in db.LedgerAccounts on l.LedgerAccountId equals a.Id
                             where a.Code == code && e.ValueDate <= statementDate
                             select (decimal?)l.Amount).SumAsync(cancellationToken) ?? 0m;
        var bookBalance = 0m - lineSum;

        var first = await db.BankReconciliations.Where(r => r.BankAccount == reconciliation.BankAccount && r.Currency == currency).MinAsync(r => (DateOnly?)r.StatementDate, cancellationToken)
            ?? statementDate;
        var bookFrom = new DateOnly(first.Year, first.Month, 1);

        // Outstanding on the statement date: in the book, from bookFrom, and matched by no line of a statement dated up to then
        // (a later statement's match does not rewrite what this one showed).
        var unmatched = await InBook(currency, statementDate)
            .Where(p => p.PaymentDate >= bookFrom
                && !db.BankStatementLines.Any(l => l.PaymentId == p.Id && db.BankReconciliations.Any(r => r.Id == l.ReconciliationId && r.StatementDate <= statementDate)))
            .OrderBy(p => p.PaymentDate).ThenBy(p => p.Number)
            .ToListAsync(cancellationToken);

        var matchedIds = reconciliation.Lines.Where(l => l.PaymentId is not null).Select(l => l.PaymentId!.Value).ToList();
        var matchedPayments = await db.Payments.AsNoTracking().Where(p => matchedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        // A line matched to a payment that has since left the book (reversed with an earlier value date) explains nothing any more.
        var stillInBook = (await InBook(currency, statementDate).Where(p => matchedIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();

        var ordered = reconciliation.Lines.OrderBy(l => l.LineNo).ToList();
        bool Explained(BankStatementLine l) => l.PaymentId is { } paymentId && stillInBook.Contains(paymentId);
        var figures = ReconciliationMath.Summarize(reconciliation.StatementBalance, bookBalance, ordered.Select(l => (l.Amount, Explained(l))), unmatched.Select(p => p.Amount));
        var dto = new BankReconciliationDto(
            reconciliation.Id, reconciliation.BankAccount, currency, statementDate, M(reconciliation.StatementBalance), M(bookBalance), M(reconciliation.StatementBalance - bookBalance),
            reconciliation.Status,
            ordered.Select(l => new BankStatementLineDto(l.Id, l.LineNo, l.Date, l.Reference, M(l.Amount), l.Type, l.Description, l.MatchStatus,
                l.PaymentId is { } paymentId && matchedPayments.TryGetValue(paymentId, out var payment) ? ToDto(payment) : null, l.MatchedBy, l.MatchedAt)).ToList(),
            ordered.Count(l => !Explained(l)),
            unmatched.Select(ToDto).ToList(),
            new ReconciliationSummaryDto(figures.MatchedCount, M(figures.MatchedAmount), M(figures.UnmatchedStatementAmount), M(figures.UnmatchedBookAmount), M(figures.UnexplainedDifference)),
            bookFrom, reconciliation.CreatedBy, reconciliation.CreatedAt, reconciliation.CompletedBy, reconciliation.CompletedAt);
        return new Workspace(dto, figures);
    }

    /// <summary>Bank-transfer payments in <paramref name="currency"/> that are in the book at the end of <paramref name="asOf"/>.</summary>
    private IQueryable<Payment> InBook(Currency currency, DateOnly asOf) =>
        db.Payments.AsNoTracking().Where(p => p.Method == PaymentMethod.BANK_TRANSFER && p.Currency == currency && p.PaymentDate <= asOf
            && (p.ReversalEntryId == null || db.JournalEntries.Any(e => e.Id == p.ReversalEntryId && e.ValueDate > asOf)));

    private async Task<BankReconciliation> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        var reconciliation = await db.BankReconciliations.FromSqlInterpolated($"SELECT *, xmin FROM bank_reconciliations WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(id);
        reconciliation.EnsureOpen();
        return reconciliation;
    }

    /// <summary>Serialises matching in one currency (automatic or manual), so two reconciliations never reach for the same payment at once.</summary>
    private async Task LockBookAsync(Currency currency, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({LockClass}, {(int)currency})", cancellationToken);

    private async Task<BankStatementLine> LineAsync(Guid id, Guid lineId, CancellationToken cancellationToken) =>
        await db.BankStatementLines.SingleOrDefaultAsync(l => l.Id == lineId && l.ReconciliationId == id, cancellationToken)
        ?? throw DomainException.NotFound(ReconciliationErrors.LineNotFound, $"Statement line not found: {lineId}");

    private async Task<Payment> PaymentAsync(string idOrNumber, CancellationToken cancellationToken) =>
        (Guid.TryParse(idOrNumber, out var paymentId)
            ? await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken)
            : await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Number == idOrNumber, cancellationToken))
        ?? throw DomainException.NotFound(ReceivablesService.PaymentNotFound, $"Payment not found: {idOrNumber}");

    /// <summary>Saves; the one-match-per-payment index refusing a row means someone matched that payment first: 409.</summary>
    private async Task SaveAsync(string? paymentNumber, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: BankStatementLine.OneMatchPerPaymentIndex })
        {
            throw AlreadyMatched(paymentNumber, null);
        }
    }

    private static DomainException AlreadyMatched(string? paymentNumber, IReadOnlyDictionary<string, object?>? details) =>
        new(DomainErrorKind.Conflict, ReconciliationErrors.PaymentAlreadyMatched,
            paymentNumber is null ? "A payment was matched by another statement line meanwhile; try again." : $"Payment {paymentNumber} is already matched to a statement line.", details);

    private static BookPaymentDto ToDto(Payment p) => new(p.Id, p.Number, p.CustomerId, M(p.Amount), p.PaymentDate, p.Reference);

    private static DomainException NotFound(Guid id) => DomainException.NotFound(ReconciliationErrors.NotFound, $"Bank reconciliation not found: {id}");

    // Money at numeric(19,4)'s scale, as read back from PostgreSQL.
    private static decimal M(decimal value) => Money.AtScale(value);
}
