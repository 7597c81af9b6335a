using System.Text;
using BankOffice.Core.Statements;

namespace BankOffice.Api.Statements.Documents;

/// <summary><c>format=html</c>: the statement page the Web shows in its preview, the same markup the PDF prints.</summary>
public sealed class HtmlStatementWriter(StatementDocument document) : IStatementWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public StatementFormat Format => StatementFormat.HTML;

    public async Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken)
    {
        var lines = await StatementDocument.ReadLinesAsync(statement, cancellationToken);
        var html = await document.RenderAsync(statement.Header, lines);
        await output.WriteAsync(Utf8.GetBytes(html), cancellationToken);
    }
}
