using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Receivables;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Receivables;

/// <summary>The fields of the payment entry form.</summary>
public sealed class PaymentInputModel
{
    [Required(ErrorMessage = "Please enter the customer id.")]
    [StringLength(BankOffice.Core.Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    /// <summary>Typed text, parsed with <see cref="AmountInput"/> (positive, at most 4 decimals).</summary>
    [Amount]
    public string? Amount { get; set; }

    public DateTime? PaymentDate { get; set; }

    [Required(ErrorMessage = "Please choose the payment method.")]
    public PaymentMethod? PaymentMethod { get; set; } = Core.Receivables.PaymentMethod.BANK_TRANSFER;

    [Required(ErrorMessage = "Please enter the payment reference.")]
    [StringLength(Payment.ReferenceMaxLength, ErrorMessage = "The reference is too long.")]
    public string? Reference { get; set; }

    public AllocationType AllocationType { get; set; } = AllocationType.AUTO;

    public RecordPaymentRequest ToRequest() => new()
    {
        CustomerId = CustomerId?.Trim().ToUpperInvariant(),
        Amount = AmountInput.Parse(Amount),
        PaymentDate = PaymentDate is null ? null : DateOnly.FromDateTime(PaymentDate.Value),
        PaymentMethod = PaymentMethod,
        Reference = Reference?.Trim(),
        AllocationType = AllocationType,
    };
}
