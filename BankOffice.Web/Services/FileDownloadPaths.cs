using System.Text.RegularExpressions;

namespace BankOffice.Web.Services;

/// <summary>
/// The only API paths <c>/files/…</c> forwards to. Everything else answers 404, so the proxy cannot be
/// used to reach any other API endpoint with the session's token. Ids are letters, digits and dashes
/// only: no dots, slashes or escapes that could walk to another path.
/// </summary>
public static partial class FileDownloadPaths
{
    public static bool IsAllowed(string? path) => path is not null && Allowed().IsMatch(path);

    [GeneratedRegex(
        @"^(?:accounts/[A-Za-z0-9-]{1,64}/statement" +
        @"|receivables/accounts/[A-Za-z0-9-]{1,64}/statement" +
        @"|payments/[A-Za-z0-9-]{1,64}/receipt" +
        @"|statements/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/files/(?:pdf|excel|csv))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
