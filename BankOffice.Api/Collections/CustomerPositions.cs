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
    private const string Select = """

        SELECT a.customer_id AS "CustomerId", c.name AS "Name", a.currency AS "Currency", a.risk_category AS "Risk",
               COALESCE(p.open_balance, 0) - a.unallocated_credit AS "TotalBalance",
               GREATEST(COALESCE(p.late, 0) - a.unallocated_credit, 0) AS "OverdueAmount",
               COALESCE(p.disputed, 0) AS "DisputedAmount", COALESCE(p.late_count, 0)::int AS "OverdueInvoices", p.oldest_due AS "OldestDue"
        FROM credit_accounts a
        JOIN customers c ON c.id = a.customer_id
        LEFT JOIN per_customer p ON p.customer_id = a.customer_id
        WHERE a.customer_id = @customer
        """;

    /// <summary>The position of one customer with a credit account (null when they have none), aggregated in PostgreSQL.</summary>
    public static async Task<CustomerPosition?> LoadAsync(BankOfficeDbContext db, DateOnly today, string customerId, CancellationToken cancellationToken)
    {
        var sql = CollectionQueue.PerCustomer(customerId) + Select;
        var row = await db.Database.SqlQueryRaw<PositionRow>(sql, CollectionQueue.Parameters(today, customerId)).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new CustomerPosition(row.CustomerId, row.Name, Enum.Parse<Currency>(row.Currency), Enum.Parse<RiskCategory>(row.Risk), row.TotalBalance,
            row.OverdueAmount, row.DisputedAmount, row.OverdueInvoices, row.OverdueAmount > 0 ? row.OldestDue : null);
    }

    private sealed record PositionRow(string CustomerId, string Name, string Currency, string Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices, DateOnly? OldestDue);
}
