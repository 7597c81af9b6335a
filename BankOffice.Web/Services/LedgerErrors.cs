using System.Globalization;
using System.Text.Json;
using BankOffice.Core.Common;

namespace BankOffice.Web.Services;

/// <summary>Readable sentences for the ledger's error codes, using the numbers in ProblemDetails <c>details</c>.</summary>
public static class LedgerErrors
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The message for <paramref name="error"/>; <paramref name="currency"/> is the currency of the account moved, when known.</summary>
    public static string Describe(ApiException error, Currency? currency = null) => error.Code switch
    {
        "INSUFFICIENT_BALANCE" => $"Insufficient balance: current {Amount(error, "currentBalance", currency)}, requested {Amount(error, "requestedAmount")}, short {Amount(error, "shortfall")}",
        "LOAN_OVERPAYMENT" => $"The payment exceeds what is owed on the loan: outstanding {Amount(error, "outstanding", currency)}, requested {Amount(error, "requestedAmount")}, excess {Amount(error, "excess")}",
        "ACCOUNT_NOT_ACTIVE" or "ACCOUNT_CLOSED" => WithAccount(error, error.Detail ?? "Cannot update balance: the account is not active"),
        "CURRENCY_MISMATCH" => Text(error, "accountCurrency") is { } accountCurrency && Text(error, "requestedCurrency") is { } requested
            ? $"Currency mismatch: account {Text(error, "accountNumber")} is in {accountCurrency}, not {requested}. Transfers need two accounts of the same currency."
            : error.Detail ?? "Currency mismatch: transfers need two accounts of the same currency.",
        "SAME_ACCOUNT" => "The source and the target are the same account. Choose another target account.",
        "INVALID_AMOUNT" => error.Detail ?? "The amount is not valid: it must be positive with at most 4 decimals.",
        "ACCOUNT_NOT_FOUND" => error.Detail ?? "There is no such account, or you may not use it.",
        "IDEMPOTENCY_KEY_REUSED" => "This confirmation was already used for a different request. Go back, check the details and confirm again.",
        "ALREADY_REVERSED" => "This transaction has already been reversed.",
        "CREDIT_LIMIT_EXCEEDED" => $"Credit limit exceeded: limit {Amount(error, "currentLimit", currency)}, current balance {Amount(error, "currentBalance", currency)}, this invoice {Amount(error, "requestedAmount", currency)}, available credit {Amount(error, "availableCredit", currency)}.",
        "CREDIT_HOLD" => error.Detail ?? "The customer's credit account is on hold: no new invoices.",
        "CREDIT_ACCOUNT_NOT_FOUND" => error.Detail ?? "The customer has no credit account.",
        "DUPLICATE_PAYMENT" => error.Detail ?? "This payment (customer, reference, amount) was already recorded.",
        "FORBIDDEN" => error.Detail ?? "You are not allowed to do this.",
        _ when error.IsForbidden => "You are not allowed to do this.",
        _ => error.Detail ?? error.Title ?? error.Message,
    };

    /// <summary>
    /// The field errors to show next to a form's fields: the API's <c>errors</c>, plus the domain errors that
    /// belong to one field (amount, target account). <paramref name="rename"/> maps API field names to the form's.
    /// </summary>
    public static Dictionary<string, string[]> FieldErrors(ApiException error, IReadOnlyDictionary<string, string>? rename = null)
    {
        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, messages) in error.Errors)
        {
            var name = rename is not null && rename.TryGetValue(field, out var mapped) ? mapped : field;
            result[name] = result.TryGetValue(name, out var existing) ? [.. existing, .. messages] : messages;
        }

        var domainField = error.Code switch
        {
            "INVALID_AMOUNT" => "amount",
            "SAME_ACCOUNT" => "toAccountNumber",
            _ => null,
        };
        if (domainField is not null && result.Count == 0)
        {
            var name = rename is not null && rename.TryGetValue(domainField, out var mapped) ? mapped : domainField;
            result[name] = [Describe(error)];
        }

        return result;
    }

    private static string WithAccount(ApiException error, string message) =>
        Text(error, "accountNumber") is { } number && !message.Contains(number, StringComparison.Ordinal) ? $"{message} ({number})" : message;

    private static string Amount(ApiException error, string key, Currency? currency = null)
    {
        var value = Number(error, key);
        if (value is null)
        {
            return "?";
        }

        // requestedAmount is signed (a debit is negative); the sentence reads it as a size.
        var amount = key is "requestedAmount" ? Math.Abs(value.Value) : value.Value;
        var text = amount.ToString("#,##0.00##", Culture);
        return currency is null ? text : $"{text} {currency}";
    }

    private static decimal? Number(ApiException error, string key)
    {
        if (!error.Details.TryGetValue(key, out var element))
        {
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.Number, Culture, out var d) => d,
            _ => null,
        };
    }

    private static string? Text(ApiException error, string key) =>
        error.Details.TryGetValue(key, out var element) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? element.ValueKind == JsonValueKind.String ? element.GetString() : element.ToString()
            : null;
}
