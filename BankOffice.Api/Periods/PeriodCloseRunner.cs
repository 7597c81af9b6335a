using BankOffice.Api.Events;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Statements;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Periods;

/// <summary>
/// Runs a close's steps in order from the first unfinished one. Each step can be repeated after a
/// crash without booking twice: interest writes one accrual row per run and account in the same
/// transaction as its entry (and skips accounts that have one), provisions book the difference
/// between the required allowance and its balance, snapshots and statements are rewritten whole.
/// Progress is saved after every batch.
/// </summary>
public sealed class PeriodCloseRunner(
    BankOfficeDbContext db, NpgsqlDataSource dataSource, TimeProvider time, IOptions<PeriodCloseOptions> options,
    IOptions<StatementOptions> statementOptions, StatementRunSignal statementRuns, ILogger<PeriodCloseRunner> logger)
{
    public const string Actor = "period-close";

    private IReadOnlyList<Receivables.CustomerAging>? periodEndAging;

    private PeriodCloseOptions Options => options.Value;

    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.CloseRuns.Include(r => r.Steps).SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != CloseRunStatus.RUNNING)
        {
            return;
        }

        run.PickedUp();
        await db.SaveChangesAsync(cancellationToken);
        var period = PeriodKey.Parse(run.Period);
        try
        {
            foreach (var step in Enum.GetValues<CloseStep>())
            {
                if (run.Step(step).IsFinished)
                {
                    continue;
                }

                run.Begin(step, run.Step(step).Total, time.GetUtcNow());
                await (step switch
                {
                    CloseStep.CUTOFF => CutoffAsync(run, period, cancellationToken),
                    CloseStep.INTEREST => InterestAsync(run, period, cancellationToken),
                    CloseStep.PROVISION => ProvisionAsync(run, period, cancellationToken),
                    CloseStep.RECONCILIATION => ReconcileAsync(run, cancellationToken),
                    CloseStep.SNAPSHOTS => SnapshotsAsync(run, period, cancellationToken),
                    CloseStep.STATEMENTS => StatementsAsync(run, period, cancellationToken),
                    _ => FinalizeAsync(run, cancellationToken),
                });
                if (run.Status != CloseRunStatus.RUNNING)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything unexpected: the run fails, the period opens again; a new close books only what is still missing.
            logger.LogError(ex, "Period close {RunId} failed", run.Id);
            db.ChangeTracker.Clear();
            run = await db.CloseRuns.Include(r => r.Steps).SingleAsync(r => r.Id == runId, CancellationToken.None);
            run.Fail(ex.Message, time.GetUtcNow());
            await ReopenForCorrectionsAsync(run, "CLOSE_FAILED", ex.Message, CancellationToken.None);
        }
    }

    private async Task CutoffAsync(CloseRun run, PeriodKey period, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.CUTOFF, 1, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await using var command = Sql(
            "SELECT count(*), count(*) FILTER (WHERE posted_at > $3) FROM journal_entries WHERE value_date BETWEEN $1 AND $2 AND kind NOT IN ('INTEREST', 'PROVISION')");
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End });
        command.Parameters.Add(new NpgsqlParameter { Value = run.CutoffAt });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (entries, late) = (reader.GetInt64(0), reader.GetInt64(1));
        var message = $"{entries} entries dated in {period}; postings into it are closed from {run.StartedAt:u}.";
        if (late > 0)
        {
            message += $" {late} of them were posted after the cut-off {run.CutoffAt:u} but before the close began, so they are included.";
        }

        run.Complete(CloseStep.CUTOFF, message, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task InterestAsync(CloseRun run, PeriodKey period, CancellationToken cancellationToken)
    {
        var keys = Options.InterestRates.Where(r => r.AnnualRate != 0).Select(r => $"{r.AccountType}-{r.Currency}").Distinct().ToArray();
        var total = await ScalarAsync<long>("SELECT count(*) FROM accounts WHERE status <> 'CLOSED' AND (type || '-' || currency) = ANY($1)", cancellationToken, (object)keys);
        var done = await ScalarAsync<long>("SELECT count(*) FROM interest_accruals WHERE run_id = $1", cancellationToken, run.Id);
        run.Begin(CloseStep.INTEREST, total, time.GetUtcNow());
        run.Advance(CloseStep.INTEREST, done);
        await db.SaveChangesAsync(cancellationToken);

        // One pass over the month's ledger for every account still to do, then booking in batches.
        var pending = await InterestLinesAsync(run, period, keys, cancellationToken);
        foreach (var batch in pending.Chunk(Math.Max(1, Options.BatchSize)))
        {
            await BookInterestAsync(run, period, [.. batch], cancellationToken);
            done += batch.Length;
            run.Advance(CloseStep.INTEREST, done);
            await db.SaveChangesAsync(cancellationToken);
            if (Options.BatchPause > TimeSpan.Zero)
            {
                await Task.Delay(Options.BatchPause, time, cancellationToken);
            }
        }

        var booked = await db.InterestAccruals.Where(a => a.RunId == run.Id && a.Booked != 0).GroupBy(a => a.Currency)
            .Select(g => new { g.Key, Sum = g.Sum(a => a.Booked), Count = g.Count() }).ToListAsync(cancellationToken);
        run.Complete(CloseStep.INTEREST, booked.Count == 0
            ? $"{done} interest-bearing accounts; no interest to book."
            : $"{done} interest-bearing accounts; booked " + string.Join(", ", booked.OrderBy(b => b.Key).Select(b => $"{PostingRules.Format(b.Sum)} {b.Key} on {b.Count} accounts")) + ".",
            time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record InterestLine(Guid AccountId, AccountType Type, Currency Currency, decimal BalanceDays, decimal AlreadyBooked);

    /// <summary>
    /// Every account this run has not accrued yet (a resumed run skips the others), in id order, with
    /// its balance-days: the opening balance (the previous period's snapshot, else every line before
    /// the period) times the period's days, plus each line in the period times the days from its value
    /// date to the end; and what earlier runs booked for the period. One hash aggregate over the
    /// month's lines (the whole history only when there is no previous snapshot) instead of an index
    /// probe per account. Interest the close itself booked is left out, so a re-close does not earn
    /// interest on interest.
    /// </summary>
    private async Task<List<InterestLine>> InterestLinesAsync(CloseRun run, PeriodKey period, string[] keys, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.id, a.type, a.currency, coalesce(pb.closing, m.before, 0) * $7 + coalesce(m.weighted, 0), coalesce(x.booked, 0)
            FROM accounts a
            LEFT JOIN period_balances pb ON pb.period = $6 AND pb.account_id = a.id
            LEFT JOIN (
                SELECT l.account_id,
                       sum(l.amount) FILTER (WHERE e.value_date < $3) AS before,
                       sum(l.amount * ($4 - e.value_date + 1)) FILTER (WHERE e.value_date >= $3 AND e.kind <> 'INTEREST') AS weighted
                FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                WHERE l.account_id IS NOT NULL AND e.value_date <= $4
                  AND (e.value_date >= $3 OR NOT EXISTS (SELECT 1 FROM period_balances WHERE period = $6))
                GROUP BY l.account_id) m ON m.account_id = a.id
            LEFT JOIN (SELECT account_id, sum(booked) AS booked FROM interest_accruals WHERE period = $5 GROUP BY account_id) x ON x.account_id = a.id
            WHERE a.status <> 'CLOSED' AND (a.type || '-' || a.currency) = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM interest_accruals y WHERE y.run_id = $2 AND y.account_id = a.id)
            ORDER BY a.id
            """;
        await using var command = Sql(sql);
        foreach (var value in new object[] { keys, run.Id, period.Start, period.End, period.ToString(), period.Previous.ToString(), period.Days })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<InterestLine>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new InterestLine(reader.GetGuid(0), Enum.Parse<AccountType>(reader.GetString(1)), Enum.Parse<Currency>(reader.GetString(2)), reader.GetDecimal(3), reader.GetDecimal(4)));
        }

        return lines;
    }

    /// <summary>
    /// One transaction per batch: locks the accounts that get interest (in id order, as postings do),
    /// writes one INTEREST entry per account dated the period's last day (customer line +interest,
    /// INTEREST ledger line -interest), the new balances and history, and an accrual row for every
    /// account of the batch, booked or not.
    /// </summary>
    private async Task BookInterestAsync(CloseRun run, PeriodKey period, List<InterestLine> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = batch.Select(b =>
        {
            var rate = Options.RateFor(b.Type, b.Currency)!;
            var interest = InterestRules.Interest(b.BalanceDays, b.Type, rate);
            var book = interest - b.AlreadyBooked;
            return (Line: b, Rate: rate, Interest: interest, Book: book, EntryId: book == 0 ? (Guid?)null : Guid.CreateVersion7());
        }).ToList();
        var posted = rows.Where(r => r.Book != 0).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var balances = new Dictionary<Guid, (string Number, decimal Balance)>();
        if (posted.Count > 0)
        {
            await using var lockCommand = new NpgsqlCommand("SELECT id, number, balance FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction) { CommandTimeout = Timeout };
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = posted.Select(p => p.Line.AccountId).ToArray() });
            await using var reader = await lockCommand.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                balances[reader.GetGuid(0)] = (reader.GetString(1), reader.GetDecimal(2));
            }
        }

        var description = $"Interest {period}";
        var entryIds = posted.Select(p => p.EntryId!.Value).ToArray();
        var accountIds = posted.Select(p => p.Line.AccountId).ToArray();
        var amounts = posted.Select(p => p.Book).ToArray();
        var currencies = posted.Select(p => p.Line.Currency.ToString()).ToArray();
        var after = posted.Select(p => balances[p.Line.AccountId].Balance + p.Book).ToArray();
        var numbers = posted.Select(p => balances[p.Line.AccountId].Number).ToArray();
        var descriptions = posted.Select(p => $"{description} at {p.Rate.AnnualRate:0.####}% {p.Rate.DayCount}").ToArray();

        await using var batchCommand = Batch(connection, transaction);
        batchCommand.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency)
            SELECT t.id, 'INTEREST', t.description, $3, $4, $5, NULL, NULL, abs(t.amount), t.currency
            FROM unnest($1::uuid[], $2::numeric[], $6::text[], $7::text[]) AS t(id, amount, currency, description)
            """,
            entryIds, amounts, period.End, now, Actor, currencies, descriptions));
        batchCommand.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
            SELECT t.id, x.account_id, x.ledger_id, t.currency, x.amount, x.balance_after
            FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[], $5::numeric[]) WITH ORDINALITY AS t(id, account_id, amount, currency, balance_after, ord)
            JOIN ledger_accounts la ON la.code = 'INTEREST-' || t.currency
            CROSS JOIN LATERAL (VALUES (1, t.account_id, NULL::uuid, t.amount, t.balance_after), (2, NULL::uuid, la.id, -t.amount, NULL::numeric)) AS x(side, account_id, ledger_id, amount, balance_after)
            ORDER BY t.ord, x.side
            """,
            entryIds, accountIds, amounts, currencies, after));
        batchCommand.BatchCommands.Add(SqlCommands.Batched(
            "UPDATE accounts AS a SET balance = v.balance, updated_at = $3 FROM unnest($1::uuid[], $2::numeric[]) AS v(id, balance) WHERE a.id = v.id",
            accountIds, after, now));
        batchCommand.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO account_history (account_id, account_number, operation, previous_balance, new_balance, description, actor, created_at)
            SELECT t.account_id, t.number, 'UPDATE_BALANCE', t.balance_after - t.amount, t.balance_after, $5, $6, $7
            FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[]) AS t(account_id, number, amount, balance_after)
            """,
            accountIds, numbers, amounts, after, description, Actor, now));
        batchCommand.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO interest_accruals (period, run_id, account_id, currency, balance_days, annual_rate, day_count, interest, booked, entry_id)
            SELECT $1, $2, t.account_id, t.currency, t.balance_days, t.rate, t.day_count, t.interest, t.booked, t.entry_id
            FROM unnest($3::uuid[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::numeric[], $9::numeric[], $10::uuid[])
                 AS t(account_id, currency, balance_days, rate, day_count, interest, booked, entry_id)
            """,
            period.ToString(), run.Id, rows.Select(r => r.Line.AccountId).ToArray(), rows.Select(r => r.Line.Currency.ToString()).ToArray(),
            rows.Select(r => decimal.Round(r.Line.BalanceDays, Money.Scale)).ToArray(), rows.Select(r => r.Rate.AnnualRate).ToArray(), rows.Select(r => r.Rate.DayCount.ToString()).ToArray(),
            rows.Select(r => r.Interest).ToArray(), rows.Select(r => r.Book).ToArray(), rows.Select(r => r.EntryId).ToArray()));
        if (posted.Count > 0)
        {
            batchCommand.BatchCommands.Add(OutboxSql.Insert(posted.SelectMany((p, i) => InterestEvents(p.EntryId!.Value, numbers[i], p.Book, p.Line.Currency, after[i], descriptions[i], period, now)).ToList()));
        }

        await batchCommand.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>An interest entry's events, as a posting of it would record them (customer line, then the INTEREST ledger line).</summary>
    private static IEnumerable<OutboxMessage> InterestEvents(Guid entryId, string number, decimal amount, Currency currency, decimal balanceAfter, string description, PeriodKey period, DateTimeOffset now)
    {
        yield return AccountEvents.Transaction(entryId, EntryKind.INTEREST, Math.Abs(amount), currency, period.End, description, null,
            [new(number, null, amount, balanceAfter), new(null, LedgerAccountCodes.For(LedgerAccountKind.INTEREST, currency), -amount, null)], now);
        foreach (var message in AccountEvents.BalanceMoved(new BalanceMove(number, amount, balanceAfter), description, now))
        {
            yield return message;
        }
    }

    /// <summary>
    /// Per currency: the allowance the aging at the period's end requires, less the allowance's
    /// balance by then, booked as one PROVISION entry (allowance credit, expense debit; a release
    /// when negative). Repeating it books nothing more, because the balance then already matches.
    /// </summary>
    private async Task ProvisionAsync(CloseRun run, PeriodKey period, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.PROVISION, Enum.GetValues<Currency>().Length, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var aging = await PeriodEndAgingAsync(period, cancellationToken);

        var rates = Options.ProvisionRates;
        var lines = new List<string>();
        var processed = 0;
        foreach (var currency in Enum.GetValues<Currency>())
        {
            processed++;
            if (await db.PeriodProvisions.AnyAsync(p => p.RunId == run.Id && p.Currency == currency, cancellationToken))
            {
                continue;
            }

            var buckets = aging.Where(a => a.Currency == currency).Select(a => a.Buckets)
                .Aggregate(Core.Receivables.AgingBuckets.Empty, (x, y) => new(x.Current + y.Current, x.Days1_30 + y.Days1_30, x.Days31_60 + y.Days31_60, x.Days61_90 + y.Days61_90, x.Over90 + y.Over90));
            var previous = await ScalarAsync<decimal>(
                "SELECT coalesce(sum(l.amount), 0) FROM journal_lines l JOIN ledger_accounts la ON la.id = l.ledger_account_id JOIN journal_entries e ON e.id = l.entry_id WHERE la.code = $1 AND e.value_date <= $2",
                cancellationToken, $"ALLOWANCE-{currency}", period.End);
            var required = ProvisionRules.Required(buckets, rates);
            if (required == 0 && previous == 0)
            {
                continue;
            }

            var adjustment = required - previous;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            Guid? entryId = null;
            await using var batch = Batch(connection, transaction);
            if (adjustment != 0)
            {
                entryId = Guid.CreateVersion7();
                batch.BatchCommands.Add(SqlCommands.Batched(
                    "INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency) VALUES ($1, 'PROVISION', $2, $3, $4, $5, NULL, NULL, $6, $7)",
                    entryId, $"Allowance for doubtful receivables {period}: {(adjustment > 0 ? "provision" : "release")}", period.End, time.GetUtcNow(), Actor, Math.Abs(adjustment), currency.ToString()));
                batch.BatchCommands.Add(SqlCommands.Batched(
                    """
                    INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
                    SELECT $1, NULL, la.id, $2, CASE WHEN la.kind = 'ALLOWANCE' THEN $3 ELSE -$3 END, NULL
                    FROM ledger_accounts la WHERE la.code IN ('ALLOWANCE-' || $2, 'PROVISION_EXPENSE-' || $2) ORDER BY la.kind
                    """,
                    entryId, currency.ToString(), adjustment));
            }

            batch.BatchCommands.Add(SqlCommands.Batched(
                """
                INSERT INTO period_provisions (period, run_id, currency, current, days1_30, days31_60, days61_90, over90, required, previous, adjustment, entry_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """,
                period.ToString(), run.Id, currency.ToString(), buckets.Current, buckets.Days1_30, buckets.Days31_60, buckets.Days61_90, buckets.Over90, required, previous, adjustment, entryId));
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            lines.Add($"{currency}: required {PostingRules.Format(required)}, was {PostingRules.Format(previous)}, booked {PostingRules.Format(adjustment)}");
            run.Advance(CloseStep.PROVISION, processed);
            await db.SaveChangesAsync(cancellationToken);
        }

        run.Complete(CloseStep.PROVISION, lines.Count == 0 ? "No receivables: no allowance needed." : string.Join("; ", lines) + ".", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ReconcileAsync(CloseRun run, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.RECONCILIATION, CloseReconciliation.CheckCount, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var exceptions = await new CloseReconciliation(dataSource, Timeout).RunAsync(run.Id, PeriodKey.Parse(run.Period), async done =>
        {
            run.Advance(CloseStep.RECONCILIATION, done);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        if (exceptions.Count == 0)
        {
            run.Complete(CloseStep.RECONCILIATION,
                "Every account balance equals its ledger lines, every entry balances, and the receivables and unapplied-cash control accounts equal their sub-ledgers.", time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        db.CloseExceptions.AddRange(exceptions);
        var message = $"{exceptions.Count} reconciliation exception(s); the close is blocked and the period is open again for corrections.";
        run.Block(CloseStep.RECONCILIATION, message, time.GetUtcNow());
        await ReopenForCorrectionsAsync(run, "CLOSE_BLOCKED", message, cancellationToken);
    }

    /// <summary>Rewrites the period's balance snapshot (every account) and aging snapshot (every customer) in one transaction.</summary>
    private async Task SnapshotsAsync(CloseRun run, PeriodKey period, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.SNAPSHOTS, 2, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var hasPrevious = await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM period_balances WHERE period = $1)", cancellationToken, period.Previous.ToString());
        var aging = await PeriodEndAgingAsync(period, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = Batch(connection, transaction);
        batch.BatchCommands.Add(SqlCommands.Batched("DELETE FROM period_balances WHERE period = $1", period.ToString()));

        // With the previous period's snapshot, only this period's lines are read; without one, the whole history up to its end.
        batch.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO period_balances (period, account_id, account_number, customer_id, account_type, currency, opening, credits, debits, interest, closing, line_count)
            SELECT $1, a.id, a.number, a.customer_id, a.type, a.currency, o.opening, coalesce(m.credits, 0), coalesce(m.debits, 0), coalesce(m.interest, 0),
                   o.opening + coalesce(m.credits, 0) + coalesce(m.debits, 0), coalesce(m.lines, 0)
            FROM accounts a
            LEFT JOIN period_balances pb ON pb.period = $4 AND pb.account_id = a.id
            LEFT JOIN (
                SELECT l.account_id,
                       sum(l.amount) FILTER (WHERE e.value_date < $2) AS before,
                       sum(l.amount) FILTER (WHERE e.value_date >= $2 AND l.amount > 0) AS credits,
                       sum(l.amount) FILTER (WHERE e.value_date >= $2 AND l.amount < 0) AS debits,
                       sum(l.amount) FILTER (WHERE e.value_date >= $2 AND e.kind = 'INTEREST') AS interest,
                       count(*) FILTER (WHERE e.value_date >= $2) AS lines
                FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                WHERE l.account_id IS NOT NULL AND e.value_date <= $3 AND (e.value_date >= $2 OR NOT $5)
                GROUP BY l.account_id) m ON m.account_id = a.id
            CROSS JOIN LATERAL (SELECT coalesce(pb.closing, m.before, 0) AS opening) o
            WHERE a.created_at < ($3 + 1)::timestamptz OR m.account_id IS NOT NULL
            """,
            period.ToString(), period.Start, period.End, period.Previous.ToString(), hasPrevious));
        batch.BatchCommands.Add(SqlCommands.Batched("DELETE FROM period_aging WHERE period = $1", period.ToString()));
        batch.BatchCommands.Add(SqlCommands.Batched(
            """
            INSERT INTO period_aging (period, customer_id, currency, current, days1_30, days31_60, days61_90, over90, disputed)
            SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
                 AS t(customer_id, currency, current, d1, d2, d3, d4, disputed)
            """,
            period.ToString(), aging.Select(a => a.CustomerId).ToArray(), aging.Select(a => a.Currency.ToString()).ToArray(),
            aging.Select(a => a.Buckets.Current).ToArray(), aging.Select(a => a.Buckets.Days1_30).ToArray(), aging.Select(a => a.Buckets.Days31_60).ToArray(),
            aging.Select(a => a.Buckets.Days61_90).ToArray(), aging.Select(a => a.Buckets.Over90).ToArray(), aging.Select(a => a.Disputed).ToArray()));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var balances = await db.PeriodBalances.CountAsync(b => b.Period == period.ToString(), cancellationToken);
        run.Complete(CloseStep.SNAPSHOTS, $"Period-end balances of {balances} accounts and the aging of {aging.Count} customer positions saved.", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One statement record per account snapshot; a re-close re-issues them with the next version.</summary>
    private async Task StatementsAsync(CloseRun run, PeriodKey period, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.STATEMENTS, 1, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await using var command = Sql(
            """
            INSERT INTO statements (id, period, account_id, account_number, customer_id, currency, from_date, to_date, opening, credits, debits, closing, line_count, version, run_id, issued_at)
            SELECT gen_random_uuid(), pb.period, pb.account_id, pb.account_number, pb.customer_id, pb.currency, $2, $3, pb.opening, pb.credits, pb.debits, pb.closing, pb.line_count, 1, $4, $5
            FROM period_balances pb WHERE pb.period = $1
            ON CONFLICT (period, account_id) DO UPDATE
                SET opening = excluded.opening, credits = excluded.credits, debits = excluded.debits, closing = excluded.closing, line_count = excluded.line_count,
                    version = statements.version + 1, run_id = excluded.run_id, issued_at = excluded.issued_at
                WHERE statements.run_id <> excluded.run_id
            """);
        foreach (var value in new object[] { period.ToString(), period.Start, period.End, run.Id, time.GetUtcNow() })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        var issued = await db.Statements.CountAsync(s => s.Period == period.ToString() && s.RunId == run.Id, cancellationToken);
        run.Complete(CloseStep.STATEMENTS, $"{issued} statements issued for {period}.", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FinalizeAsync(CloseRun run, CancellationToken cancellationToken)
    {
        run.Begin(CloseStep.FINALIZE, 1, time.GetUtcNow());
        var now = time.GetUtcNow();
        var period = await db.Periods.SingleAsync(p => p.Id == run.Period, cancellationToken);
        period.CompleteClose(run.RequestedBy, run.ApprovedBy, now);
        run.Complete(CloseStep.FINALIZE, $"Period {run.Period} is CLOSED.", now);
        run.Succeed(now);
        db.PeriodAudit.Add(new PeriodAuditEntry(run.Period, "CLOSE_COMPLETED", run.RequestedBy, $"Run {run.Id}, approved by {run.ApprovedBy}.", now));
        Outbox.Record(db, EventTypes.PeriodClosed, "period", run.Period,
            new { period = run.Period, runId = run.Id, closedBy = run.RequestedBy, approvedBy = run.ApprovedBy, closedAt = now }, now);

        // The statement files are rendered after the close, by the statement run it queues here.
        var statementsQueued = statementOptions.Value.RunOnClose
            && await StatementRunService.QueueAfterCloseAsync(db, run.Period, statementOptions.Value.EffectiveRunFormats, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (statementsQueued)
        {
            statementRuns.Wake();
        }
    }

    private async Task ReopenForCorrectionsAsync(CloseRun run, string action, string details, CancellationToken cancellationToken)
    {
        var period = await db.Periods.SingleAsync(p => p.Id == run.Period, cancellationToken);
        period.AbortClose();
        db.PeriodAudit.Add(new PeriodAuditEntry(run.Period, action, Actor, details, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The receivables aging at the period's end, read once per run of the steps and shared by the
    /// provisions and the snapshot: nothing dated into the period can change while it is CLOSING.
    /// </summary>
    private async Task<IReadOnlyList<Receivables.CustomerAging>> PeriodEndAgingAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        if (periodEndAging is null)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            periodEndAging = await Receivables.AgingQuery.ByCustomerAsync(connection, null, period.End, includeDisputed: true, cancellationToken);
        }

        return periodEndAging;
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Sql(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Close statements scan the month's ledger: they get <c>PeriodClose:CommandTimeout</c>, not the short default of requests.</summary>
    private int Timeout => (int)Options.CommandTimeout.TotalSeconds;

    private NpgsqlCommand Sql(string sql)
    {
        var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = Timeout;
        return command;
    }

    private NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(connection, transaction) { Timeout = Timeout };
}
