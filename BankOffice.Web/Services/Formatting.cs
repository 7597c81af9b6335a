using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Web.Services;

public static class Formatting
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>IBAN print form: groups of four characters separated by spaces.</summary>
    public static string Iban(string? iban)
    {
        if (string.IsNullOrWhiteSpace(iban))
        {
            return string.Empty;
        }

        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }

    public static string Money(decimal amount, Currency currency) =>
        amount.ToString("#,##0.00", Culture) + " " + currency;

    public static string Date(DateTimeOffset? value) =>
        value is null ? string.Empty : value.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm", Culture);
}
