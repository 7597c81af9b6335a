using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Web.Services;
using Radzen;

namespace BankOffice.Web.Features.Periods;

/// <summary>Readable sentences for the periods API's error codes, and how periods, runs and steps are shown.</summary>
public static class PeriodMessages
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Describe(ApiException error) => error.Code switch
    {
        PeriodErrorCodes.PeriodNotEnded => $"This period has not ended yet: a month can be closed from the day after its last day. ({error.Detail})",
        PeriodErrorCodes.EarlierPeriodOpen => $"An earlier period is still open: periods are closed in order, oldest first. ({error.Detail})",
        PeriodErrorCodes.PeriodNotOpen => "This period is not open: it is being closed or is already closed.",
        PeriodErrorCodes.CloseInProgress => "A close of this period is already running. Reload the page to follow it.",
        PeriodErrorCodes.PeriodNotClosed => "Only a CLOSED period can be reopened.",
        PeriodErrorCodes.LaterPeriodClosed => "A later period is closed: only the latest closed period can be reopened. Reopen the later one first.",
        PeriodErrorCodes.ReopenPending => "A reopen of this period is already waiting for approval.",
        PeriodErrorCodes.ReopenAlreadyDecided => "This reopen request was already decided by someone else. Reload to see the decision.",
        PeriodErrorCodes.PeriodNotFound => error.Detail ?? "There is no such period.",
        "MAKER_CHECKER_VIOLATION" => "Maker-checker: you asked for this reopen yourself, so a second period.close user must approve or reject it.",
        _ => LedgerErrors.Describe(error),
    };

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", Culture) ?? "–";

    public static string Moment(DateTimeOffset? value) => value is null ? "–" : Formatting.Date(value);

    /// <summary>An OPEN (or CLOSING) period past its close deadline.</summary>
    public static bool IsOverdue(PeriodDto period, DateOnly today) => period.Status != PeriodStatus.CLOSED && period.CloseDeadline < today;

    /// <summary>What the API accepts: an OPEN period whose last day is behind us.</summary>
    public static bool CanClose(PeriodDto period, DateOnly today) => period.Status == PeriodStatus.OPEN && period.EndDate < today;

    public static string Count(long processed, long total) =>
        total > 0 ? $"{processed.ToString("#,##0", Culture)} / {total.ToString("#,##0", Culture)}" : processed > 0 ? processed.ToString("#,##0", Culture) : "–";

    /// <summary>How long a step took: "0.4 s", "12.3 s", "2 min 05 s"; empty until it has finished.</summary>
    public static string Duration(DateTimeOffset? startedAt, DateTimeOffset? finishedAt)
    {
        if (startedAt is not { } start || finishedAt is not { } end)
        {
            return string.Empty;
        }

        var span = end - start;
        return span.TotalSeconds < 60
            ? Math.Max(0, span.TotalSeconds).ToString("0.0", Culture) + " s"
            : $"{(int)span.TotalMinutes} min {span.Seconds:00} s";
    }

    public static string Step(CloseStep? step) => step switch
    {
        CloseStep.CUTOFF => "Cut-off",
        CloseStep.INTEREST => "Interest accruals",
        CloseStep.PROVISION => "Provisions",
        CloseStep.RECONCILIATION => "Reconciliation",
        CloseStep.SNAPSHOTS => "Balance and aging snapshots",
        CloseStep.STATEMENTS => "Statements",
        CloseStep.FINALIZE => "Finalize",
        _ => "–",
    };

    public static string Money(decimal amount, Currency currency) => Formatting.Money(amount, currency);

    public static BadgeStyle Badge(PeriodStatus status) => status switch
    {
        PeriodStatus.OPEN => BadgeStyle.Info,
        PeriodStatus.CLOSING => BadgeStyle.Warning,
        _ => BadgeStyle.Success,
    };

    public static BadgeStyle Badge(CloseRunStatus status) => status switch
    {
        CloseRunStatus.RUNNING => BadgeStyle.Info,
        CloseRunStatus.SUCCEEDED => BadgeStyle.Success,
        _ => BadgeStyle.Danger,
    };

    /// <summary>A Material icon and its colour class for a step's status.</summary>
    public static (string Icon, string Css) Icon(CloseStepStatus status) => status switch
    {
        CloseStepStatus.DONE => ("check_circle", "bo-credit"),
        CloseStepStatus.RUNNING => ("autorenew", "bo-running"),
        CloseStepStatus.FAILED => ("error", "bo-debit"),
        CloseStepStatus.SKIPPED => ("remove_circle_outline", "bo-muted"),
        _ => ("radio_button_unchecked", "bo-muted"),
    };
}
