using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Events;

namespace BankOffice.Web.Features.Events;

public sealed partial class ReplayRangeForm
{
    /// <summary>
    /// A range of occurrence times in UTC, [from, to), of at most 31 days as the API allows; by default
    /// today (UTC). No types means every type; at least one state (SENT, DEAD_LETTER) is replayed.
    /// </summary>
    public sealed class InputModel(DateTime todayUtc) : IValidatableObject
    {
        public const int MaxDays = 31;

        [Required(ErrorMessage = "Please give the start of the range.")]
        public DateTime? From { get; set; } = todayUtc.Date;

        [Required(ErrorMessage = "Please give the end of the range.")]
        public DateTime? To { get; set; } = todayUtc.Date.AddDays(1);

        public IReadOnlyList<string> Types { get; set; } = [];

        public bool Sent { get; set; } = true;

        public bool DeadLettered { get; set; } = true;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (From is { } from && To is { } to)
            {
                if (from >= to)
                {
                    yield return new ValidationResult("The end must be after the start.", [nameof(To)]);
                }
                else if (to - from > TimeSpan.FromDays(MaxDays))
                {
                    yield return new ValidationResult($"A replay covers at most {MaxDays} days; split a longer range.", [nameof(To)]);
                }
            }

            if (!Sent && !DeadLettered)
            {
                yield return new ValidationResult("Choose at least one state to replay.", [nameof(Sent)]);
            }
        }

        public IReadOnlyList<OutboxStatus> Statuses
        {
            get
            {
                var statuses = new List<OutboxStatus>();
                if (Sent)
                {
                    statuses.Add(OutboxStatus.SENT);
                }

                if (DeadLettered)
                {
                    statuses.Add(OutboxStatus.DEAD_LETTER);
                }

                return statuses;
            }
        }

        public OutboxReplayRequest ToRequest() => new(Utc(From), Utc(To), Types.Count == 0 ? null : Types, Statuses);

        // The fields are labelled UTC: the value is taken as such, whatever this host's time zone.
        private static DateTimeOffset? Utc(DateTime? value) =>
            value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Unspecified), TimeSpan.Zero) : null;
    }
}
