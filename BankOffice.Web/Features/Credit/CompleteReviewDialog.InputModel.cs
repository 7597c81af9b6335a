using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;

namespace BankOffice.Web.Features.Credit;

public sealed partial class CompleteReviewDialog
{
    /// <summary>The review outcome: the (new) risk category, the next review date (after today), notes.</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Please choose the risk category.")]
        public RiskCategory? RiskCategory { get; set; }

        [Required(ErrorMessage = "Please choose the next review date.")]
        public DateTime? NextReviewDate { get; set; }

        [StringLength(CreditReview.NotesMaxLength, ErrorMessage = "The notes have at most 1000 characters.")]
        public string? Notes { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
            DateRules.Check(null, NextReviewDate, reviewField: nameof(NextReviewDate));

        public CompleteReviewRequest ToRequest() => new()
        {
            RiskCategory = RiskCategory,
            NextReviewDate = DateRules.Day(NextReviewDate),
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        };
    }
}
