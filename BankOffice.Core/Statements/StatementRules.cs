using BankOffice.Core.Common;

namespace BankOffice.Core.Statements;

public static class StatementErrorCodes
{
    public const string InvalidDateRange = "INVALID_DATE_RANGE";
    public const string RangeTooLong = "STATEMENT_RANGE_TOO_LONG";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string TooLarge = "STATEMENT_TOO_LARGE";
    public const string RendererUnavailable = "PDF_RENDERER_UNAVAILABLE";
    public const string RendererBusy = "PDF_RENDERER_BUSY";
    public const string StatementNotFound = "STATEMENT_NOT_FOUND";
    public const string FileNotReady = "STATEMENT_FILE_NOT_READY";
    public const string RunInProgress = "STATEMENT_RUN_IN_PROGRESS";
    public const string RunNotFound = "STATEMENT_RUN_NOT_FOUND";
}

/// <summary>The date range of a statement request.</summary>
public static class StatementRange
{
    /// <summary>
    /// Defaults: <paramref name="to"/> is today, <paramref name="from"/> the first of its month.
    /// Refuses from after to, a range in the future, and a span over <see cref="StatementOptions.MaxSpanDays"/>.
    /// </summary>
    public static (DateOnly From, DateOnly To) Resolve(DateOnly? from, DateOnly? to, DateOnly today, int maxSpanDays)
    {
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        if (start > end)
        {
            throw DomainException.Invalid(StatementErrorCodes.InvalidDateRange, $"fromDate ({start:yyyy-MM-dd}) is after toDate ({end:yyyy-MM-dd}).");
        }

        if (start > today)
        {
            throw DomainException.Invalid(StatementErrorCodes.InvalidDateRange, $"fromDate ({start:yyyy-MM-dd}) is in the future.");
        }

        var days = end.DayNumber - start.DayNumber + 1;
        if (days > maxSpanDays)
        {
            throw new DomainException(DomainErrorKind.Validation, StatementErrorCodes.RangeTooLong,
                $"A statement covers at most {maxSpanDays} days; {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is {days}.",
                new Dictionary<string, object?> { ["maxSpanDays"] = maxSpanDays, ["requestedDays"] = days });
        }

        return (start, end);
    }
}
