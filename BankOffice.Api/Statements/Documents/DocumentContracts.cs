using BankOffice.Core.Statements;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// Writes a statement in one format to a stream. Writers read the lines as they come, so CSV, JSON
/// and Excel never hold a whole statement; HTML and PDF hold one page of markup.
/// </summary>
public interface IStatementWriter
{
    StatementFormat Format { get; }

    Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken);
}

/// <summary>Finds the writer of a format (registered as singletons, one per format).</summary>
public sealed class StatementWriters(IEnumerable<IStatementWriter> writers)
{
    private readonly Dictionary<StatementFormat, IStatementWriter> byFormat = writers.ToDictionary(w => w.Format);

    public IStatementWriter For(StatementFormat format) =>
        byFormat.TryGetValue(format, out var writer) ? writer : throw new InvalidOperationException($"No writer for {format}.");
}

/// <summary>
/// Prints HTML to PDF with headless Chromium: one browser process for the whole API, at most
/// <see cref="StatementOptions.PdfConcurrency"/> pages at a time. Throws a 503 DomainException
/// (PDF_RENDERER_UNAVAILABLE) when Chromium cannot be started, PDF_RENDERER_BUSY when the queue wait times out.
/// </summary>
public interface IPdfPrinter
{
    /// <param name="html">A whole document (doctype, head with its styles, body).</param>
    /// <param name="footerTemplate">Chromium's footer template (may use pageNumber and totalPages spans); null for none.</param>
    Task PrintAsync(string html, string? footerTemplate, Stream output, CancellationToken cancellationToken);
}

/// <summary>Renders payment receipts (HTML preview and PDF) from the same Razor component.</summary>
public interface IReceiptRenderer
{
    Task<string> RenderHtmlAsync(ReceiptDocument receipt, CancellationToken cancellationToken);

    Task WritePdfAsync(ReceiptDocument receipt, Stream output, CancellationToken cancellationToken);
}
