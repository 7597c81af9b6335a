using System.Globalization;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Web.Features.Collections;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Reconciliation;

/// <summary>Readable sentences for the reconciliation error codes; everything else goes to <see cref="CollectionsMessages"/>.</summary>
public static class ReconciliationMessages
{
    public static string Describe(ApiException error, Currency? currency = null) => error.Code switch
    {
        ReconciliationErrors.AmountMismatch =>
            $"Only equal amounts match: the statement line is {Amount(error, "lineAmount", currency)} but payment {Text(error, "paymentNumber")} is {Amount(error, "paymentAmount", currency)} (a difference of {Amount(error, "difference", currency)}).",
        ReconciliationErrors.PaymentAlreadyMatched => (error.Detail ?? "That payment is already matched.") + " A payment can explain one statement line only; unmatch it there first.",
        ReconciliationErrors.LineAlreadyMatched => "This line is already matched. Unmatch it before choosing another payment.",
        ReconciliationErrors.PaymentNotInBook => error.Detail ?? "That payment is not in the bank book of this statement.",
        ReconciliationErrors.Difference =>
            $"The reconciliation cannot be completed while {Amount(error, "unexplainedDifference", currency)} is unexplained. Match the remaining lines and payments, or check the statement balance.",
        ReconciliationErrors.Completed => "This reconciliation is completed: it can no longer change.",
        ReconciliationErrors.InvalidStatement => "The statement was not saved. Correct these lines and send it again.",
        ReconciliationErrors.InvalidDisputes => "The disputes were not saved. Correct them and send again.",
        ReconciliationErrors.InvoiceOfAnotherCustomer => error.Detail ?? "That invoice belongs to another customer.",
        _ => CollectionsMessages.Describe(error, currency),
    };

    /// <summary>details.problems of INVALID_STATEMENT or INVALID_DISPUTES as "Line 3: …" sentences.</summary>
    public static IReadOnlyList<string> Problems(ApiException error, string prefix = "Line") =>
        error.Details.TryGetValue("problems", out var problems) && problems.ValueKind == JsonValueKind.Array
            ? problems.EnumerateArray().Select(p => Problem(p, prefix)).ToList()
            : [];

    private static string Problem(JsonElement problem, string prefix)
    {
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return problem.ToString();
        }

        var line = problem.TryGetProperty("line", out var l) && l.TryGetInt32(out var n) ? n : 0;
        var message = problem.TryGetProperty("message", out var m) ? m.GetString() : problem.ToString();
        return line > 0 ? $"{prefix} {line}: {message}" : message ?? string.Empty;
    }

    private static string Text(ApiException error, string key) => error.Details.TryGetValue(key, out var value) ? value.ToString() : "?";

    private static string Amount(ApiException error, string key, Currency? currency) =>
        error.Details.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount)
            ? (currency is { } c ? Formatting.Money(amount, c) : amount.ToString("#,##0.00", CultureInfo.InvariantCulture))
            : "?";
}
