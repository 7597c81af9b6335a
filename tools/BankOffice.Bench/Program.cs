using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// The posting benchmark's load driver. See README "## Posting benchmark" and scripts/bench.sh.
//
//   BankOffice.Bench postings --api URL [--accounts 100] [--seconds 15] [--warmup 2] [--clients 1,8,32]
//                             [--password P] [--accounts-out PATH] [--results-out PATH]
//                             [--api-pid PID] [--pg-pid PID]
//   BankOffice.Bench ledger-check --api URL [--password P]
//
// Exit codes: 0 ok, 1 the ledger check failed or a step of the set-up failed, 2 bad arguments.

return await Cli.RunAsync(args);

internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        Options options;
        try
        {
            options = Options.Parse(args.Skip(1).ToArray());
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}\n\n{Usage}");
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return args[0] switch
            {
                "postings" => await PostingBench.RunAsync(options),
                "ledger-check" => await LedgerCheck.RunAsync(options) ? 0 : 1,
                _ => Fail($"unknown command: {args[0]}\n\n{Usage}", 2),
            };
        }
        catch (BenchException e)
        {
            return Fail(e.Message, 1);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"bench: {message}");
        return code;
    }

    public const string Usage = """
        Usage:
          BankOffice.Bench postings --api URL [--accounts 100] [--seconds 15] [--warmup 2] [--clients 1,8,32]
                                    [--password P] [--accounts-out PATH] [--results-out PATH]
                                    [--api-pid PID] [--pg-pid PID]
              Signs in as the demo teller, opens N TRY accounts for one new customer, funds each with a
              large deposit, then per client count C runs C concurrent workers sending transfers of 0.01
              between random distinct accounts (fresh Idempotency-Key each) for the warm-up plus S seconds,
              and prints transfers/s, latency percentiles and errors by status. Ends with the admin ledger
              check. With --api-pid/--pg-pid it also reports the CPU time the API, PostgreSQL and this
              driver used during each measured window (from /proc).
          BankOffice.Bench ledger-check --api URL [--password P]
              Runs GET /api/v1/admin/ledger/check as admin@bankoffice.local; exit code 1 unless ok.
        """;
}

internal sealed class BenchException(string message) : Exception(message);

internal sealed record Options(
    Uri Api, int Accounts, int Seconds, int Warmup, int[] Clients, string Password,
    string? AccountsOut, string? ResultsOut, int? ApiPid, int? PgPid)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --option value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Get(string name) => values.Remove(name, out var v) ? v : null;
        int Int(string name, int fallback, int min)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"--{name} must be a whole number >= {min}, got '{text}'");
        }

        var api = Get("api") ?? throw new ArgumentException("--api URL is required");
        if (!Uri.TryCreate(api.TrimEnd('/') + "/", UriKind.Absolute, out var apiUri))
        {
            throw new ArgumentException($"--api is not a URL: {api}");
        }

        var clientsText = Get("clients") ?? "1,8,32";
        var clients = clientsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw new ArgumentException($"--clients is a comma-separated list of counts >= 1, got '{clientsText}'"))
            .ToArray();
        if (clients.Length == 0)
        {
            throw new ArgumentException("--clients needs at least one count");
        }

        var accountsCount = Int("accounts", 100, 2);
        var seconds = Int("seconds", 15, 1);
        var warmup = Int("warmup", 2, 0);
        var password = Get("password") ?? Environment.GetEnvironmentVariable("Seed__DemoPassword") ?? "Demo!Pass2026";
        var apiPid = values.ContainsKey("api-pid") ? Int("api-pid", 0, 1) : (int?)null;
        var pgPid = values.ContainsKey("pg-pid") ? Int("pg-pid", 0, 1) : (int?)null;
        var options = new Options(apiUri, accountsCount, seconds, warmup, clients, password, Get("accounts-out"), Get("results-out"), apiPid, pgPid);
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}");
        }

        return options;
    }
}

/// <summary>A small typed wrapper over the API calls the bench needs.</summary>
internal sealed class ApiClient(HttpClient http)
{
    public const string Teller = "teller@bankoffice.local";
    public const string Admin = "admin@bankoffice.local";

    public HttpClient Http => http;

    public static HttpClient NewHttpClient(Uri api, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = api,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task<string> LoginAsync(string email, string password)
    {
        using var answer = await SendAsync(HttpMethod.Post, "api/v1/auth/login", null, new { email, password }, null);
        return answer.RootElement.GetProperty("accessToken").GetString() ?? throw new BenchException($"login of {email}: no accessToken in the answer");
    }

    public async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? token, object? body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"{method} /{path} answered {(int)response.StatusCode}: {Shorten(text)}");
        }

        return JsonDocument.Parse(text);
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

internal static class LedgerCheck
{
    public static async Task<bool> RunAsync(Options options)
    {
        using var http = ApiClient.NewHttpClient(options.Api, 2);
        var api = new ApiClient(http);
        var token = await api.LoginAsync(ApiClient.Admin, options.Password);
        using var answer = await api.SendAsync(HttpMethod.Get, "api/v1/admin/ledger/check", token, null, null);
        var root = answer.RootElement;
        var ok = root.GetProperty("ok").GetBoolean();
        var unbalanced = root.GetProperty("unbalancedEntries").GetArrayLength();
        var mismatches = root.GetProperty("balanceMismatches").GetArrayLength();
        var totals = string.Join(", ", root.GetProperty("currencyTotals").EnumerateArray()
            .Select(t => $"{t.GetProperty("currency").GetString()} {t.GetProperty("sum").GetDecimal()} over {t.GetProperty("lines").GetInt64()} lines"));
        Console.WriteLine(
            $"Ledger check: {(ok ? "OK" : "NOT OK")} ({root.GetProperty("entries").GetInt64()} entries, {root.GetProperty("lines").GetInt64()} lines, " +
            $"{root.GetProperty("accountsChecked").GetInt64()} accounts; unbalanced entries {unbalanced}, balance mismatches {mismatches}; " +
            $"totals: {totals}; {root.GetProperty("milliseconds").GetDouble():F0} ms)");
        if (!ok)
        {
            Console.WriteLine(ApiClient.Shorten(root.GetRawText()));
        }

        return ok;
    }
}

internal sealed record PhaseResult(
    int Clients, long Completed, double Seconds, double Tps, double P50, double P95, double P99, double Mean,
    SortedDictionary<string, long> Errors, CpuSample? Cpu);

internal sealed record CpuSample(double ApiSeconds, double PgSeconds, double DriverSeconds);

internal static class PostingBench
{
    private const decimal Funding = 1_000_000_000m;
    private const string TransferAmount = "0.01";

    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"Posting benchmark: API {options.Api}, {options.Accounts} accounts, clients {string.Join(",", options.Clients)}, " +
                          $"{options.Warmup} s warm-up + {options.Seconds} s each, {Environment.ProcessorCount} cores");

        var accounts = await SeedAsync(options);
        if (options.AccountsOut is { } path)
        {
            await File.WriteAllLinesAsync(path, accounts);
            Console.WriteLine($"Account numbers written to {path}");
        }

        var results = new List<PhaseResult>();
        foreach (var clients in options.Clients)
        {
            var result = await RunPhaseAsync(options, accounts, clients);
            results.Add(result);
            Print(result);
        }

        if (options.ResultsOut is { } resultsPath)
        {
            var lines = results.Select(r => string.Join('\t',
                r.Clients, r.Completed, F(r.Seconds), F(r.Tps), F(r.P50), F(r.P95), F(r.P99), F(r.Mean),
                r.Errors.Count == 0 ? "-" : string.Join(",", r.Errors.Select(e => $"{e.Key}:{e.Value}")),
                r.Cpu is null ? "-" : F(r.Cpu.ApiSeconds), r.Cpu is null ? "-" : F(r.Cpu.PgSeconds), r.Cpu is null ? "-" : F(r.Cpu.DriverSeconds)));
            await File.WriteAllLinesAsync(resultsPath, lines);
        }

        return await LedgerCheck.RunAsync(options) ? 0 : 1;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Print(PhaseResult r)
    {
        var errors = r.Errors.Count == 0 ? "none" : string.Join(", ", r.Errors.Select(e => $"{e.Key}: {e.Value}"));
        Console.WriteLine($"  C={r.Clients,-3} {r.Completed,7} transfers in {r.Seconds:F1} s = {r.Tps,8:F1} /s   " +
                          $"p50 {r.P50:F2} ms  p95 {r.P95:F2} ms  p99 {r.P99:F2} ms  (mean {r.Mean:F2} ms)   errors: {errors}");
        if (r.Cpu is { } cpu && r.Completed > 0)
        {
            Console.WriteLine($"         CPU during the window: API {cpu.ApiSeconds / r.Seconds:F2} cores ({cpu.ApiSeconds * 1000 / r.Completed:F3} ms/transfer), " +
                              $"PostgreSQL {cpu.PgSeconds / r.Seconds:F2} cores ({cpu.PgSeconds * 1000 / r.Completed:F3} ms/transfer), " +
                              $"driver {cpu.DriverSeconds / r.Seconds:F2} cores ({cpu.DriverSeconds * 1000 / r.Completed:F3} ms/transfer)");
        }
    }

    /// <summary>One new customer with N funded TRY checking accounts; answers their numbers.</summary>
    private static async Task<string[]> SeedAsync(Options options)
    {
        var watch = Stopwatch.StartNew();
        using var http = ApiClient.NewHttpClient(options.Api, 8);
        var api = new ApiClient(http);
        var token = await api.LoginAsync(ApiClient.Teller, options.Password);
        string customerId;
        using (var customer = await api.SendAsync(HttpMethod.Post, "api/v1/customers", token, new { kind = "BUSINESS", name = "Bench Customer" }, null))
        {
            customerId = customer.RootElement.GetProperty("id").GetString()!;
        }

        var numbers = new string[options.Accounts];
        await Parallel.ForAsync(0, options.Accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var opened = await api.SendAsync(HttpMethod.Post, "api/v1/accounts", token,
                new { customerId, accountType = "CHECKING", currency = "TRY" }, null);
            var number = opened.RootElement.GetProperty("data").GetProperty("accountNumber").GetString()!;
            using var deposit = await api.SendAsync(HttpMethod.Post, "api/v1/transactions/deposit", token,
                new { accountNumber = number, amount = Funding, description = "Bench funding" }, Guid.NewGuid().ToString());
            numbers[i] = number;
        });
        Console.WriteLine($"Seeded customer {customerId} with {options.Accounts} TRY accounts of {Funding:N0} each in {watch.Elapsed.TotalSeconds:F1} s");
        return numbers;
    }

    private static async Task<PhaseResult> RunPhaseAsync(Options options, string[] accounts, int clients)
    {
        using var http = ApiClient.NewHttpClient(options.Api, clients);
        var api = new ApiClient(http);
        // a fresh token per phase, so a long run never meets its expiry
        var auth = new AuthenticationHeaderValue("Bearer", await api.LoginAsync(ApiClient.Teller, options.Password));
        var transferUri = new Uri(options.Api, "api/v1/transactions/transfer");

        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(options.Warmup * (double)Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Seconds * (double)Stopwatch.Frequency);
        var workers = new Worker[clients];
        CpuSample? cpuBefore = null;
        var cpuGate = new TaskCompletionSource();

        for (var i = 0; i < clients; i++)
        {
            workers[i] = new Worker();
        }

        var tasks = workers.Select(w => Task.Run(() => w.RunAsync(http, transferUri, auth, accounts, measureFrom, measureTo))).ToArray();

        // CPU counters at the window's edges
        var sampler = Task.Run(async () =>
        {
            await Delay(measureFrom);
            cpuBefore = Cpu.Sample(options);
            await Delay(measureTo);
            return Cpu.Sample(options);
        });
        await Task.WhenAll(tasks);
        var cpuAfter = await sampler;

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in workers.SelectMany(w => w.Errors))
        {
            errors[key] = errors.GetValueOrDefault(key) + count;
        }

        foreach (var sample in workers.SelectMany(w => w.ErrorSamples).DistinctBy(s => s.Key).Take(5))
        {
            Console.WriteLine($"    first {sample.Key} answer: {ApiClient.Shorten(sample.Value)}");
        }

        var seconds = options.Seconds;
        CpuSample? cpu = cpuBefore is not null && cpuAfter is not null
            ? new CpuSample(cpuAfter.ApiSeconds - cpuBefore.ApiSeconds, cpuAfter.PgSeconds - cpuBefore.PgSeconds, cpuAfter.DriverSeconds - cpuBefore.DriverSeconds)
            : null;
        return new PhaseResult(clients, latencies.Length, seconds, latencies.Length / (double)seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            latencies.Length == 0 ? 0 : latencies.Average(), errors, cpu);
    }

    private static async Task Delay(long until)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>One client: a transfer at a time, as fast as the API answers.</summary>
    private sealed class Worker
    {
        public List<double> Latencies { get; } = new(1 << 14);
        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> ErrorSamples { get; } = new(StringComparer.Ordinal);

        public async Task RunAsync(HttpClient http, Uri uri, AuthenticationHeaderValue auth, string[] accounts, long measureFrom, long measureTo)
        {
            var random = new Random(Guid.NewGuid().GetHashCode());
            while (true)
            {
                var begin = Stopwatch.GetTimestamp();
                if (begin >= measureTo)
                {
                    return;
                }

                var from = random.Next(accounts.Length);
                var to = random.Next(accounts.Length - 1);
                if (to >= from)
                {
                    to++;
                }

                var body = $$"""{"fromAccountNumber":"{{accounts[from]}}","toAccountNumber":"{{accounts[to]}}","amount":{{TransferAmount}},"description":"Bench transfer"}""";
                string? failure = null;
                string? failureText = null;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri);
                    request.Headers.Authorization = auth;
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        failureText = await response.Content.ReadAsStringAsync();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failure = e.GetType().Name;
                    failureText = e.Message;
                }

                if (begin < measureFrom)
                {
                    continue; // warm-up
                }

                if (failure is null)
                {
                    Latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                else
                {
                    Errors[failure] = Errors.GetValueOrDefault(failure) + 1;
                    ErrorSamples.TryAdd(failure, failureText ?? string.Empty);
                }
            }
        }
    }
}

/// <summary>CPU time (user + system) from /proc: the API process, the whole PostgreSQL cluster, this process.</summary>
internal static class Cpu
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static CpuSample? Sample(Options options)
    {
        if (options.ApiPid is not { } apiPid || options.PgPid is not { } pgPid || !OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return new CpuSample(Ticks(apiPid, false) / TicksPerSecond, Cluster(pgPid) / TicksPerSecond, Ticks(Environment.ProcessId, false) / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The postmaster with the children it already reaped, plus its live children (backends, walwriter, ...).</summary>
    private static long Cluster(int postmaster)
    {
        var total = Ticks(postmaster, true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster)
            {
                continue;
            }

            try
            {
                var fields = Fields(pid);
                if (long.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // the process went away
            }
        }

        return total;
    }

    private static long Ticks(int pid, bool withReapedChildren)
    {
        var f = Fields(pid);
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (withReapedChildren)
        {
            ticks += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return ticks;
    }

    /// <summary>/proc/PID/stat fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[] Fields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
