using System.Text.RegularExpressions;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Statements.Documents.StatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>The PDF statement as its reader gets it: real text, every line, numbered pages, any script's names.</summary>
[Collection(DocumentsCollection.Name)]
public sealed partial class PdfStatementWriterTests(DocumentsFixture documents)
{
    [Fact]
    public async Task WriteAsync_TurkishHolder120Lines_TextHasHolderIbanEveryReferenceAndClosingBalance()
    {
        var pdf = await documents.WriteAsync(Turkish(), StatementFormat.PDF);

        using var file = await PdfText.OpenAsync(pdf);
        var text = await file.TextAsync();
        text.Should().Contain(TurkishHolder).And.Contain(TurkishIban).And.Contain(TurkishAccount).And.Contain("C000012");
        for (var n = 1; n <= 120; n++)
        {
            text.Should().Contain(TurkishReference(n), $"line {n} is on the statement");
        }

        text.Should().Contain("Maaş ödemesi").And.Contain("Iğdır");
        // Opening 1,000.00 + credits 15,030.00 − debits 6,015.00 = 10,015.00.
        Regex.IsMatch(text, @"Closing balance\s+10,015\.00 TRY").Should().BeTrue("the closing balance is printed after the table");
        text.Should().Contain("1,000.00 TRY").And.Contain("15,030.00 TRY").And.Contain("6,015.00 TRY");
        text.Should().Contain("2026-10-01 to 2026-10-31").And.Contain("2026-11-21 10:15 UTC");
    }

    [Fact]
    public async Task WriteAsync_120Lines_EveryPageSaysPageKOfTheTotalAndRepeatsTheTableHeader()
    {
        var pdf = await documents.WriteAsync(Turkish(), StatementFormat.PDF);

        using var file = await PdfText.OpenAsync(pdf);
        var pages = await file.PageCountAsync();
        pages.Should().BeGreaterThan(1, "120 lines do not fit one A4 page");
        for (var page = 1; page <= pages; page++)
        {
            var text = await file.TextAsync(page);
            text.Should().Contain($"Page {page} of {pages}");
            HeaderRow().Matches(text).Should().HaveCount(1, $"page {page} repeats the table header");
            text.Should().Contain(TurkishAccount, "the footer names the account");
        }
    }

    [Fact]
    public async Task WriteAsync_ChineseHolder_NameAndReferencesAreText()
    {
        var pdf = await documents.WriteAsync(Chinese(), StatementFormat.PDF);

        using var file = await PdfText.OpenAsync(pdf);
        var text = await file.TextAsync();
        text.Should().Contain(ChineseHolder).And.Contain(ChineseIban).And.Contain("发票 上海办公用品");
        for (var n = 1; n <= 30; n++)
        {
            text.Should().Contain(ChineseReference(n));
        }

        // 500.00 + 18,000.00 − 15,000.00 = 3,500.00.
        Regex.IsMatch(text, @"Closing balance\s+3,500\.00 USD").Should().BeTrue();
        text.Should().Contain("Customer account statement");
    }

    [Fact]
    public async Task WriteAsync_WithoutDetails_SummaryOnOnePageWithoutTheTable()
    {
        var pdf = await documents.WriteAsync(Turkish(includeDetails: false), StatementFormat.PDF);

        using var file = await PdfText.OpenAsync(pdf);
        var text = await file.TextAsync();
        (await file.PageCountAsync()).Should().Be(1);
        HeaderRow().IsMatch(text).Should().BeFalse("a summary statement has no transaction table");
        text.Should().NotContain(TurkishReference(1)).And.Contain("Summary statement: 120 transactions");
        Regex.IsMatch(text, @"Closing balance\s+10,015\.00 TRY").Should().BeTrue();
        text.Should().Contain("Page 1 of 1");
    }

    [GeneratedRegex(@"Date\s+Reference\s+Description\s+Debit\s+Credit\s+Balance")]
    private static partial Regex HeaderRow();
}
