using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using Npgsql;

namespace BankOffice.Api.Receivables;

/// <summary>What one invoice still owed on a date, and how much of that was under an open dispute.</summary>
public sealed record InvoiceOutstanding(Guid InvoiceId, string Number, string CustomerId, Currency Currency, DateOnly DueDate, decimal Outstanding, decimal Disputed)
{
    public int DaysLate(DateOnly asOf) => asOf.DayNumber - DueDate.DayNumber;
}

/// <summary>A customer's receivables by seed 003's aging buckets on a date, in one currency.</summary>
public sealed record CustomerAging(string CustomerId, Currency Currency, AgingBuckets Buckets, decimal Disputed, int Invoices);

/// <summary>
/// Receivables as they stood at the end of a day, rebuilt from the documents (so any past date
/// works, not only today): an invoice dated on or before the day, less what was allocated to it by
/// then (allocations count from their payment's date, or from the day they were made when applied
/// later; those of a payment reversed by then do not count) and less credit notes dated by then.
/// Disputes count while open on that day. The period close snapshots this per customer, the aging
/// report and the provisions read it.
/// </summary>
public static class AgingQuery
{
    /// <summary>One row per invoice with something still owed at the end of $1 (a date): id, number, customer_id, currency, due_date, outstanding, disputed.</summary>
    public const string InvoiceOutstandingSql = """
        SELECT i.id, i.number, i.customer_id, i.currency, i.due_date, o.outstanding, least(o.outstanding, coalesce(d.disputed, 0)) AS disputed
        FROM invoices i
        CROSS JOIN LATERAL (
            SELECT i.total
                 - coalesce((SELECT sum(al.applied + al.discount)
                             FROM payment_allocations al JOIN payments p ON p.id = al.payment_id
                             WHERE al.invoice_id = i.id
                               AND CASE WHEN al.created_at <= p.created_at + interval '1 minute' THEN p.payment_date
                                        ELSE (al.created_at AT TIME ZONE 'UTC')::date END <= $1
                               AND (p.reversed_at IS NULL OR (p.reversed_at AT TIME ZONE 'UTC')::date > $1)), 0)
                 - coalesce((SELECT sum(n.total) FROM credit_notes n WHERE n.invoice_id = i.id AND n.credit_date <= $1), 0) AS outstanding
        ) o
        LEFT JOIN LATERAL (
            SELECT sum(x.amount) AS disputed FROM invoice_disputes x
            WHERE x.invoice_id = i.id AND (x.raised_at AT TIME ZONE 'UTC')::date <= $1
              AND (x.resolved_at IS NULL OR (x.resolved_at AT TIME ZONE 'UTC')::date > $1)
        ) d ON true
        WHERE i.invoice_date <= $1 AND i.status <> 'VOID' AND o.outstanding > 0
        """;

    public static Task<List<InvoiceOutstanding>> InvoicesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly asOf, CancellationToken cancellationToken) =>
        InvoicesAsync(connection, transaction, asOf, null, cancellationToken);

    /// <summary>One customer's invoices only when <paramref name="customerId"/> is given (its own SQL, so the plan uses the customer index).</summary>
    public static async Task<List<InvoiceOutstanding>> InvoicesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly asOf, string? customerId, CancellationToken cancellationToken)
    {
        var sql = customerId is null ? InvoiceOutstandingSql : InvoiceOutstandingSql + " AND i.customer_id = $2";
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        command.Parameters.Add(new NpgsqlParameter { Value = asOf });
        if (customerId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InvoiceOutstanding>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new InvoiceOutstanding(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum.Parse<Currency>(reader.GetString(3)),
                reader.GetFieldValue<DateOnly>(4), reader.GetDecimal(5), reader.GetDecimal(6)));
        }

        return rows;
    }

    /// <summary>Per customer and currency; with <paramref name="includeDisputed"/> false the disputed part of each invoice is left out of its bucket.</summary>
    public static IReadOnlyList<CustomerAging> ByCustomer(IEnumerable<InvoiceOutstanding> invoices, DateOnly asOf, bool includeDisputed) =>
        invoices.GroupBy(i => (i.CustomerId, i.Currency))
            .Select(g => new CustomerAging(g.Key.CustomerId, g.Key.Currency,
                g.Aggregate(AgingBuckets.Empty, (b, i) => b.Add(i.DueDate, asOf, includeDisputed ? i.Outstanding : i.Outstanding - i.Disputed)),
                g.Sum(i => i.Disputed), g.Count()))
            .OrderBy(a => a.CustomerId, StringComparer.Ordinal).ThenBy(a => a.Currency)
            .ToList();

    public static async Task<IReadOnlyList<CustomerAging>> ByCustomerAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly asOf, bool includeDisputed, CancellationToken cancellationToken) =>
        ByCustomer(await InvoicesAsync(connection, transaction, asOf, cancellationToken), asOf, includeDisputed);
}
