using BankOffice.Core.Statements;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Statements.Documents;

/// <summary>The statement as one HTML page (<see cref="StatementTemplate"/>): the preview and what Chromium prints.</summary>
public sealed class StatementDocument(DocumentHtml html, IOptions<StatementOptions> options)
{
    public async Task<string> RenderAsync(StatementHeader header, IReadOnlyList<StatementLine> lines) =>
        await html.RenderAsync<StatementTemplate>(new Dictionary<string, object?>
        {
            [nameof(StatementTemplate.Header)] = header,
            [nameof(StatementTemplate.Lines)] = lines,
            [nameof(StatementTemplate.Bank)] = options.Value,
        });

    /// <summary>
    /// Reads every line: a page lays out its whole table at once. The PDF's line cap
    /// (<see cref="StatementOptions.MaxPdfLines"/>) is what keeps this bounded; a summary reads none.
    /// </summary>
    public static async Task<IReadOnlyList<StatementLine>> ReadLinesAsync(StatementData statement, CancellationToken cancellationToken)
    {
        if (!statement.Header.IncludeDetails)
        {
            return [];
        }

        var lines = new List<StatementLine>(statement.Header.LineCount);
        await foreach (var line in statement.Lines.WithCancellation(cancellationToken))
        {
            lines.Add(line);
        }

        return lines;
    }

    public static string Footer(StatementHeader header) =>
        DocumentText.PdfFooter(
            $"{header.HolderName} · {(header.Kind == StatementKind.CUSTOMER ? header.CustomerId : header.AccountNumber)}",
            header.GeneratedAt);
}
