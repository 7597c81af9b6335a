using System.Globalization;
using System.Net;
using BankOffice.Core.Common;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// How documents write amounts and dates: invariant culture whatever the server's, so a statement
/// reads the same in every language its holder's name is written in (and tests can match the text).
/// </summary>
public static class DocumentText
{
    public static string Amount(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Money(decimal value, Currency currency) => $"{Amount(value)} {currency}";

    /// <summary>Blank for zero, so a debit column shows only debits.</summary>
    public static string AmountOrBlank(decimal value) => value == 0m ? string.Empty : Amount(value);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Chromium's footer template: page X of Y, what the document is, when it was generated. The footer
    /// is its own little document without the page's styles, so it carries its font and size inline.
    /// </summary>
    public static string PdfFooter(string subject, DateTimeOffset generatedAt) =>
        "<div style=\"width:100%;margin:0 14mm;font-family:'DejaVu Sans','Noto Sans CJK SC',sans-serif;font-size:7.5pt;color:#555;"
        + "display:flex;justify-content:space-between;\">"
        + $"<span>{WebUtility.HtmlEncode(subject)} · Generated {Utc(generatedAt)}</span>"
        + "<span>Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>";
}
