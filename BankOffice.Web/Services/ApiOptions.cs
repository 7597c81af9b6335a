namespace BankOffice.Web.Services;

/// <summary>Section <c>Api</c> of the shared appsettings.json.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Refresh the access token when it expires within this time.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a signed-in session may sit unused: the auth cookie's sliding lifetime, and when its tokens are dropped.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public Uri ApiV1Address => new(BaseUrl.TrimEnd('/') + "/api/v1/");
}
