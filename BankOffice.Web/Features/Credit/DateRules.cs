using System.ComponentModel.DataAnnotations;

namespace BankOffice.Web.Features.Credit;

/// <summary>The API's date rules for decisions and limit changes: effective not in the past, review after effective.</summary>
public static class DateRules
{
    public static IEnumerable<ValidationResult> Check(DateTime? effectiveDate, DateTime? reviewDate, string effectiveField = "EffectiveDate", string reviewField = "ReviewDate")
    {
        if (effectiveDate is { } effective && effective.Date < DateTime.Today)
        {
            yield return new ValidationResult("The effective date cannot be in the past.", [effectiveField]);
        }

        if (reviewDate is { } review && review.Date <= (effectiveDate ?? DateTime.Today).Date)
        {
            yield return new ValidationResult("The review date must be after the effective date.", [reviewField]);
        }
    }

    public static DateOnly? Day(DateTime? value) => value is null ? null : DateOnly.FromDateTime(value.Value);
}
