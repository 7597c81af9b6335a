using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Credit;

/// <summary>Readable sentences for the credit API's error codes and limit-change outcomes.</summary>
public static class CreditMessages
{
    public static string Describe(ApiException error) => error.Code switch
    {
        CreditErrors.MakerChecker =>
            "Maker-checker: you submitted or requested this yourself, so you cannot approve or decide it. A second credit officer must do it.",
        "APPLICATION_ALREADY_DECIDED" => "This application was already decided by someone else. Reload the page to see the decision.",
        CreditErrors.LimitChangePending =>
            "A limit change for this customer is already waiting for a second approver. It must be approved or rejected first.",
        CreditErrors.ApplicationNotFound => error.Detail ?? "There is no such credit application, or you may not see it.",
        CreditErrors.LimitChangeNotFound => error.Detail ?? "There is no such limit change.",
        _ => LedgerErrors.Describe(error),
    };

    /// <summary>Where a limit change stands, in one sentence.</summary>
    public static string Outcome(LimitChangeStatus status, DateOnly effectiveDate, string approvalId) => status switch
    {
        LimitChangeStatus.APPLIED => "Applied",
        LimitChangeStatus.SCHEDULED => $"Scheduled for {Day(effectiveDate)}",
        LimitChangeStatus.PENDING_APPROVAL => $"Waiting for a second approver ({approvalId})",
        _ => "Rejected",
    };

    public static string Outcome(CreditLimitResponse response) => Outcome(response.Status, response.EffectiveDate, response.ApprovalId);

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "–";

    public static string Percent(decimal? value) =>
        value is { } p ? p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %" : "–";

    public static string Money(decimal? amount, Currency currency) => amount is { } a ? Formatting.Money(a, currency) : "–";
}
