using BankOffice.Core.Statements;

namespace BankOffice.Api.Statements.Documents;

/// <summary><c>format=pdf</c>: the statement page printed by Chromium, "Page X of Y" in each footer.</summary>
public sealed class PdfStatementWriter(StatementDocument document, IPdfPrinter printer) : IStatementWriter
{
    public StatementFormat Format => StatementFormat.PDF;

    public async Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken)
    {
        var lines = await StatementDocument.ReadLinesAsync(statement, cancellationToken);
        var html = await document.RenderAsync(statement.Header, lines);
        await printer.PrintAsync(html, StatementDocument.Footer(statement.Header), output, cancellationToken);
    }
}
