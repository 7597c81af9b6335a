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
    private static readonly InvoiceStatus[] Open = [InvoiceStatus.OPEN, InvoiceStatus.PARTIAL];

    /// <summary>Positions of every customer with a credit account (or only <paramref name="customerId"/>).</summary>
    public static async Task<List<CustomerPosition>> LoadAsync(BankOfficeDbContext db, DateOnly today, string? customerId, CancellationToken cancellationToken)
    {
        var accounts = from a in db.CreditAccounts.AsNoTracking()
                       join c in db.Customers on a.CustomerId equals c.Id
                       select new { a.CustomerId, c.Name, a.Currency, a.RiskCategory, a.UnallocatedCredit };
        var invoices = db.Invoices.AsNoTracking().Where(i => Open.Contains(i.Status));
        if (customerId is not null)
        {
            accounts = accounts.Where(a => a.CustomerId == customerId);
            invoices = invoices.Where(i => i.CustomerId == customerId);
        }

        var open = await invoices.Select(i => new
        {
            i.CustomerId,
            i.DueDate,
            Balance = i.Total - i.Paid,
            Disputed = db.InvoiceDisputes.Where(d => d.InvoiceId == i.Id && d.Status == DisputeStatus.OPEN).Sum(d => (decimal?)d.Amount) ?? 0m,
        }).ToListAsync(cancellationToken);
        var byCustomer = open.ToLookup(i => i.CustomerId);
        return (await accounts.ToListAsync(cancellationToken)).Select(a =>
        {
            var lines = byCustomer[a.CustomerId].ToList();
            var late = lines.Where(i => i.DueDate < today).Select(i => new { i.DueDate, Undisputed = Math.Max(i.Balance - i.Disputed, 0m) }).Where(i => i.Undisputed > 0).ToList();
            var overdue = Math.Max(late.Sum(i => i.Undisputed) - a.UnallocatedCredit, 0m);
            return new CustomerPosition(a.CustomerId, a.Name, a.Currency, a.RiskCategory, lines.Sum(i => i.Balance) - a.UnallocatedCredit, overdue,
                lines.Sum(i => Math.Min(i.Disputed, i.Balance)), late.Count, late.Count == 0 ? null : late.Min(i => i.DueDate));
        }).ToList();
    }
}
