using BankOffice.Api.Events;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BankOffice.Api.Ledger;

/// <summary>One side of a posting: a customer account (by number or IBAN) or an internal account of a kind, and its signed amount.</summary>
public sealed record PostingLine(string? AccountNumber, string? Iban, LedgerAccountKind? Internal, decimal Amount)
{
    public static PostingLine Account(string number, decimal amount) => new(number, null, null, amount);
    public static PostingLine AccountByIban(string iban, decimal amount) => new(null, iban, null, amount);
    public static PostingLine Ledger(LedgerAccountKind kind, decimal amount) => new(null, null, kind, amount);
}

/// <summary>
/// A posting to make. The entry's currency is its customer accounts' (they must agree), or
/// <see cref="Currency"/> when it moves internal accounts only; internal lines use the internal
/// account of their kind in that currency, e.g. CASH-TRY.
/// </summary>
/// <remarks><see cref="ByPeriodClose"/> is set only by the period close, which posts into its own CLOSING period.</remarks>
public sealed record PostingCommand(EntryKind Kind, string Description, DateOnly ValueDate, string Actor, IReadOnlyList<PostingLine> Lines, Guid? ReversalOf = null, Currency? Currency = null, bool ByPeriodClose = false)
{
    public bool IsReversal => ReversalOf is not null;
}

/// <summary>The caller's Idempotency-Key with a hash of what they asked, scoped to the user.</summary>
public sealed record IdempotencyContext(string UserId, string Key, string RequestHash);

public sealed record PostedLine(Guid? AccountId, string? AccountNumber, string? CustomerId, string? LedgerCode, Currency Currency, decimal Amount, decimal? BalanceAfter);

public sealed record PostingResult(JournalEntry Entry, IReadOnlyList<PostedLine> Lines, Guid? ReversedBy, bool Replayed);

/// <summary>
/// Writes journal entries. In one database transaction: records the idempotency key (a second
/// request with the same key waits on it, then replays), locks the customer accounts involved in id
/// order (so concurrent postings queue instead of deadlocking), checks the posting rules on the
/// locked balances, and writes the entry, its lines, the new balances and the account history in
/// one round trip. At every commit each balance equals the sum of its lines (docs/decisions/0005).
/// </summary>
public sealed class PostingEngine(NpgsqlDataSource dataSource, BankOfficeDbContext db, TimeProvider time)
{
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string AlreadyReversed = "ALREADY_REVERSED";

    public async Task<PostingResult> PostAsync(
        PostingCommand command, IdempotencyContext? idempotency, Action<IReadOnlyList<AccountSnapshot>>? authorize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await PostWithinAsync(connection, transaction, command, idempotency, authorize, cancellationToken);
        if (result.Replayed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_journal_entries_reversal_of" })
        {
            throw DomainException.Conflict(AlreadyReversed, "This transaction has already been reversed.");
        }

        return result;
    }

    /// <summary>
    /// Posts inside the caller's transaction (which the caller commits), so that documents such as
    /// invoices and payments are written atomically with their entry. On a replayed key it answers
    /// the original entry with <c>Replayed</c> set and writes nothing; the caller should roll back.
    /// </summary>
    public async Task<PostingResult> PostWithinAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostingCommand command, IdempotencyContext? idempotency,
        Action<IReadOnlyList<AccountSnapshot>>? authorize, CancellationToken cancellationToken)
    {
        if (command.Lines.Count < 2)
        {
            throw new InvalidOperationException("A posting has at least two lines.");
        }

        var entryId = Guid.CreateVersion7();
        var now = time.GetUtcNow();

        // One round trip: claim the key, lock the accounts (in id order) and, for a reversal, look
        // for an earlier reversal; the last statement runs after the locks are held, so two racing
        // reversals are told "already reversed", whatever the balances.
        var (claimed, accounts, alreadyReversed, periodStatus) = await ClaimAndLockAsync(connection, transaction, command, idempotency, entryId, now, cancellationToken);
        if (!claimed)
        {
            var replayId = await EarlierEntryAsync(connection, transaction, idempotency!, cancellationToken);
            var original = await LoadAsync(replayId, cancellationToken) ?? throw new InvalidOperationException($"Idempotency key points at missing entry {replayId}.");
            return original with { Replayed = true, ReversedBy = null };
        }

        PeriodGuard.Check(periodStatus, command.ValueDate, command.ByPeriodClose);

        if (alreadyReversed)
        {
            throw DomainException.Conflict(AlreadyReversed, "This transaction has already been reversed.");
        }

        authorize?.Invoke(accounts);

        // Postings on internal accounts only (receivables, revenue, tax) name their currency.
        var currency = accounts.Count > 0 ? accounts[0].Currency : command.Currency ?? throw new InvalidOperationException("A posting without customer accounts names its currency.");
        var balances = accounts.ToDictionary(a => a.Id, a => a.Balance);
        var posted = new List<PostedLine>(command.Lines.Count);
        foreach (var line in command.Lines)
        {
            if (line.Internal is { } kind)
            {
                posted.Add(new PostedLine(null, null, null, LedgerAccountCodes.For(kind, currency), currency, Money.AtScale(line.Amount), null));
                continue;
            }

            var account = Find(accounts, line);
            var newBalance = PostingRules.Apply(account with { Balance = balances[account.Id] }, line.Amount, currency, command.IsReversal);
            balances[account.Id] = newBalance;
            posted.Add(new PostedLine(account.Id, account.Number, account.CustomerId, null, currency, Money.AtScale(line.Amount), Money.AtScale(newBalance)));
        }

        if (posted.Sum(l => l.Amount) != 0m)
        {
            throw new InvalidOperationException("The posting does not balance.");
        }

        var amount = posted.Where(l => l.Amount > 0).Sum(l => l.Amount);
        var entry = new JournalEntry(entryId, command.Kind, command.Description, command.ValueDate, now, command.Actor, idempotency?.Key, command.ReversalOf, amount, currency);
        try
        {
            await WriteAsync(connection, transaction, entry, posted, accounts, balances, cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_journal_entries_reversal_of" })
        {
            throw DomainException.Conflict(AlreadyReversed, "This transaction has already been reversed.");
        }

        return new PostingResult(entry, posted, null, false);
    }

    /// <summary>An entry with its lines (account numbers or internal codes), and the entry that reversed it if any.</summary>
    public async Task<PostingResult?> LoadAsync(Guid entryId, CancellationToken cancellationToken)
    {
        var entry = await db.JournalEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var lines = (await LoadLinesAsync([entryId], cancellationToken))[entryId].ToList();
        var reversedBy = await db.JournalEntries.Where(e => e.ReversalOf == entryId).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        return new PostingResult(entry, lines, reversedBy, false);
    }

    public async Task<ILookup<Guid, PostedLine>> LoadLinesAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken cancellationToken)
    {
        var rows = await (from l in db.JournalLines.AsNoTracking()
                          where entryIds.Contains(l.EntryId)
                          join a in db.Accounts on l.AccountId equals a.Id into accounts
                          from a in accounts.DefaultIfEmpty()
                          join g in db.LedgerAccounts on l.LedgerAccountId equals g.Id into ledgers
                          from g in ledgers.DefaultIfEmpty()
                          orderby l.Id
                          select new { l.EntryId, Line = new PostedLine(l.AccountId, a.Number, a.CustomerId, g.Code, l.Currency, l.Amount, l.BalanceAfter) })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.EntryId, r => r.Line);
    }

    private static async Task<(bool Claimed, List<AccountSnapshot> Accounts, bool AlreadyReversed, PeriodStatus? PeriodStatus)> ClaimAndLockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostingCommand command, IdempotencyContext? idempotency, Guid entryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var numbers = command.Lines.Where(l => l.AccountNumber is not null).Select(l => l.AccountNumber!).Distinct().ToArray();
        var ibans = command.Lines.Where(l => l.Iban is not null).Select(l => l.Iban!).Distinct().ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (idempotency is not null)
        {
            batch.BatchCommands.Add(SqlCommands.Batched(
                "INSERT INTO idempotency_keys (user_id, key, request_hash, entry_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, key) DO NOTHING RETURNING 1",
                idempotency.UserId, idempotency.Key, idempotency.RequestHash, entryId, now));
        }

        // The period's shared lock, then its status: a close takes the lock exclusively to flip the
        // period to CLOSING, so it waits for postings in flight and later ones read CLOSING.
        batch.BatchCommands.Add(SqlCommands.Batched(PeriodGuard.SharedLockSql, PeriodGuard.SharedLockParameters(command.ValueDate)));
        batch.BatchCommands.Add(SqlCommands.Batched(PeriodGuard.StatusSql, command.ValueDate));

        // Locks in primary-key order: two postings over the same accounts always queue, never deadlock.
        var lockCommand = new NpgsqlBatchCommand(
            "SELECT id, number, iban, customer_id, type, currency, status, balance FROM accounts WHERE number = ANY($1) OR iban = ANY($2) ORDER BY id FOR UPDATE");
        lockCommand.Parameters.Add(new() { Value = numbers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        lockCommand.Parameters.Add(new() { Value = ibans, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        batch.BatchCommands.Add(lockCommand);
        if (command.ReversalOf is { } original)
        {
            batch.BatchCommands.Add(SqlCommands.Batched("SELECT EXISTS (SELECT 1 FROM journal_entries WHERE reversal_of = $1)", original));
        }

        var claimed = true;
        var accounts = new List<AccountSnapshot>();
        var alreadyReversed = false;
        PeriodStatus? periodStatus = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (idempotency is not null)
            {
                claimed = await reader.ReadAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken))
            {
                periodStatus = Enum.Parse<PeriodStatus>(reader.GetString(0));
            }

            await reader.NextResultAsync(cancellationToken);

            while (await reader.ReadAsync(cancellationToken))
            {
                accounts.Add(new AccountSnapshot(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Enum.Parse<AccountType>(reader.GetString(4)), Enum.Parse<Currency>(reader.GetString(5)), Enum.Parse<AccountStatus>(reader.GetString(6)),
                    reader.GetDecimal(7)));
            }

            if (command.ReversalOf is not null && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
            {
                alreadyReversed = reader.GetBoolean(0);
            }
        }

        if (claimed)
        {
            foreach (var line in command.Lines.Where(l => l.Internal is null))
            {
                Find(accounts, line);
            }
        }

        return (claimed, accounts, alreadyReversed, periodStatus);
    }

    /// <summary>The entry an already-used key stands for; a different request under the same key is refused.</summary>
    private static async Task<Guid> EarlierEntryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT request_hash, entry_id FROM idempotency_keys WHERE user_id = $1 AND key = $2", connection, transaction);
        select.Parameters.Add(new() { Value = idempotency.UserId });
        select.Parameters.Add(new() { Value = idempotency.Key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetString(0) != idempotency.RequestHash)
        {
            throw DomainException.Conflict(IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request. Use a new key for a new operation.");
        }

        return reader.GetGuid(1);
    }

    private static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, JournalEntry entry, IReadOnlyList<PostedLine> lines,
        IReadOnlyList<AccountSnapshot> accounts, IReadOnlyDictionary<Guid, decimal> balances, CancellationToken cancellationToken)
    {
        var changed = accounts.Where(a => balances[a.Id] != a.Balance || lines.Any(l => l.AccountId == a.Id)).ToList();
        var customerLines = lines.Where(l => l.AccountId is not null).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(SqlCommands.Batched(
            "INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            entry.Id, entry.Kind.ToString(), entry.Description, entry.ValueDate, entry.PostedAt, entry.Actor, (object?)entry.IdempotencyKey ?? DBNull.Value,
            (object?)entry.ReversalOf ?? DBNull.Value, entry.Amount, entry.Currency.ToString()));
        batch.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
            SELECT $1, t.account_id, la.id, $2, t.amount, t.balance_after
            FROM unnest($3::uuid[], $4::text[], $5::numeric[], $6::numeric[]) WITH ORDINALITY AS t(account_id, code, amount, balance_after, ord)
            LEFT JOIN ledger_accounts la ON la.code = t.code
            ORDER BY t.ord
            """,
            entry.Id, entry.Currency.ToString(), lines.Select(l => l.AccountId).ToArray(), lines.Select(l => l.LedgerCode).ToArray(),
            lines.Select(l => l.Amount).ToArray(), lines.Select(l => l.BalanceAfter).ToArray()));
        batch.BatchCommands.Add(SqlCommands.Batched(
            "UPDATE accounts AS a SET balance = v.balance, updated_at = $3 FROM unnest($1::uuid[], $2::numeric[]) AS v(id, balance) WHERE a.id = v.id",
            changed.Select(a => a.Id).ToArray(), changed.Select(a => balances[a.Id]).ToArray(), entry.PostedAt));
        batch.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO account_history (account_id, account_number, operation, previous_balance, new_balance, description, actor, created_at)
            SELECT t.account_id, t.number, 'UPDATE_BALANCE', t.new_balance - t.amount, t.new_balance, $4, $5, $6
            FROM unnest($1::uuid[], $2::text[], $3::numeric[], $7::numeric[]) AS t(account_id, number, amount, new_balance)
            """,
            customerLines.Select(l => l.AccountId!.Value).ToArray(), customerLines.Select(l => l.AccountNumber!).ToArray(), customerLines.Select(l => l.Amount).ToArray(),
            Truncate(entry.Description, AccountHistoryEntry.DescriptionMaxLength), entry.Actor, entry.PostedAt, customerLines.Select(l => l.BalanceAfter!.Value).ToArray()));
        batch.BatchCommands.Add(OutboxSql.Insert(Events(entry, lines)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }


    /// <summary>The transaction's event, then each customer line's balance events, committed with the entry.</summary>
    private static List<OutboxMessage> Events(JournalEntry entry, IReadOnlyList<PostedLine> lines)
    {
        var messages = new List<OutboxMessage>
        {
            AccountEvents.Transaction(entry.Id, entry.Kind, entry.Amount, entry.Currency, entry.ValueDate, entry.Description, entry.ReversalOf,
                lines.Select(l => new TransactionLineData(l.AccountNumber, l.LedgerCode, l.Amount, l.BalanceAfter)).ToList(), entry.PostedAt),
        };
        foreach (var line in lines.Where(l => l.AccountNumber is not null))
        {
            messages.AddRange(AccountEvents.BalanceMoved(new BalanceMove(line.AccountNumber!, line.Amount, line.BalanceAfter!.Value), entry.Description, entry.PostedAt));
        }

        return messages;
    }

    private static AccountSnapshot Find(IReadOnlyList<AccountSnapshot> accounts, PostingLine line) =>
        accounts.FirstOrDefault(a => line.AccountNumber is not null ? a.Number == line.AccountNumber : a.Iban == line.Iban)
        ?? throw DomainException.NotFound(ErrorCodes.AccountNotFound, $"Account not found: {line.AccountNumber ?? line.Iban}");

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
