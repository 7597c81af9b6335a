using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Statements;

/// <summary>A recorded payment's receipt: the payment as it stands now (a reversed payment says so).</summary>
public sealed class ReceiptService(BankOfficeDbContext db, ReceivablesService receivables, TimeProvider time)
{
    public async Task<ReceiptDocument> BuildAsync(CurrentUser user, string paymentIdOrNumber, CancellationToken cancellationToken)
    {
        // GetPaymentAsync answers 404 for an unknown payment and 403 for another customer's.
        var payment = await receivables.GetPaymentAsync(user, paymentIdOrNumber, cancellationToken);
        var customerName = await db.Customers.AsNoTracking().Where(c => c.Id == payment.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        return new ReceiptDocument(payment.PaymentNumber, payment.PaymentId, payment.CustomerId, customerName, payment.Currency, payment.Amount, payment.PaymentDate,
            payment.PaymentMethod.ToString(), payment.Reference, payment.Status,
            payment.Allocations.Select(a => new ReceiptAllocation(a.InvoiceNumber, a.Amount, a.Discount)).ToList(),
            payment.Unallocated, payment.TransactionId, time.GetUtcNow());
    }
}
