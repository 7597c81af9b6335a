using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Statements;
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

            foreach (var problem in StatementRange.Check(DateOnly.FromDateTime(fromValue), DateOnly.FromDateTime(toValue), today, maxSpanDays))
            {
                var message = problem.Code == StatementErrorCodes.RangeTooLong ? problem.Message + " Choose a shorter range." : problem.Message;
                yield return new ValidationResult(message, [problem.Field == StatementRange.FromField ? nameof(From) : nameof(To)]);
            }
        }

        public StatementRequest ToRequest() =>
            new(Target!.Trim(), DateOnly.FromDateTime(From!.Value), DateOnly.FromDateTime(To!.Value), IncludeDetails);
    }
}
