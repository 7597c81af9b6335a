using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Credit;

namespace BankOffice.Web.Features.Credit;

public sealed partial class DecisionPanel
{
    /// <summary>The decision form: the API's rules checked before sending (limit for a counter-offer, notes for a rejection, dates in order).</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Please choose the decision.")]
        public CreditDecisionType? Decision { get; set; }

        [Display(Name = "approved limit")]
        [DecimalText(0, 999_999_999_999_999, ExclusiveMin = true)]
        public string? ApprovedLimit { get; set; }

        /// <summary>One condition per line.</summary>
        public string? Conditions { get; set; }

        public DateTime? EffectiveDate { get; set; } = DateTime.Today;

        public DateTime? ReviewDate { get; set; }

        [StringLength(CreditApplication.TextMaxLength, ErrorMessage = "The notes have at most 1000 characters.")]
        public string? Notes { get; set; }

        /// <summary>What the applicant asked for: a counter-offer is below it.</summary>
        public decimal? RequestedLimit { get; set; }

        public List<string> ConditionList =>
            (Conditions ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Decision == CreditDecisionType.COUNTER_OFFER && string.IsNullOrWhiteSpace(ApprovedLimit))
            {
                yield return new ValidationResult("A counter-offer needs the limit you offer.", [nameof(ApprovedLimit)]);
            }
            else if (Decision == CreditDecisionType.COUNTER_OFFER && DecimalTextAttribute.Parse(ApprovedLimit) >= RequestedLimit)
            {
                yield return new ValidationResult($"A counter-offer is below the requested {RequestedLimit:N2}; to give that much or more, approve.", [nameof(ApprovedLimit)]);
            }

            if (Decision == CreditDecisionType.REJECTED && string.IsNullOrWhiteSpace(Notes))
            {
                yield return new ValidationResult("A rejection needs the reason the applicant is given (notes).", [nameof(Notes)]);
            }

            foreach (var problem in DateRules.Check(EffectiveDate, ReviewDate))
            {
                yield return problem;
            }

            var conditions = ConditionList;
            if (conditions.Count > CreditApplication.MaxConditions || conditions.Any(c => c.Length > CreditApplication.ConditionMaxLength))
            {
                yield return new ValidationResult(
                    $"At most {CreditApplication.MaxConditions} conditions of at most {CreditApplication.ConditionMaxLength} characters each.", [nameof(Conditions)]);
            }
        }

        public CreditDecisionRequest ToRequest() => new()
        {
            Decision = Decision,
            ApprovedLimit = Decision == CreditDecisionType.REJECTED ? null : DecimalTextAttribute.Parse(ApprovedLimit),
            Conditions = Decision == CreditDecisionType.REJECTED ? [] : ConditionList,
            EffectiveDate = DateRules.Day(EffectiveDate),
            ReviewDate = DateRules.Day(ReviewDate),
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        };
    }
}
