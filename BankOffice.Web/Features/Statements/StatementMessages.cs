using System.Globalization;
using BankOffice.Core.Statements;
using BankOffice.Web.Services;
using Radzen;

namespace BankOffice.Web.Features.Statements;

/// <summary>Readable sentences for the statements API's error codes, and how runs and files are shown.</summary>
public static class StatementMessages
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Describe(ApiException error) => error.Code switch
    {
        StatementErrorCodes.InvalidDateRange => $"The bank refused these dates: {error.Detail}",
        StatementErrorCodes.RangeTooLong => $"The range is too long for one statement. {error.Detail}",
        StatementErrorCodes.TooLarge => $"This statement has too many lines for a PDF; download it as Excel or CSV, or choose a shorter range. ({error.Detail})",
        StatementErrorCodes.RendererUnavailable or StatementErrorCodes.RendererBusy => $"PDFs cannot be made right now; Excel and CSV still work. ({error.Detail})",
        BankOffice.Core.Periods.PeriodErrorCodes.PeriodNotClosed => "Statements are issued by the period close: close the period first, then run its statements.",
        StatementErrorCodes.RunInProgress => "A statement run of this period is already queued or running. Reload the page to follow it.",
        StatementErrorCodes.InvalidFormat => $"The bank does not store that format. ({error.Detail})",
        _ when error.IsForbidden => "You may see statements of your own accounts only.",
        _ => LedgerErrors.Describe(error),
    };

    /// <summary>The business date as the API counts it (UTC), so default ranges never start "in the future" there.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", Culture);

    /// <summary>"812 B", "14.2 KB", "3.1 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.0", Culture) + " KB",
        _ => (bytes / (1024d * 1024d)).ToString("0.0", Culture) + " MB",
    };

    public static string FormatLabel(string format) => format.ToLowerInvariant() switch
    {
        "pdf" => "PDF",
        "excel" => "Excel",
        "csv" => "CSV",
        _ => format.ToUpperInvariant(),
    };

    public static string Count(int processed, int total) =>
        $"{processed.ToString("#,##0", Culture)} / {total.ToString("#,##0", Culture)}";

    public static BadgeStyle Badge(StatementRunStatus status) => status switch
    {
        StatementRunStatus.QUEUED => BadgeStyle.Light,
        StatementRunStatus.RUNNING => BadgeStyle.Info,
        StatementRunStatus.COMPLETED => BadgeStyle.Success,
        _ => BadgeStyle.Danger,
    };
}
