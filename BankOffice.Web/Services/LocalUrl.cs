namespace BankOffice.Web.Services;

public static class LocalUrl
{
    /// <summary>The url when it is local to this site (starts with one "/"), else "/". Prevents open redirects.</summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
