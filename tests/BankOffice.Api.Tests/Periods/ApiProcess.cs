using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using BankOffice.Core.Auth;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// The real API as a separate process (<c>dotnet BankOffice.Api.dll</c> from its own build output, as
/// the end-to-end tests start it), on a free loopback port, so a test can kill it mid-work the way a
/// crash would. Stopped by its PID.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the API over <paramref name="connectionString"/> with these settings (as environment variables, <c>Section__Key</c>) and waits until it is healthy.</summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var apiDll = ApiDll();
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        foreach (var argument in new[] { apiDll, "--urls", url })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__BankOffice"] = connectionString;
        info.Environment["Seed__DemoData"] = "false";
        info.Environment["Collections__SweepInterval"] = "00:00:00";
        info.Environment["RateLimits__PerSecond"] = "10000";
        info.Environment["RateLimits__PerMinute"] = "100000";
        info.Environment["RateLimits__PerHour"] = "1000000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var api = new ApiProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the API."), url);
        try
        {
            await api.WaitHealthyAsync(TimeSpan.FromSeconds(90));
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
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(Url + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow first answer while it warms up.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The API did not answer {Url}/health within {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>BankOffice.Api.dll built in the same configuration as this test assembly (BANKOFFICE_CONFIGURATION when set, as ./bankoffice test sets it).</summary>
    private static string ApiDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BankOffice.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("BankOffice.sln not found above " + AppContext.BaseDirectory);
        }

        var configuration = Environment.GetEnvironmentVariable("BANKOFFICE_CONFIGURATION") is { Length: > 0 } set ? set
            : AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory.FullName, "BankOffice.Api", "bin", configuration, "net10.0", "BankOffice.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution ({configuration}) first: {dll} is missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
