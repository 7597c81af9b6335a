using BankOffice.Api.Customers;
using BankOffice.Core.Collections;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Receivables;

/// <summary>
/// The row locks that serialise work on one customer: their credit account (invoices, payments,
/// limit changes, plans) and their collections case (claims, contacts, escalations, the sweep).
/// Taken inside the caller's transaction and held until it ends.
/// </summary>
public static class RowLocks
{
    /// <summary>The customer's credit account, locked; CREDIT_ACCOUNT_NOT_FOUND or CUSTOMER_NOT_FOUND when there is none.</summary>
    public static async Task<CreditAccount> LockCreditAccountAsync(this BankOfficeDbContext db, string customerId, CancellationToken cancellationToken) =>
        await db.CreditAccounts.FromSqlInterpolated($"SELECT *, xmin FROM credit_accounts WHERE customer_id = {customerId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
        ?? (await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken)
            ? throw ReceivablesService.AccountNotFound(customerId)
            : throw CustomerService.NotFound(customerId));

    /// <summary>The customer's collections case, created (PENDING, unassigned) if new, locked.</summary>
    public static async Task<CollectionCase> LockCollectionCaseAsync(this BankOfficeDbContext db, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO collection_cases (customer_id, status, updated_at) VALUES ({customerId}, {nameof(CaseStatus.PENDING)}, {now}) ON CONFLICT (customer_id) DO NOTHING",
            cancellationToken);
        return await db.CollectionCases.FromSqlInterpolated($"SELECT *, xmin FROM collection_cases WHERE customer_id = {customerId} FOR UPDATE").SingleAsync(cancellationToken);
    }
}
