using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BankOffice.Api.Collections;

/// <summary>
/// What a customer owes and how late, for collections: total balance, overdue amount (past-due
/// invoice balances less open disputes on them, less unallocated credit), disputed amount, and the
/// oldest due date of an invoice that still has undisputed money past due.
/// </summary>
public sealed record CustomerPosition(
    string CustomerId, string Name, Currency Currency, RiskCategory Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices, DateOnly? OldestDue)
{
    public int DaysOverdue(DateOnly today) => OldestDue is { } due && OverdueAmount > 0 ? today.DayNumber - due.DayNumber : 0;
}

/// <summary>Positions aggregated per customer in PostgreSQL, so one row per customer crosses the wire, never their invoices.</summary>
public static class CustomerPositions
{
    /// <summary>
    /// Open invoices aggregated per customer on @today: balance, the part in open disputes, and the
    /// undisputed part past due with its count and oldest due date. MATERIALIZED so that it runs
    /// once whatever the planner's row estimates; {customer_filter} is a condition in the text for
    /// one customer rather than "@customer IS NULL OR …", which a prepared statement's generic plan
    /// would answer by reading every invoice.
    /// </summary>
    private const string PerCustomer = """
        WITH disputed AS (
            SELECT invoice_id, sum(amount) AS amount FROM invoice_disputes WHERE status = 'OPEN' GROUP BY invoice_id
        ), per_customer AS MATERIALIZED (
            SELECT i.customer_id,
                   sum(i.total - i.paid) AS open_balance,
                   sum(LEAST(COALESCE(d.amount, 0), i.total - i.paid)) AS disputed,
                   sum(i.total - i.paid - COALESCE(d.amount, 0)) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS late,
                   count(*) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS late_count,
                   min(i.due_date) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS oldest_due
            FROM invoices i LEFT JOIN disputed d ON d.invoice_id = i.id
            WHERE i.status IN ('OPEN', 'PARTIAL') {customer_filter}
            GROUP BY i.customer_id
        )
        SELECT a.customer_id AS "CustomerId", c.name AS "Name", a.currency AS "Currency", a.risk_category AS "Risk",
               COALESCE(p.open_balance, 0) - a.unallocated_credit AS "TotalBalance",
               GREATEST(COALESCE(p.late, 0) - a.unallocated_credit, 0) AS "OverdueAmount",
               COALESCE(p.disputed, 0) AS "DisputedAmount", COALESCE(p.late_count, 0)::int AS "OverdueInvoices", p.oldest_due AS "OldestDue"
        FROM credit_accounts a
        JOIN customers c ON c.id = a.customer_id
        """;

    private const string One = """

        LEFT JOIN per_customer p ON p.customer_id = a.customer_id
        WHERE a.customer_id = @customer
        """;

    private const string OverdueNotOnPlan = """

        JOIN per_customer p ON p.customer_id = a.customer_id
        WHERE p.late > a.unallocated_credit
          AND NOT EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.customer_id = a.customer_id AND pp.status = 'ACTIVE')
        """;

    /// <summary>The position of one customer with a credit account (null when they have none).</summary>
    public static async Task<CustomerPosition?> LoadAsync(BankOfficeDbContext db, DateOnly today, string customerId, CancellationToken cancellationToken) =>
        (await ReadAsync(db, PerCustomer.Replace("{customer_filter}", "AND i.customer_id = @customer", StringComparison.Ordinal) + One, today, customerId, cancellationToken))
        .SingleOrDefault();

    /// <summary>Every customer with an overdue amount who is not on an active payment plan: the collections queue's members.</summary>
    public static Task<List<CustomerPosition>> OverdueAsync(BankOfficeDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        ReadAsync(db, PerCustomer.Replace("{customer_filter}", string.Empty, StringComparison.Ordinal) + OverdueNotOnPlan, today, null, cancellationToken);

    private static async Task<List<CustomerPosition>> ReadAsync(BankOfficeDbContext db, string sql, DateOnly today, string? customerId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<PositionRow>(sql,
                new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today },
                new NpgsqlParameter("customer", NpgsqlDbType.Text) { Value = (object?)customerId ?? DBNull.Value })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CustomerPosition(r.CustomerId, r.Name, Enum.Parse<Currency>(r.Currency), Enum.Parse<RiskCategory>(r.Risk), r.TotalBalance, r.OverdueAmount,
            r.DisputedAmount, r.OverdueInvoices, r.OverdueAmount > 0 ? r.OldestDue : null)).ToList();
    }

    private sealed record PositionRow(string CustomerId, string Name, string Currency, string Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices, DateOnly? OldestDue);
}
