using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Collections;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Collections;

public partial class ActivityForm
{
    /// <summary>The activity form's fields; the promise's date and amount are asked (and required) only for PROMISE_TO_PAY.</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Please choose how you contacted the customer.")]
        public ActivityType? ActivityType { get; set; } = Core.Collections.ActivityType.PHONE_CALL;

        [StringLength(CollectionActivity.ContactMaxLength, ErrorMessage = "The contact person is too long.")]
        public string? ContactPerson { get; set; }

        [Required(ErrorMessage = "Please choose the outcome.")]
        public ActivityOutcome? Outcome { get; set; }

        public DateOnly? PromiseDate { get; set; }

        /// <summary>Typed text, parsed with <see cref="AmountInput"/>.</summary>
        public string? PromiseAmount { get; set; }

        [StringLength(CollectionActivity.NotesMaxLength, ErrorMessage = "The notes are too long.")]
        public string? Notes { get; set; }

        public NextAction? NextAction { get; set; }

        public DateOnly? NextActionDate { get; set; }

        /// <summary>Today, for "the promise date cannot be in the past".</summary>
        public DateOnly Today { get; init; }

        public bool IsPromise => Outcome == ActivityOutcome.PROMISE_TO_PAY;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!IsPromise)
            {
                yield break;
            }

            if (PromiseDate is null)
            {
                yield return new ValidationResult("Please enter the date the customer promised to pay.", [nameof(PromiseDate)]);
            }
            else if (PromiseDate < Today)
            {
                yield return new ValidationResult("The promise date cannot be in the past.", [nameof(PromiseDate)]);
            }

            if (!AmountInput.TryParse(PromiseAmount, out _, out var amountError))
            {
                yield return new ValidationResult(amountError, [nameof(PromiseAmount)]);
            }
        }

        public CollectionActivityRequest ToRequest(string customerId) => new()
        {
            CustomerId = customerId,
            ActivityType = ActivityType,
            ContactPerson = Blank(ContactPerson),
            Outcome = Outcome,
            PromiseDate = IsPromise ? PromiseDate : null,
            PromiseAmount = IsPromise ? AmountInput.Parse(PromiseAmount) : null,
            Notes = Blank(Notes),
            NextAction = NextAction,
            NextActionDate = NextActionDate,
        };

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
