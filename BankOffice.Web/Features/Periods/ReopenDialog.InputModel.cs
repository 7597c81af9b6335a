using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using BankOffice.Core.Periods;
using BankOffice.Web.Features.Credit;

namespace BankOffice.Web.Features.Periods;

public sealed partial class ReopenDialog
{
    /// <summary>The reopen request: why, who authorizes it (a second person), and by when it will be closed again.</summary>
    public sealed class InputModel(ClaimsPrincipal requester, DateOnly today) : IValidatableObject
    {
        [Required(ErrorMessage = "Please give the reason for reopening the period.")]
        [StringLength(PeriodReopenRequest.ReasonMaxLength, MinimumLength = 10, ErrorMessage = "The reason must be 10 to 500 characters.")]
        public string? Reason { get; set; }

        [Required(ErrorMessage = "Please name the second approver who authorizes the reopen.")]
        [StringLength(AccountingPeriod.UserMaxLength, ErrorMessage = "The approver's name is too long.")]
        public string? AuthorizedBy { get; set; }

        [Required(ErrorMessage = "Please give the date by which the period will be closed again.")]
        public DateOnly? ExpectedCloseDate { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            // Maker-checker: the API refuses it too (403); saying so here saves the round trip.
            if (requester.IsActor(AuthorizedBy?.Trim()))
            {
                yield return new ValidationResult("A reopen needs a second approver: name someone other than yourself.", [nameof(AuthorizedBy)]);
            }

            if (ExpectedCloseDate < today)
            {
                yield return new ValidationResult("The expected close date cannot be in the past.", [nameof(ExpectedCloseDate)]);
            }
        }

        public ReopenPeriodRequest ToRequest() =>
            new(Reason?.Trim(), AuthorizedBy?.Trim(), ExpectedCloseDate);
    }
}
