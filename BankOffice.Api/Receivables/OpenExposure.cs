using BankOffice.Core.Receivables;
using BankOffice.Data;

namespace BankOffice.Api.Receivables;

/// <summary>What a customer owes on open invoices and the oldest due date among them: the inputs of their credit status.</summary>
public sealed class OpenExposure
{
    public string CustomerId { get; init; } = default!;
    public decimal Owed { get; init; }
    public DateOnly OldestDue { get; init; }
}

public static class OpenExposures
{
    /// <summary>One row per customer with open (or part-paid) invoices.</summary>
    public static IQueryable<OpenExposure> Of(BankOfficeDbContext db) =>
        db.Invoices.Where(i => i.Status == InvoiceStatus.OPEN || i.Status == InvoiceStatus.PARTIAL)
            .GroupBy(i => i.CustomerId)
            .Select(g => new OpenExposure { CustomerId = g.Key, Owed = g.Sum(i => i.Total - i.Paid), OldestDue = g.Min(i => i.DueDate) });
}
