using BankOffice.Api.Infrastructure;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Receivables;

/// <summary>
/// Disputes on invoices. An open dispute takes its amount out of the collections queue; the money
/// stays owed until a credit note or payment settles it. Raised under the invoice's row lock so two
/// disputes cannot together exceed the balance.
/// </summary>
public sealed class DisputeService(BankOfficeDbContext db, TimeProvider time)
{
    public async Task<InvoiceDisputeDto> RaiseAsync(CurrentUser user, string invoiceId, RaiseDisputeRequest request, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !(user.Has(Permissions.CollectionManage) || user.Has(Permissions.AccountManage)))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Disputes are recorded by staff with collection.manage or account.manage.");
        }

        var id = await InvoiceIdAsync(user, invoiceId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await RaiseWithinTransactionAsync(id, request.Amount!.Value, request.Reason!, user.Name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return dispute;
    }

    /// <summary>
    /// Raises a dispute in the caller's open transaction, which must commit it: a customer
    /// reconciliation opens several disputes, all or none. Saves at once, so a second dispute on the
    /// same invoice in that transaction counts the first.
    /// </summary>
    internal async Task<InvoiceDisputeDto> RaiseWithinTransactionAsync(Guid invoiceId, decimal amount, string reason, string raisedBy, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.FromSqlInterpolated($"SELECT *, xmin FROM invoices WHERE id = {invoiceId} FOR UPDATE").SingleAsync(cancellationToken);
        var disputed = await db.InvoiceDisputes.Where(d => d.InvoiceId == invoiceId && d.Status == DisputeStatus.OPEN).SumAsync(d => (decimal?)d.Amount, cancellationToken) ?? 0m;
        var dispute = InvoiceDispute.Raise(Guid.CreateVersion7(), invoice, disputed, amount, reason, raisedBy, time.GetUtcNow());
        db.InvoiceDisputes.Add(dispute);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(dispute, invoice.Number);
    }

    public async Task<IReadOnlyList<InvoiceDisputeDto>> ListAsync(CurrentUser user, string invoiceId, CancellationToken cancellationToken)
    {
        var id = await InvoiceIdAsync(user, invoiceId, cancellationToken);
        var number = await db.Invoices.Where(i => i.Id == id).Select(i => i.Number).SingleAsync(cancellationToken);
        return (await db.InvoiceDisputes.AsNoTracking().Where(d => d.InvoiceId == id).OrderByDescending(d => d.RaisedAt).ToListAsync(cancellationToken))
            .Select(d => ToDto(d, number)).ToList();
    }

    public async Task<InvoiceDisputeDto> ResolveAsync(CurrentUser user, Guid disputeId, ResolveDisputeRequest request, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !(user.Has(Permissions.CollectionManage) || user.Has(Permissions.CreditApprove)))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Disputes are resolved by staff with collection.manage or credit.approve.");
        }

        var dispute = await db.InvoiceDisputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken)
            ?? throw DomainException.NotFound(CollectionsErrors.DisputeNotFound, $"Dispute not found: {disputeId}");
        dispute.Resolve(request.Resolution!, user.Name, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var number = await db.Invoices.Where(i => i.Id == dispute.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
        return ToDto(dispute, number);
    }

    private async Task<Guid> InvoiceIdAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var invoice = (Guid.TryParse(idOrNumber, out var id)
            ? await db.Invoices.Where(i => i.Id == id).Select(i => new { i.Id, i.CustomerId }).SingleOrDefaultAsync(cancellationToken)
            : await db.Invoices.Where(i => i.Number == idOrNumber).Select(i => new { i.Id, i.CustomerId }).SingleOrDefaultAsync(cancellationToken))
            ?? throw DomainException.NotFound(ReceivablesService.InvoiceNotFound, $"Invoice not found: {idOrNumber}");
        if (!user.CanSeeCustomer(invoice.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see your own invoices.");
        }

        return invoice.Id;
    }

    internal static InvoiceDisputeDto ToDto(InvoiceDispute d, string invoiceNumber) => new(
        d.Id, d.InvoiceId, invoiceNumber, d.CustomerId, Money.AtScale(d.Amount), d.Reason, d.Status, d.RaisedBy, d.RaisedAt, d.ResolvedBy, d.ResolvedAt, d.Resolution);
}
