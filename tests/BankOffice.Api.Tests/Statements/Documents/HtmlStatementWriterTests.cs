using System.Text;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Statements.Documents.StatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>The HTML statement: the Web's preview, the same page the PDF prints.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class HtmlStatementWriterTests(DocumentsFixture documents)
{
    [Fact]
    public async Task WriteAsync_Statement_WholeUtf8PageWithEveryReferenceAndPrintRules()
    {
        var bytes = await documents.WriteAsync(Turkish(), StatementFormat.HTML);

        bytes.Take(3).Should().NotEqual(Encoding.UTF8.GetPreamble(), "no byte-order mark in front of the doctype");
        var html = Encoding.UTF8.GetString(bytes);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<meta charset=\"utf-8\"");
        html.Should().Contain(TurkishHolder, "names are written as letters, not character references").And.Contain(TurkishIban);
        for (var n = 1; n <= 120; n++)
        {
            html.Should().Contain(TurkishReference(n));
        }

        html.Should().Contain("thead { display: table-header-group; }").And.Contain("break-inside: avoid").And.Contain("@page { size: A4;");
        html.Should().Contain("10,015.00 TRY").And.NotContain("<script");
    }

    [Fact]
    public async Task WriteAsync_ClosedPeriodVersion_TitleShowsPeriodAndVersion()
    {
        var statement = Turkish(includeDetails: false);
        statement = statement with { Header = statement.Header with { Period = "2026-10", Version = 2 } };

        var html = Encoding.UTF8.GetString(await documents.WriteAsync(statement, StatementFormat.HTML));

        html.Should().Contain("Period 2026-10, version 2").And.NotContain("<table");
    }

    [Fact]
    public async Task WriteAsync_MarkupInNames_IsEscapedNotInterpreted()
    {
        var header = new StatementHeader(StatementKind.ACCOUNT, "<img src=x onerror=alert(1)> & Co", "C000099", "ACC-1", null, Currency.EUR,
            new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 0m, 0m, 5m, 5m, 1, true, GeneratedAt);
        var lines = new[] { new StatementLine(new DateOnly(2026, 10, 2), "DEPOSIT", "R-1", "<b>bold</b>", 0m, 5m, 5m) }.ToAsyncEnumerable();

        var html = Encoding.UTF8.GetString(await documents.WriteAsync(new StatementData(header, lines), StatementFormat.HTML));

        html.Should().Contain("&lt;img src=x onerror=alert(1)&gt; &amp; Co").And.Contain("&lt;b&gt;bold&lt;/b&gt;");
        html.Should().NotContain("<img").And.NotContain("<b>");
        html.Should().NotContain(">IBAN<", "an account without an IBAN shows no IBAN row");
    }

    [Fact]
    public async Task WriteAsync_NoLinesInRange_SaysSoAndStillTotals()
    {
        var header = new StatementHeader(StatementKind.ACCOUNT, "Ayşe Yılmaz", "C000003", "ACC-2", TurkishIban, Currency.TRY,
            new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 42.50m, 0m, 0m, 42.50m, 0, true, GeneratedAt);

        var html = Encoding.UTF8.GetString(await documents.WriteAsync(new StatementData(header, AsyncEnumerable.Empty<StatementLine>()), StatementFormat.HTML));

        html.Should().Contain("No transactions in this period.").And.Contain("42.50 TRY");
    }
}
