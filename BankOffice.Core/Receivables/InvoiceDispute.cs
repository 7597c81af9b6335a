using BankOffice.Core.Common;

namespace BankOffice.Core.Receivables;

public enum DisputeStatus
{
    OPEN,
    RESOLVED,
}

/// <summary>
/// A customer disputes part of an invoice (quantity, price, quality). While OPEN the disputed
/// amount leaves the collections queue; it stays owed (and in aging) until a credit note or a
/// resolution settles it.
/// </summary>
public sealed class InvoiceDispute
{
    public const int ReasonMaxLength = 500;

    private InvoiceDispute()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public decimal Amount { get; private set; }
    public string Reason { get; private set; } = default!;
    public DisputeStatus Status { get; private set; }
    public string RaisedBy { get; private set; } = default!;
    public DateTimeOffset RaisedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }
    public uint Version { get; private set; }

    /// <summary>At most what is still owed on the invoice and not already in an open dispute.</summary>
    public static InvoiceDispute Raise(Guid id, Invoice invoice, decimal alreadyDisputed, decimal amount, string reason, string raisedBy, DateTimeOffset now)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The disputed amount is greater than zero, with at most 2 decimals.");
        }

        if (amount > invoice.Balance - alreadyDisputed)
        {
            throw DomainException.Rule("DISPUTE_EXCEEDS_BALANCE", $"Invoice {invoice.Number} has {invoice.Balance - alreadyDisputed:0.00} left to dispute.",
                new Dictionary<string, object?> { ["invoiceBalance"] = invoice.Balance, ["alreadyDisputed"] = alreadyDisputed, ["requestedAmount"] = amount });
        }

        return new InvoiceDispute
        {
            Id = id, InvoiceId = invoice.Id, CustomerId = invoice.CustomerId, Amount = amount, Reason = reason.Trim(), Status = DisputeStatus.OPEN,
            RaisedBy = raisedBy, RaisedAt = now,
        };
    }

    public void Resolve(string resolution, string by, DateTimeOffset now)
    {
        if (Status != DisputeStatus.OPEN)
        {
            throw DomainException.Conflict(ErrorCodes.Conflict, "The dispute is already resolved.");
        }

        Status = DisputeStatus.RESOLVED;
        Resolution = resolution.Trim();
        ResolvedBy = by;
        ResolvedAt = now;
    }
}
