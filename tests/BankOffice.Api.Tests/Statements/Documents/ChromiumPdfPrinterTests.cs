using System.Diagnostics;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>The shared browser: bounded, failing clearly, never touching the caller's stream on failure.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class ChromiumPdfPrinterTests(DocumentsFixture documents)
{
    private const string Footer = "<div style=\"font-size:8px\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>";

    [Fact]
    public async Task PrintAsync_ChromiumMissing_ThrowsRendererUnavailableEachTimeAndLogsItOnce()
    {
        var before = documents.Logs.Count;
        await using var printer = new ChromiumPdfPrinter(Options.Create(new StatementOptions { ChromiumPath = "/nonexistent/chromium" }),
            documents.Services.GetRequiredService<ILogger<ChromiumPdfPrinter>>());
        using var output = new MemoryStream();

        for (var request = 1; request <= 2; request++)
        {
            var act = () => printer.PrintAsync(Page("x"), Footer, output, CancellationToken.None);

            var error = (await act.Should().ThrowAsync<DomainException>()).Which;
            error.Kind.Should().Be(DomainErrorKind.Unavailable);
            error.Code.Should().Be(StatementErrorCodes.RendererUnavailable);
            error.Message.Should().StartWith("PDF statements need Chromium at /nonexistent/chromium: ");
        }

        output.Length.Should().Be(0);
        documents.Logs.Skip(before).Where(e => e.Level == LogLevel.Error).Should().ContainSingle()
            .Which.Message.Should().Contain("/nonexistent/chromium");
    }

    [Fact]
    public async Task PrintAsync_EverySlotHeldPastTheQueueTimeout_ThrowsRendererBusy()
    {
        await using var printer = Printer(new StatementOptions
        {
            ChromiumPath = DocumentsFixture.ChromiumPath,
            PdfConcurrency = 1,
            PdfQueueTimeout = TimeSpan.FromMilliseconds(50),
        });

        // The first print takes the only slot at once and keeps it while Chromium starts (well over 50 ms).
        var first = printer.PrintAsync(Page("first"), Footer, Stream.Null, CancellationToken.None);
        var second = () => printer.PrintAsync(Page("second"), Footer, Stream.Null, CancellationToken.None);

        var error = (await second.Should().ThrowAsync<DomainException>()).Which;
        error.Kind.Should().Be(DomainErrorKind.Unavailable);
        error.Code.Should().Be(StatementErrorCodes.RendererBusy);
        await first;
    }

    [Fact]
    public async Task PrintAsync_MorePrintsThanPages_AllSucceedAndAtMostTwoPrintAtOnce()
    {
        const int prints = 6;
        var before = documents.Logs.Count;

        var pdfs = await Task.WhenAll(Enumerable.Range(1, prints).Select(async n =>
        {
            using var output = new MemoryStream();
            await documents.Printer.PrintAsync(Page($"Document number {n}"), Footer, output, CancellationToken.None);
            return output.ToArray();
        }));

        for (var n = 1; n <= prints; n++)
        {
            using var file = await PdfText.OpenAsync(pdfs[n - 1]);
            (await file.TextAsync()).Should().Contain($"Document number {n}").And.Contain("Page 1 of 1");
        }

        // The printer logs, for each print, how many pages were printing when it started.
        var busy = documents.Logs.Skip(before)
            .Where(e => e.Category == typeof(ChromiumPdfPrinter).FullName && e.Values.ContainsKey("Busy"))
            .Select(e => Convert.ToInt32(e.Values["Busy"], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        busy.Should().HaveCount(prints);
        busy.Max().Should().BeLessThanOrEqualTo(DocumentsFixture.Concurrency);
    }

    [Fact]
    public async Task PrintAsync_ChromiumKilledBetweenPrints_StartsAnotherAndPrints()
    {
        var before = BrowserProcesses();
        await using var printer = Printer(new StatementOptions { ChromiumPath = DocumentsFixture.ChromiumPath });
        await PrintReadableAsync(printer, "Before the crash");
        var started = BrowserProcesses().Except(before).Should().ContainSingle("this printer started one browser").Which;

        // Only the browser this test's printer started, by its id.
        using (var browser = Process.GetProcessById(started))
        {
            browser.Kill();
        }

        await PrintReadableAsync(printer, "After the crash");
        BrowserProcesses().Except(before).Should().ContainSingle().Which.Should().NotBe(started);
    }

    [Fact]
    public async Task PrintAsync_Cancelled_ThrowsAndFreesItsPage()
    {
        var rows = string.Concat(Enumerable.Range(1, 3_000).Select(n => $"<tr><td>Row {n}</td><td>{n * 10}</td></tr>"));
        var big = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table>{rows}</table></body></html>";
        await PrintReadableAsync(documents.Printer, "Warm up");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = () => documents.Printer.PrintAsync(big, Footer, Stream.Null, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        // Both slots are free again: two prints at once still go through (a leaked slot would leave one waiting 60 s).
        await Task.WhenAll(PrintReadableAsync(documents.Printer, "Next one"), PrintReadableAsync(documents.Printer, "And another"));
    }

    private static async Task PrintReadableAsync(IPdfPrinter printer, string text)
    {
        using var output = new MemoryStream();
        await printer.PrintAsync(Page(text), Footer, output, CancellationToken.None);
        using var file = await PdfText.OpenAsync(output.ToArray());
        (await file.TextAsync()).Should().Contain(text);
    }

    /// <summary>
    /// Chromium main processes below this test process (Playwright's driver starts them; their own
    /// renderers are children of a chromium and so left out), read from /proc.
    /// </summary>
    private static HashSet<int> BrowserProcesses()
    {
        var processes = new Dictionary<int, (int Parent, string Name, char State)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": the name may hold spaces, so read around the last parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var rest = stat[(close + 2)..].Split(' ');
                processes[pid] = (int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture), stat[(stat.IndexOf('(') + 1)..close], rest[0][0]);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        bool IsOurs(int pid)
        {
            for (var current = pid; processes.TryGetValue(current, out var p) && current > 1; current = p.Parent)
            {
                if (p.Parent == Environment.ProcessId)
                {
                    return true;
                }
            }

            return false;
        }

        return processes
            .Where(p => p.Value.Name == "chromium" && p.Value.State != 'Z'
                && !(processes.TryGetValue(p.Value.Parent, out var parent) && parent.Name == "chromium") && IsOurs(p.Key))
            .Select(p => p.Key)
            .ToHashSet();
    }

    private static ChromiumPdfPrinter Printer(StatementOptions options) => new(Options.Create(options), NullLogger<ChromiumPdfPrinter>.Instance);

    private static string Page(string text) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>";
}
