using System.Collections.Concurrent;
using System.Diagnostics;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// Prints HTML to PDF with Debian's headless Chromium through Playwright (never a downloaded browser).
/// One browser for the whole API, started on the first print and started again if it died; at most
/// <see cref="StatementOptions.PdfConcurrency"/> pages print at once and stay open between prints,
/// because a fresh page costs more than printing a short statement.
/// </summary>
public sealed class ChromiumPdfPrinter : IPdfPrinter, IAsyncDisposable, IDisposable
{
    /// <summary>STACK.md's flags: no sandbox (root in a container), and nothing that reaches for the closed network.</summary>
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

    /// <summary>Generous: 10,000 lines took 15-40 s here on two cores shared with other work.</summary>
    private const float RenderTimeoutMs = 180_000;

    // The same margins as the documents' @page rule; the footer lives in the bottom one.
    private static readonly Margin PageMargins = new() { Top = "16mm", Bottom = "18mm", Left = "14mm", Right = "14mm" };

    private readonly StatementOptions _options;
    private readonly ILogger<ChromiumPdfPrinter> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ConcurrentBag<IPage> _idlePages = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _busy;
    private int _unavailableLogged;
    private bool _disposed;

    public ChromiumPdfPrinter(IOptions<StatementOptions> options, ILogger<ChromiumPdfPrinter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, _options.PdfConcurrency));
    }

    public async Task PrintAsync(string html, string? footerTemplate, Stream output, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!await _slots.WaitAsync(_options.PdfQueueTimeout, cancellationToken))
        {
            throw new DomainException(DomainErrorKind.Unavailable, StatementErrorCodes.RendererBusy,
                $"Every PDF renderer stayed busy for {_options.PdfQueueTimeout.TotalSeconds:0.#} s; try again shortly.",
                new Dictionary<string, object?> { ["concurrency"] = _options.PdfConcurrency });
        }

        byte[] pdf;
        try
        {
            pdf = await PrintWithRetryAsync(html, footerTemplate, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }

        // Only now, with the whole PDF in hand, does the caller's stream see a byte: a failed print can
        // still be answered as a problem instead of a truncated download.
        await output.WriteAsync(pdf, cancellationToken);
    }

    private async Task<byte[]> PrintWithRetryAsync(string html, string? footerTemplate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var browser = await BrowserAsync(cancellationToken);
            IPage? page = null;
            var busy = Interlocked.Increment(ref _busy);
            var started = Stopwatch.GetTimestamp();
            try
            {
                page = await RentPageAsync(browser);
                var pdf = await RenderAsync(page, html, footerTemplate, cancellationToken);
                _idlePages.Add(page);
                _logger.LogDebug("Printed a PDF of {Bytes} bytes in {ElapsedMs} ms ({Busy} of {Concurrency} pages busy)",
                    pdf.Length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, busy, _options.PdfConcurrency);
                return pdf;
            }
            catch (PlaywrightException ex) when (attempt == 1 && !browser.IsConnected)
            {
                // Chromium died before or under this print (killed, out of memory): start it again, print once more.
                _logger.LogWarning(ex, "Chromium disconnected while printing a PDF; starting it again");
                await DiscardAsync(page);
            }
            catch
            {
                await DiscardAsync(page);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
            }
        }
    }

    private static async Task<byte[]> RenderAsync(IPage page, string html, string? footerTemplate, CancellationToken cancellationToken)
    {
        var render = PrintPageAsync(page, html, footerTemplate);
        try
        {
            return await render.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Playwright takes no token: closing the page is what stops Chromium's work.
            await page.Context.CloseAsync();
            try
            {
                await render;
            }
            catch (PlaywrightException)
            {
                // The close ended it, as intended.
            }

            throw;
        }
    }

    private static async Task<byte[]> PrintPageAsync(IPage page, string html, string? footerTemplate)
    {
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = RenderTimeoutMs });
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = footerTemplate is not null,
            // Chromium prints its own date and title when the header template is left out.
            HeaderTemplate = "<span></span>",
            FooterTemplate = footerTemplate ?? "<span></span>",
            Margin = PageMargins,
        });
    }

    private async Task<IPage> RentPageAsync(IBrowser browser)
    {
        while (_idlePages.TryTake(out var idle))
        {
            if (!idle.IsClosed && idle.Context.Browser == browser)
            {
                return idle;
            }
        }

        // The documents need no script and no network; a name that smuggled markup in could reach neither.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false, Offline = true });
        page.SetDefaultTimeout(RenderTimeoutMs);
        return page;
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            if (_browser is not null)
            {
                _logger.LogWarning("Chromium for PDF printing is no longer connected; starting it again");
                await CloseQuietlyAsync(_browser);
                _browser = null;
                // The driver may have gone with it; a new one costs little next to a new browser.
                _playwright?.Dispose();
                _playwright = null;
            }

            _browser = await LaunchAsync();
            Interlocked.Exchange(ref _unavailableLogged, 0);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task<IBrowser> LaunchAsync()
    {
        var path = _options.ChromiumPath;
        if (!File.Exists(path))
        {
            throw Unavailable(path, "the file does not exist (install Debian's chromium package or set Statements:ChromiumPath)", null);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            _logger.LogInformation("Chromium {Version} started for PDF printing from {Path} in {ElapsedMs} ms, {Concurrency} pages at a time",
                browser.Version, path, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, _options.PdfConcurrency);
            return browser;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PlaywrightException when Chromium will not start; others when Playwright's own driver cannot
            // run, so the next attempt starts a fresh driver too.
            _playwright?.Dispose();
            _playwright = null;
            throw Unavailable(path, ex.Message.Split('\n')[0], ex);
        }
    }

    private DomainException Unavailable(string path, string reason, Exception? cause)
    {
        var message = $"PDF statements need Chromium at {path}: {reason}";
        // Once per outage, clearly; every request that meets it still gets its 503.
        if (Interlocked.Exchange(ref _unavailableLogged, 1) == 0)
        {
            _logger.LogError(cause, "PDF printing is unavailable. {Message}", message);
        }

        return new DomainException(DomainErrorKind.Unavailable, StatementErrorCodes.RendererUnavailable, message,
            new Dictionary<string, object?> { ["chromiumPath"] = path });
    }

    private async Task DiscardAsync(IPage? page)
    {
        if (page is null)
        {
            return;
        }

        try
        {
            await page.Context.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            _logger.LogDebug(ex, "Closing a failed PDF page failed too");
        }
    }

    private async Task CloseQuietlyAsync(IBrowser browser)
    {
        try
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }
        catch (PlaywrightException ex)
        {
            _logger.LogDebug(ex, "Chromium had already gone");
        }
    }

    /// <summary>
    /// For a container disposed synchronously (it refuses a singleton that is only IAsyncDisposable);
    /// there is no synchronization context to deadlock on at shutdown.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_browser is not null)
        {
            await CloseQuietlyAsync(_browser);
        }

        // The semaphores are left undisposed: a print still finishing at shutdown releases its slot.
        _playwright?.Dispose();
    }
}
