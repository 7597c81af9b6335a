using System.Text.Json;
using BankOffice.TestSupport;
using Microsoft.Playwright;

namespace BankOffice.E2E.Tests;

/// <summary>
/// One running system for the end-to-end tests: a fresh database seeded with the demo data that
/// <c>./bankoffice run</c> shows, the API, the Web UI, and a headless Chromium (Debian's, never a
/// downloaded one).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

    private string? _connectionString;
    private HostProcess? _api;
    private HostProcess? _web;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string WebUrl => _web!.Url;

    /// <summary>The API's base address, for a test that reads what it needs to choose before it drives the UI.</summary>
    public string ApiUrl => _api!.Url;
    public string DemoPassword { get; private set; } = default!;

    /// <summary>The system's database, for a test that prepares a state no API call makes (e.g. a dead-lettered event).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var root = BuildOutput.RepositoryRoot;
        var apiDll = BuildOutput.ApiDll;
        var webExe = BuildOutput.WebExe;
        DemoPassword = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "appsettings.json"))).RootElement.GetProperty("Seed").GetProperty("DemoPassword").GetString()!;
        _connectionString = await TestPostgres.CreateDatabaseAsync("e2e");
        _api = HostProcess.Start("API", "dotnet", [apiDll], new Dictionary<string, string>
        {
            ["ConnectionStrings__BankOffice"] = _connectionString,
            ["Seed__DemoData"] = "true",
            ["RateLimits__PerMinute"] = "10000",
            ["RateLimits__PerSecond"] = "1000",
        });
        await _api.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        _web = HostProcess.Start("Web", webExe, [], new Dictionary<string, string> { ["Api__BaseUrl"] = _api.Url });
        await _web.WaitHealthyAsync(TimeSpan.FromSeconds(60));

        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("BANKOFFICE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException($"Chromium not found at {chromium}; './bankoffice test' installs Debian's chromium.");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }

    /// <summary>The hosts' logs, to attach to a failure.</summary>
    public string Logs => $"--- API ---\n{_api?.Output}\n--- Web ---\n{_web?.Output}";

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: on 2 shared cores a page's first load (JIT of its components) was seen to take over
        // 20 s; a real failure still fails, a slow first hit is not one.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Running system";
}
