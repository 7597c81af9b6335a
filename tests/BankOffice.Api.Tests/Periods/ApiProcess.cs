using System.Net.Http.Headers;
using System.Net.Http.Json;
using BankOffice.Core.Auth;
using BankOffice.TestSupport;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// The real API as a separate process (<c>dotnet BankOffice.Api.dll</c> from its own build output, as
/// the end-to-end tests start it), so a test can kill it mid-work the way a crash would.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly HostProcess _host;

    private ApiProcess(HostProcess host) => _host = host;

    public string Url => _host.Url;

    public string Output => _host.Output;

    /// <summary>Starts the API over <paramref name="connectionString"/> with these settings (as environment variables, <c>Section__Key</c>) and waits until it is healthy.</summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__BankOffice"] = connectionString,
            ["Seed__DemoData"] = "false",
            ["Collections__SweepInterval"] = "00:00:00",
            ["RateLimits__PerSecond"] = "10000",
            ["RateLimits__PerMinute"] = "100000",
            ["RateLimits__PerHour"] = "1000000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var api = new ApiProcess(HostProcess.Start("API", "dotnet", [BuildOutput.ApiDll], environment));
        try
        {
            await api._host.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    /// <summary>A client signed in to this process (tokens of one process are not taken for granted by another).</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = ApiFactory.Password }, ApiFactory.Json);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>(ApiFactory.Json))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>What a crash does: the whole process tree dies at once, mid-transaction.</summary>
    public Task KillAsync() => _host.KillAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
