using System.Data;
using BankOffice.Api.Ledger;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using Npgsql;

namespace BankOffice.Api.Periods;

/// <summary>
/// The close's proof, on one consistent snapshot: every customer account's balance equals the sum of
/// its lines; every entry has two or more lines summing to zero; each invoice's paid amount equals
/// its live allocations and credit notes; per currency, the receivables control account equals the
/// open invoices and the unapplied-cash account equals the customers' unallocated credit.
/// </summary>
public sealed class CloseReconciliation(NpgsqlDataSource dataSource, int commandTimeoutSeconds)
{
    public const int CheckCount = 5;
    private const int MaxListed = 200;

    private static readonly (string Kind, string Sql)[] Checks =
    [
        (CloseExceptionKinds.AccountBalance, $"""
            SELECT m.number, m.currency, m.total, m.balance, 'The stored balance differs from the sum of the account''s ledger lines.'
            FROM ({LedgerCheck.BalanceMismatchSql}) m
            ORDER BY m.number LIMIT {MaxListed}
            """),
        // Entries dated before the period were proven by the previous close and cannot change since
        // (insert-only, and their periods refuse postings); the first close proves them all.
        (CloseExceptionKinds.UnbalancedEntry, $"""
            SELECT e.id::text, e.currency, 0, coalesce(s.total, 0), 'The entry''s lines do not sum to zero, or it has fewer than two lines.'
            FROM journal_entries e
            LEFT JOIN (SELECT entry_id, sum(amount) AS total, count(*) AS n FROM journal_lines GROUP BY entry_id) s ON s.entry_id = e.id
            WHERE (e.value_date >= @start OR NOT EXISTS (SELECT 1 FROM period_balances WHERE period = @previous))
              AND (coalesce(s.total, 0) <> 0 OR coalesce(s.n, 0) < 2)
            LIMIT {MaxListed}
            """),
        (CloseExceptionKinds.InvoicePaid, $"""
            SELECT i.number, i.currency, coalesce(al.settled, 0) + coalesce(cn.credited, 0), i.paid, 'The invoice''s paid amount differs from its allocations and credit notes.'
            FROM invoices i
            LEFT JOIN (SELECT al.invoice_id, sum(al.applied + al.discount) AS settled FROM payment_allocations al JOIN payments p ON p.id = al.payment_id
                       WHERE p.status <> 'REVERSED' GROUP BY al.invoice_id) al ON al.invoice_id = i.id
            LEFT JOIN (SELECT invoice_id, sum(total) AS credited FROM credit_notes GROUP BY invoice_id) cn ON cn.invoice_id = i.id
            WHERE i.paid <> coalesce(al.settled, 0) + coalesce(cn.credited, 0)
            ORDER BY i.number LIMIT {MaxListed}
            """),
        (CloseExceptionKinds.Receivables, """
            SELECT 'RECEIVABLES-' || c.currency, c.currency, -coalesce(g.total, 0), coalesce(i.open, 0), 'The receivables control account differs from the open invoices.'
            FROM (SELECT DISTINCT currency FROM ledger_accounts) c
            LEFT JOIN (SELECT la.currency, sum(l.amount) AS total FROM journal_lines l JOIN ledger_accounts la ON la.id = l.ledger_account_id
                       WHERE la.kind = 'RECEIVABLES' GROUP BY la.currency) g ON g.currency = c.currency
            LEFT JOIN (SELECT currency, sum(total - paid) AS open FROM invoices WHERE status <> 'VOID' GROUP BY currency) i ON i.currency = c.currency
            WHERE -coalesce(g.total, 0) <> coalesce(i.open, 0)
            """),
        (CloseExceptionKinds.UnappliedCash, """
            SELECT 'UNAPPLIED_CASH-' || c.currency, c.currency, coalesce(g.total, 0), coalesce(a.unallocated, 0), 'The unapplied-cash account differs from the customers'' unallocated credit.'
            FROM (SELECT DISTINCT currency FROM ledger_accounts) c
            LEFT JOIN (SELECT la.currency, sum(l.amount) AS total FROM journal_lines l JOIN ledger_accounts la ON la.id = l.ledger_account_id
                       WHERE la.kind = 'UNAPPLIED_CASH' GROUP BY la.currency) g ON g.currency = c.currency
            LEFT JOIN (SELECT currency, sum(unallocated_credit) AS unallocated FROM credit_accounts GROUP BY currency) a ON a.currency = c.currency
            WHERE coalesce(g.total, 0) <> coalesce(a.unallocated, 0)
            """),
    ];

    /// <summary>Every exception found (at most 200 per check); <paramref name="progress"/> is told after each check.</summary>
    public async Task<List<CloseException>> RunAsync(Guid runId, PeriodKey period, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var found = new List<CloseException>();
        for (var i = 0; i < Checks.Length; i++)
        {
            var (kind, sql) = Checks[i];
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = commandTimeoutSeconds };
            if (sql.Contains("@start", StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue("start", period.Start);
                command.Parameters.AddWithValue("previous", period.Previous.ToString());
            }

            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(new CloseException(runId, kind, reader.GetString(0), Enum.Parse<Currency>(reader.GetString(1)), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetString(4)));
                }
            }

            await progress(i + 1);
        }

        await transaction.CommitAsync(cancellationToken);
        return found;
    }
}
