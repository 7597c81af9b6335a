using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Credit;

namespace BankOffice.Web.Features.Credit;

public sealed partial class LimitChangeDialog
{
    /// <summary>The "Change limit" form: new limit (0 or more), effective date (empty = today), review date after it, reason.</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Display(Name = "new limit")]
        [DecimalText(0, 999_999_999_999_999, Required = true)]
        public string? NewLimit { get; set; }

        public DateTime? EffectiveDate { get; set; } = DateTime.Today;

        public DateTime? ReviewDate { get; set; }

        [Required(ErrorMessage = "Please give the reason for the change.")]
        [StringLength(CreditLimitChange.ReasonMaxLength, MinimumLength = 3, ErrorMessage = "The reason must be 3 to 500 characters.")]
        public string? Reason { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => DateRules.Check(EffectiveDate, ReviewDate);

        public CreditLimitRequest ToRequest() => new()
        {
            NewLimit = DecimalTextAttribute.Parse(NewLimit),
            EffectiveDate = DateRules.Day(EffectiveDate),
            ReviewDate = DateRules.Day(ReviewDate),
            Reason = Reason?.Trim(),
        };
    }
}
