using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Reconciliation;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Reconciliation;

public partial class CustomerReconciliationForm
{
    /// <summary>One invoice the customer disputes: its number (or id), the amount and why.</summary>
    public sealed class DisputeRow
    {
        public string? InvoiceId { get; set; }

        /// <summary>Typed text, parsed with <see cref="AmountInput"/>.</summary>
        public string? Amount { get; set; }

        public string? Reason { get; set; }
    }

    /// <summary>The balance the customer confirms on a date, the invoices they dispute and notes.</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Please enter the date of the customer's balance.")]
        public DateOnly? ReconciliationDate { get; set; }

        /// <summary>Typed text: what the customer says they owe (negative when they say we owe them).</summary>
        public string? CustomerBalance { get; set; }

        public List<DisputeRow> Disputes { get; set; } = [];

        [StringLength(CustomerReconciliation.NotesMaxLength, ErrorMessage = "The notes are too long.")]
        public string? Notes { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!StatementForm.InputModel.TryParseBalance(CustomerBalance, out _, out var error))
            {
                yield return new ValidationResult(error?.Replace("statement balance", "customer's balance", StringComparison.Ordinal), [nameof(CustomerBalance)]);
            }

            for (var i = 0; i < Disputes.Count; i++)
            {
                var row = Disputes[i];
                if (string.IsNullOrWhiteSpace(row.InvoiceId))
                {
                    yield return new ValidationResult($"Dispute {i + 1}: please enter the invoice number.", [nameof(Disputes)]);
                }

                if (!AmountInput.TryParse(row.Amount, out _, out var amountError))
                {
                    yield return new ValidationResult($"Dispute {i + 1}: {amountError}", [nameof(Disputes)]);
                }

                if ((row.Reason?.Trim().Length ?? 0) < 3)
                {
                    yield return new ValidationResult($"Dispute {i + 1}: please give the reason (at least 3 characters).", [nameof(Disputes)]);
                }
            }
        }

        public CustomerReconciliationRequest ToRequest() => new()
        {
            ReconciliationDate = ReconciliationDate,
            CustomerBalance = StatementForm.InputModel.TryParseBalance(CustomerBalance, out var balance, out _) ? balance : null,
            Disputes = Disputes.Select(d => new ReconciliationDisputeRequest { InvoiceId = d.InvoiceId?.Trim(), DisputeAmount = AmountInput.Parse(d.Amount), Reason = d.Reason?.Trim() }).ToList(),
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        };
    }
}
