namespace BankOffice.Core.Statements;

/// <summary>Statement and document settings (section <c>Statements</c>).</summary>
public sealed class StatementOptions
{
    public const string SectionName = "Statements";

    /// <summary>Printed in the document header.</summary>
    public string BankName { get; set; } = "BankOffice Bank";

    /// <summary>Printed under the bank name (address, licence, contact line).</summary>
    public string BankAddress { get; set; } = "1 Ledger Street, Istanbul · support@bankoffice.local";

    /// <summary>The longest range one request may ask for (400 STATEMENT_RANGE_TOO_LONG beyond it).</summary>
    public int MaxSpanDays { get; set; } = 366;

    /// <summary>More lines than this are refused as PDF (400 STATEMENT_TOO_LARGE); Excel and CSV stream any size.</summary>
    public int MaxPdfLines { get; set; } = 10_000;

    /// <summary>The Chromium that prints PDFs. Missing: PDF requests answer 503 PDF_RENDERER_UNAVAILABLE.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>PDFs printed at the same time (one browser, this many pages); the rest wait their turn.</summary>
    public int PdfConcurrency { get; set; } = 2;

    /// <summary>How long a request waits for a free page before 503 PDF_RENDERER_BUSY.</summary>
    public TimeSpan PdfQueueTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Formats the statement run stores for each account (pdf, excel, csv); empty means pdf.</summary>
    /// <remarks>Empty by default: the configuration binder appends to a list that already has items.</remarks>
    public List<string> RunFormats { get; set; } = [];

    public IReadOnlyList<string> EffectiveRunFormats => RunFormats.Count > 0 ? RunFormats : ["pdf"];

    /// <summary>Statements rendered per batch of a run (progress is saved after each batch).</summary>
    public int RunBatchSize { get; set; } = 20;

    /// <summary>Start a statement run automatically when a period close finishes.</summary>
    public bool RunOnClose { get; set; } = true;

    /// <summary>How often an idle API instance looks for a statement run to start or resume.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
