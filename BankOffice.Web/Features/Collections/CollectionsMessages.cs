using System.Text.Json;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Collections;

/// <summary>Readable sentences for the collections error codes; everything else goes to <see cref="ReceivablesErrors"/>.</summary>
public static class CollectionsMessages
{
    public static string Describe(ApiException error, Currency? currency = null) => error.Code switch
    {
        CollectionsErrors.CaseAssigned => "Another collector already works this case. " + (error.Detail ?? "A manager can reassign it."),
        CollectionsErrors.InvalidSchedule => "The payment schedule was refused: " + string.Join(" ", Problems(error)),
        CollectionsErrors.PlanExists => "The customer already has an active payment plan. Cancel it before agreeing a new one.",
        CollectionsErrors.AlreadyEscalated => error.Detail ?? "The case is already escalated to this level or a higher one.",
        CollectionsErrors.NothingOverdue => error.Detail ?? "The customer has nothing overdue.",
        CollectionsErrors.NotACollector => error.Detail ?? "That user cannot work collections.",
        "DISPUTE_EXCEEDS_BALANCE" => error.Detail ?? "The disputed amount is more than the invoice's balance not already disputed.",
        _ => ReceivablesErrors.Describe(error, currency),
    };

    /// <summary>INVALID_PAYMENT_SCHEDULE's details.problems (Core's PaymentPlanRules texts), or the detail.</summary>
    public static IReadOnlyList<string> Problems(ApiException error) =>
        error.Details.TryGetValue("problems", out var problems) && problems.ValueKind == JsonValueKind.Array
            ? problems.EnumerateArray().Select(p => p.ToString()).ToList()
            : [error.Detail ?? error.Display];
}
