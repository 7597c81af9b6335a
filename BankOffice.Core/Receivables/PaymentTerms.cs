using System.Globalization;
using System.Text.RegularExpressions;
using BankOffice.Core.Common;

namespace BankOffice.Core.Receivables;

/// <summary>
/// Payment terms such as <c>NET30</c> (due 30 days after the invoice date) or <c>2/10 NET30</c>
/// (due in 30 days; 2% discount when paid within 10 days).
/// </summary>
public sealed partial record PaymentTerms(int NetDays, decimal DiscountPercent, int DiscountDays)
{
    public const int MaxLength = 20;

    public static PaymentTerms Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim().ToUpperInvariant();
        var match = trimmed.Length <= MaxLength ? Pattern().Match(trimmed) : Match.Empty;
        if (!match.Success)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Payment terms look like NET30 or 2/10 NET30.");
        }

        var net = int.Parse(match.Groups["net"].Value, CultureInfo.InvariantCulture);
        var percent = match.Groups["pct"].Success ? decimal.Parse(match.Groups["pct"].Value, CultureInfo.InvariantCulture) : 0m;
        var days = match.Groups["days"].Success ? int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture) : 0;
        if (net is < 0 or > 365 || percent is < 0 or >= 100 || days < 0 || days > net)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Payment terms are out of range (net days 0-365, discount below 100% within the net days).");
        }

        // "0/10 NET30" means no discount: normalise it, so the terms print and parse back the same.
        return percent == 0 ? new PaymentTerms(net, 0m, 0) : new PaymentTerms(net, percent, days);
    }

    public DateOnly DueDate(DateOnly invoiceDate) => invoiceDate.AddDays(NetDays);

    public bool DiscountApplies(DateOnly invoiceDate, DateOnly paymentDate) =>
        DiscountPercent > 0 && paymentDate <= invoiceDate.AddDays(DiscountDays);

    /// <summary>The discount on an invoice total, rounded to cents.</summary>
    public decimal DiscountOn(decimal invoiceTotal) => decimal.Round(invoiceTotal * DiscountPercent / 100m, 2, MidpointRounding.AwayFromZero);

    public override string ToString() =>
        DiscountPercent > 0
            ? $"{DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)}/{DiscountDays} NET{NetDays}"
            : $"NET{NetDays}";

    // [0-9], not \d: \d matches every Unicode digit, which int.Parse then refuses.
    [GeneratedRegex(@"^(?:(?<pct>[0-9]{1,2}(?:\.[0-9]{1,2})?)/(?<days>[0-9]{1,3})\s+)?NET\s?(?<net>[0-9]{1,3})$")]
    private static partial Regex Pattern();
}
