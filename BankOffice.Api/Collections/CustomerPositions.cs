using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

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

public static class CustomerPositions
{
    /// <summary>
    /// Positions of every customer with a credit account (or only <paramref name="customerId"/>;
    /// with <paramref name="overdueOnly"/> only those with an overdue amount). Aggregated per
    /// customer in PostgreSQL, so only one row per customer crosses the wire.
    /// </summary>
    public static async Task<List<CustomerPosition>> LoadAsync(BankOfficeDbContext db, DateOnly today, string? customerId, CancellationToken cancellationToken, bool overdueOnly = false)
    {
        var rows = await db.Database.SqlQuery<PositionRow>($"""
            WITH disputed AS (
                SELECT invoice_id, sum(amount) AS amount FROM invoice_disputes WHERE status = 'OPEN' GROUP BY invoice_id
            ), open_invoices AS (
                SELECT i.customer_id, i.due_date, i.total - i.paid AS balance, COALESCE(d.amount, 0) AS disputed
                FROM invoices i LEFT JOIN disputed d ON d.invoice_id = i.id
                WHERE i.status IN ('OPEN', 'PARTIAL') AND ({customerId}::text IS NULL OR i.customer_id = {customerId}::text)
            ), per_customer AS (
                SELECT customer_id,
                       sum(balance) AS open_balance,
                       sum(LEAST(disputed, balance)) AS disputed,
                       COALESCE(sum(balance - disputed) FILTER (WHERE due_date < {today} AND balance > disputed), 0) AS late,
                       count(*) FILTER (WHERE due_date < {today} AND balance > disputed) AS late_count,
                       min(due_date) FILTER (WHERE due_date < {today} AND balance > disputed) AS oldest_due
                FROM open_invoices GROUP BY customer_id
            )
            SELECT a.customer_id AS "CustomerId", c.name AS "Name", a.currency AS "Currency", a.risk_category AS "Risk",
                   COALESCE(p.open_balance, 0) - a.unallocated_credit AS "TotalBalance",
                   GREATEST(COALESCE(p.late, 0) - a.unallocated_credit, 0) AS "OverdueAmount",
                   COALESCE(p.disputed, 0) AS "DisputedAmount", COALESCE(p.late_count, 0)::int AS "OverdueInvoices", p.oldest_due AS "OldestDue"
            FROM credit_accounts a
            JOIN customers c ON c.id = a.customer_id
            LEFT JOIN per_customer p ON p.customer_id = a.customer_id
            WHERE ({customerId}::text IS NULL OR a.customer_id = {customerId}::text)
              AND (NOT {overdueOnly} OR COALESCE(p.late, 0) > a.unallocated_credit)
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new CustomerPosition(r.CustomerId, r.Name, Enum.Parse<Currency>(r.Currency), Enum.Parse<RiskCategory>(r.Risk), r.TotalBalance, r.OverdueAmount,
            r.DisputedAmount, r.OverdueInvoices, r.OverdueAmount > 0 ? r.OldestDue : null)).ToList();
    }

    private sealed record PositionRow(string CustomerId, string Name, string Currency, string Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices, DateOnly? OldestDue);
}
