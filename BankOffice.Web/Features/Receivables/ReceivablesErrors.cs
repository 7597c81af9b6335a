using System.Globalization;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Receivables;

/// <summary>Readable sentences for the reversal and credit-note error codes; everything else goes to <see cref="LedgerErrors"/>.</summary>
public static class ReceivablesErrors
{
    public static string Describe(ApiException error, Currency? currency = null) => error.Code switch
    {
        "ALREADY_REVERSED" => "This payment has already been reversed.",
        "CREDIT_NOTE_EXCEEDS_BALANCE" =>
            $"The credit note total {Amount(error, "creditTotal", currency)} is more than the invoice's open balance {Amount(error, "invoiceBalance", currency)}. Lower the quantities or remove lines.",
        "INVOICE_NOT_FOUND" => error.Detail ?? "There is no such invoice.",
        "PAYMENT_NOT_FOUND" => error.Detail ?? "There is no such payment.",
        "FORBIDDEN" => "You are not allowed to do this: it needs a manager's or a credit officer's approval.",
        _ when error.IsForbidden => "You are not allowed to do this: it needs a manager's or a credit officer's approval.",
        _ => LedgerErrors.Describe(error, currency),
    };

    public static string Money(decimal amount, Currency? currency) =>
        currency is { } c ? Formatting.Money(amount, c) : amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Amount(ApiException error, string key, Currency? currency)
    {
        if (!error.Details.TryGetValue(key, out var element))
        {
            return "?";
        }

        decimal? value = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        return value is null ? "?" : Money(value.Value, currency);
    }
}
