using BankOffice.Core.Statements;

namespace BankOffice.Web.Services;

/// <summary>
/// Links the browser follows to download statements and receipts. They point at this host's
/// <c>/files/…</c> endpoint, which adds the session's bearer token and streams the API's answer.
/// </summary>
public static class FileLinks
{
    public const string Prefix = "/files/";
    private const string ApiPrefix = "/api/v1/";

    public static string Statement(StatementRequest request, StatementFormat format) => Prefix + request.ApiPath(format);

    public static string Receipt(string paymentNumber) => $"{Prefix}payments/{Uri.EscapeDataString(paymentNumber)}/receipt";

    /// <summary>
    /// The download link for a URL the API handed out (a payment's <c>receiptUrl</c>, a stored file's <c>url</c>):
    /// <c>/api/v1/x</c> or <c>http://api/api/v1/x</c> becomes <c>/files/x</c>; null when it is not an API URL.
    /// </summary>
    public static string? FromApiUrl(string? apiUrl)
    {
        if (string.IsNullOrWhiteSpace(apiUrl))
        {
            return null;
        }

        var path = Uri.TryCreate(apiUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery : apiUrl;
        return path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? Prefix + path[ApiPrefix.Length..] : null;
    }

    /// <summary>The <c>format=</c> value the API reads: pdf, excel, csv, html, json.</summary>
    public static string FormatName(StatementFormat format) => format.ToString().ToLowerInvariant();
}
