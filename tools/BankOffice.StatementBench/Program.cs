using System.Diagnostics;
using System.Globalization;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using Microsoft.Extensions.DependencyInjection;

// The statement document benchmark. See README "## Statement documents benchmark" and scripts/bench.sh.
//
//   BankOffice.StatementBench [--lines 100,1000,10000] [--formats json,csv,excel,pdf] [--runs 5] [--warmup 1] [--out DIR]
//
// Exit codes: 0 ok, 1 a render failed, 2 bad arguments.

return await Cli.RunAsync(args);

internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench statements: {e.Message}\n\n{Usage}");
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // Async disposal: the PDF printer closes Chromium that way.
        await using var services = Writers.Build();
        var writers = services.GetRequiredService<StatementWriters>();
        foreach (var format in options.Formats)
        {
            try
            {
                writers.For(format);
            }
            catch (InvalidOperationException)
            {
                Console.Error.WriteLine($"bench statements: no {format.ToString().ToLowerInvariant()} writer in this build ({Writers.Available})");
                return 2;
            }
        }

        try
        {
            await StatementBench.RunAsync(options, writers);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"bench statements: a render failed: {e}");
            return 1;
        }
    }

    public const string Usage = """
        Usage:
          BankOffice.StatementBench [--lines 100,1000,10000] [--formats json,csv,excel,pdf] [--runs 5] [--warmup 1] [--out DIR]
              Builds a synthetic account statement of each line count (deterministic amounts and dates,
              Turkish and Chinese holder names and descriptions), renders it with the API's own writers
              W warm-up times, then R timed times to a non-seekable, async-only stream (as an HTTP
              response body), and prints per format and size: median and fastest time, bytes, lines per
              second and managed memory allocated per render. --out DIR also keeps one file of each.
              Formats: json, csv, excel, pdf and html (the PDF's page before printing). PDF uses the
              Chromium at $BANKOFFICE_CHROMIUM (default /usr/bin/chromium); the warm-up starts it.
        """;
}

internal sealed record BenchOptions(IReadOnlyList<int> Lines, IReadOnlyList<StatementFormat> Formats, int Runs, int Warmup, string? OutDir)
{
    public static BenchOptions Parse(string[] args)
    {
        IReadOnlyList<int> lines = [100, 1_000, 10_000];
        IReadOnlyList<StatementFormat> formats = [StatementFormat.JSON, StatementFormat.CSV, StatementFormat.EXCEL, StatementFormat.PDF];
        int runs = 5, warmup = 1;
        string? outDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--lines":
                    lines = Value().Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n : throw new ArgumentException($"--lines takes positive numbers, not '{v}'")).ToList();
                    break;
                case "--formats":
                    formats = Value().Split(',').Select(v => v.Length > 0 && StatementFormats.TryParse(v, out var f)
                        ? f : throw new ArgumentException($"unknown format '{v}' (json, csv, excel, pdf, html)")).Distinct().ToList();
                    break;
                case "--runs":
                    runs = Positive(Value(), "--runs", 1);
                    break;
                case "--warmup":
                    warmup = Positive(Value(), "--warmup", 0);
                    break;
                case "--out":
                    outDir = Value();
                    break;
                default:
                    throw new ArgumentException($"unknown option: {args[i]}");
            }
        }

        return new BenchOptions(lines, formats, runs, warmup, outDir);
    }

    private static int Positive(string value, string name, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n : throw new ArgumentException($"{name} is a number of at least {min}");
}

/// <summary>The writers under test, registered as the API registers them.</summary>
internal static class Writers
{
    public const string Available = "json, csv, excel, pdf, html";

    public static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<StatementOptions>(o => o.ChromiumPath = Environment.GetEnvironmentVariable("BANKOFFICE_CHROMIUM") is { Length: > 0 } chromium ? chromium : o.ChromiumPath);
        services.AddDataDocuments();
        services.AddPdfDocuments();
        return services.BuildServiceProvider();
    }
}

internal static class StatementBench
{
    public static async Task RunAsync(BenchOptions options, StatementWriters writers)
    {
        Console.WriteLine($"Statement documents benchmark ({DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mmZ}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}):");
        Console.WriteLine($"in-process, synthetic account statements, {options.Warmup} warm-up + {options.Runs} timed renders each, output to a non-seekable async-only stream");
        Console.WriteLine();
        Console.WriteLine($"{"format",-6} | {"lines",7} | {"median ms",9} | {"min ms",9} | {"bytes",11} | {"bytes/line",10} | {"lines/s",10} | {"alloc MB",8}");
        Console.WriteLine($"{new string('-', 6)}-+-{new string('-', 7)}-+-{new string('-', 9)}-+-{new string('-', 9)}-+-{new string('-', 11)}-+-{new string('-', 10)}-+-{new string('-', 10)}-+-{new string('-', 8)}");
        if (options.OutDir is not null)
        {
            Directory.CreateDirectory(options.OutDir);
        }

        foreach (var format in options.Formats)
        {
            var writer = writers.For(format);
            for (var s = 0; s < options.Lines.Count; s++)
            {
                var count = options.Lines[s];
                var statement = SyntheticStatement.Build(count, chinese: s % 2 == 1);
                for (var w = 0; w < options.Warmup; w++)
                {
                    await RenderAsync(writer, statement, Stream.Null);
                }

                var times = new List<double>(options.Runs);
                long bytes = 0, allocated = 0;
                for (var r = 0; r < options.Runs; r++)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    bytes = await RenderAsync(writer, statement, Stream.Null);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
                }

                times.Sort();
                var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
                Console.WriteLine(
                    $"{format.ToString().ToLowerInvariant(),-6} | {count,7:N0} | {median,9:F2} | {times[0],9:F2} | {bytes,11:N0} | {(double)bytes / count,10:F1} | {count / (median / 1000),10:N0} | {allocated / (double)options.Runs / (1024 * 1024),8:F1}");
                if (options.OutDir is not null)
                {
                    await using var file = File.Create(Path.Combine(options.OutDir, $"{count}-lines-{StatementFormats.FileName(statement.Header, format)}"));
                    await RenderAsync(writer, statement, file);
                }
            }
        }
    }

    private static async Task<long> RenderAsync(IStatementWriter writer, SyntheticStatement.Prepared statement, Stream copyTo)
    {
        await using var output = new ResponseLikeStream(copyTo);
        await writer.WriteAsync(statement.Data(), output, CancellationToken.None);
        return output.Written;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

/// <summary>
/// Deterministic statements: the same line count always gives the same lines. Lines are built
/// before timing, so the figures are the writer's work, not the data's.
/// </summary>
internal static class SyntheticStatement
{
    private static readonly string[] Descriptions =
    [
        "Maaş ödemesi — İstanbul şubesi",
        "Kira, Kadıköy \"daire 3\"",
        "转账 王小明 (上海分行)",
        "ATM çekimi Beşiktaş",
        "Elektrik faturası, Ekim",
        "货款 深圳华强电子有限公司",
        "Card payment — Migros Ataşehir",
        "Interest",
    ];

    private static readonly string[] Types = ["DEPOSIT", "DEPOSIT", "TRANSFER", "WITHDRAWAL", "DEBIT", "TRANSFER", "CARD", "INTEREST"];

    internal sealed record Prepared(StatementHeader Header, IReadOnlyList<StatementLine> Lines)
    {
        public StatementData Data() => new(Header, Lines.ToAsyncEnumerable());
    }

    public static Prepared Build(int count, bool chinese)
    {
        var from = new DateOnly(2026, 1, 1);
        var opening = 25_000.00m;
        var balance = opening;
        decimal debits = 0m, credits = 0m;
        var lines = new List<StatementLine>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = i % Types.Length;
            // Amounts from a fixed sequence: 3 of 8 lines are money in (1.00 to 1,000.99), 5 of 8 money out
            // at 60 % of that, so the balance wanders around the opening one.
            var amount = 1m + (i * 7_919L % 100_000) / 100m;
            var moneyIn = kind is 0 or 1 or 7;
            var debit = moneyIn ? 0m : decimal.Round(amount * 0.6m, 2);
            var credit = moneyIn ? amount : 0m;
            balance += credit - debit;
            debits += debit;
            credits += credit;
            lines.Add(new StatementLine(from.AddDays((int)((long)i * 365 / count)), Types[kind],
                new Guid(i, (short)(i >> 16), 0x4000, 0x80, 0, 0, 0, 0, 0, 0, (byte)kind).ToString(), $"{Descriptions[kind]} #{i + 1}", debit, credit, balance));
        }

        var header = new StatementHeader(StatementKind.ACCOUNT, chinese ? "王小明贸易有限公司" : "Şükrü Çağlar Öztürk", chinese ? "C000018" : "C000012",
            "ACC-3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c", "TR330006100519786457841326", Currency.TRY, from, new DateOnly(2026, 12, 31),
            opening, debits, credits, balance, count, true, new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));
        return new Prepared(header, lines);
    }
}

/// <summary>An HTTP response body's contract: not seekable, asynchronous writes only. Counts the bytes and passes them on.</summary>
internal sealed class ResponseLikeStream(Stream inner) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written += buffer.Length;
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
