using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>The shared browser: bounded, failing clearly, never touching the caller's stream on failure.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class ChromiumPdfPrinterTests(DocumentsFixture documents)
{
    private const string Footer = "<div style=\"font-size:8px\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>";

    [Fact]
    public async Task PrintAsync_ChromiumMissing_ThrowsRendererUnavailableAndWritesNothing()
    {
        await using var printer = Printer(new StatementOptions { ChromiumPath = "/nonexistent/chromium" });
        using var output = new MemoryStream();

        var act = () => printer.PrintAsync(Page("x"), Footer, output, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DomainException>()).Which;
        error.Kind.Should().Be(DomainErrorKind.Unavailable);
        error.Code.Should().Be(StatementErrorCodes.RendererUnavailable);
        error.Message.Should().StartWith("PDF statements need Chromium at /nonexistent/chromium: ");
        output.Length.Should().Be(0);
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

    private static ChromiumPdfPrinter Printer(StatementOptions options) => new(Options.Create(options), NullLogger<ChromiumPdfPrinter>.Instance);

    private static string Page(string text) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>";
}
