using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Periods;

namespace BankOffice.Web.Features.Periods;

public sealed partial class CloseForm
{
    /// <summary>
    /// The close request: the cut-off (UTC, on or after the period's last day; by default that day at
    /// 23:59:59, as the API assumes), whether to book interest and provisions, and who approved the close.
    /// </summary>
    public sealed class InputModel(DateOnly periodEnd) : IValidatableObject
    {
        [Required(ErrorMessage = "Please give the cut-off date and time.")]
        public DateTime? Cutoff { get; set; } = periodEnd.ToDateTime(new TimeOnly(23, 59, 59));

        public bool IncludeAccruals { get; set; } = true;

        public bool RunProvision { get; set; } = true;

        [Required(ErrorMessage = "Please name who approved the close.")]
        [StringLength(AccountingPeriod.UserMaxLength, ErrorMessage = "The approver's name is too long.")]
        public string? ApprovedBy { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Cutoff is { } cutoff && DateOnly.FromDateTime(cutoff) < periodEnd)
            {
                yield return new ValidationResult($"The cut-off must be on or after the period's last day ({periodEnd:yyyy-MM-dd}).", [nameof(Cutoff)]);
            }
        }

        public ClosePeriodRequest ToRequest() =>
            new(Cutoff is { } cutoff ? new DateTimeOffset(DateTime.SpecifyKind(cutoff, DateTimeKind.Unspecified), TimeSpan.Zero) : null,
                IncludeAccruals, RunProvision, ApprovedBy?.Trim());
    }
}
