using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BankOffice.TestSupport;

/// <summary>
/// A real host (the API or the Web) as a separate process from the build output, on a free
/// loopback port, with its console output kept for failure messages; stopped by its PID.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
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

    public static HostProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(fileName == "dotnet" ? arguments.First() : fileName)!,
        };
        foreach (var argument in arguments.Concat(["--urls", url]))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        return new HostProcess(name, process, url);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
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
                // Slow first answer while it warms up.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} did not answer {Url}/health within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Kills the whole process tree at once, as a crash would (or to stop it).</summary>
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where the build output of the configuration of the running test assembly is.</summary>
public static class BuildOutput
{
    /// <summary>BANKOFFICE_CONFIGURATION when set (as ./bankoffice test sets it), else that of this test assembly.</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable("BANKOFFICE_CONFIGURATION") is { Length: > 0 } set ? set
        : AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BankOffice.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("BankOffice.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ApiDll => Existing(Path.Combine(RepositoryRoot, "BankOffice.Api", "bin", Configuration, "net10.0", "BankOffice.Api.dll"));

    public static string WebExe => Existing(Path.Combine(RepositoryRoot, "BankOffice.Web", "bin", Configuration, "net9.0", "linux-x64", "BankOffice.Web"));

    private static string Existing(string file) =>
        File.Exists(file) ? file : throw new FileNotFoundException($"Build the solution ({Configuration}) first: {file} is missing.");
}
