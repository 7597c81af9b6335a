using System.ComponentModel.DataAnnotations;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Statements;

public sealed partial class StatementForm
{
    /// <summary>
    /// The statement asked for: which account, the first and last day (this month by default) and
    /// whether to list the transactions. Checks the range as the API does (from not after to, not in the
    /// future, at most <c>Statements:MaxSpanDays</c> days), so the user reads why before asking.
    /// </summary>
    public sealed class InputModel(DateOnly today, int maxSpanDays) : IValidatableObject
    {
        [Required(ErrorMessage = "Choose the account for the statement.")]
        public string? Target { get; set; }

        [Required(ErrorMessage = "Give the first day of the statement.")]
        public DateTime? From { get; set; } = new DateOnly(today.Year, today.Month, 1).ToDateTime(TimeOnly.MinValue);

        [Required(ErrorMessage = "Give the last day of the statement.")]
        public DateTime? To { get; set; } = today.ToDateTime(TimeOnly.MinValue);

        public bool IncludeDetails { get; set; } = true;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (From is not { } fromValue || To is not { } toValue)
            {
                yield break;
            }

            var from = DateOnly.FromDateTime(fromValue);
            var to = DateOnly.FromDateTime(toValue);
            if (from > to)
            {
                yield return new ValidationResult(
                    $"The first day ({StatementMessages.Day(from)}) is after the last day ({StatementMessages.Day(to)}).", [nameof(To)]);
                yield break;
            }

            if (from > today)
            {
                yield return new ValidationResult($"A statement cannot start in the future (today is {StatementMessages.Day(today)}).", [nameof(From)]);
            }

            var days = StatementMessages.Days(from, to);
            if (days > maxSpanDays)
            {
                yield return new ValidationResult(
                    $"A statement covers at most {maxSpanDays} days; {StatementMessages.Day(from)} to {StatementMessages.Day(to)} is {days} days. Choose a shorter range.", [nameof(To)]);
            }
        }

        public StatementRequest ToRequest() =>
            new(Target!.Trim(), DateOnly.FromDateTime(From!.Value), DateOnly.FromDateTime(To!.Value), IncludeDetails);
    }
}
