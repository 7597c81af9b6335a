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

/// <summary>A broken range rule: its error code, the field it concerns (from or to) and a sentence for people.</summary>
public sealed record RangeProblem(string Code, string Field, string Message, IReadOnlyDictionary<string, object?>? Details = null);

/// <summary>The date range of a statement request: the one rule the API enforces and the Web checks before asking.</summary>
public static class StatementRange
{
    public const string FromField = "from";
    public const string ToField = "to";

    /// <summary>
    /// Defaults: <paramref name="to"/> is today, <paramref name="from"/> the first of its month.
    /// Refuses from after to, a range in the future, and a span over <see cref="StatementOptions.MaxSpanDays"/>.
    /// </summary>
    public static (DateOnly From, DateOnly To) Resolve(DateOnly? from, DateOnly? to, DateOnly today, int maxSpanDays)
    {
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        if (Check(start, end, today, maxSpanDays).FirstOrDefault() is { } problem)
        {
            throw new DomainException(DomainErrorKind.Validation, problem.Code, problem.Message, problem.Details);
        }

        return (start, end);
    }

    /// <summary>Every rule the range breaks (none when it is fine); from after to is reported alone.</summary>
    public static IReadOnlyList<RangeProblem> Check(DateOnly from, DateOnly to, DateOnly today, int maxSpanDays)
    {
        if (from > to)
        {
            return [new(StatementErrorCodes.InvalidDateRange, ToField, $"The first day ({from:yyyy-MM-dd}) is after the last day ({to:yyyy-MM-dd}).")];
        }

        var problems = new List<RangeProblem>();
        if (from > today)
        {
            problems.Add(new(StatementErrorCodes.InvalidDateRange, FromField, $"A statement cannot start in the future (today is {today:yyyy-MM-dd})."));
        }

        var days = Days(from, to);
        if (days > maxSpanDays)
        {
            problems.Add(new(StatementErrorCodes.RangeTooLong, ToField, $"A statement covers at most {maxSpanDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {days} days.",
                new Dictionary<string, object?> { ["maxSpanDays"] = maxSpanDays, ["requestedDays"] = days }));
        }

        return problems;
    }

    /// <summary>Days from and to, both counted.</summary>
    public static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;
}
