using System.Globalization;
using BankOffice.Api.Statements.Documents;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using static BankOffice.Api.Tests.Statements.Documents.DataStatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

public class ExcelStatementWriterTests
{
    [Fact]
    public async Task WriteAsync_AccountStatement_PassesOpenXmlValidatorWithTransactionsAndSummarySheets()
    {
        using var document = Open(await RenderAsync(Excel(), Account()));

        Errors(document).Should().BeEmpty();
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value)
            .Should().Equal("Transactions", "Summary");
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_HeaderIsBoldFilledFrozenAndFiltered()
    {
        using var document = Open(await RenderAsync(Excel(), Account()));
        var sheet = Sheet(document, "Transactions").Worksheet;

        var header = sheet.Descendants<Row>().First();
        header.Elements<Cell>().Select(TextOf).Should().Equal("Date", "Type", "Reference", "Description", "Debit", "Credit", "Balance");
        foreach (var cell in header.Elements<Cell>())
        {
            var format = FormatOf(document, cell);
            var font = Styles(document).Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
            font.Elements<Bold>().Should().ContainSingle($"header cell {cell.CellReference} is bold");
            var fill = Styles(document).Fills!.Elements<Fill>().ElementAt((int)format.FillId!.Value);
            fill.PatternFill!.PatternType!.Value.Should().Be(PatternValues.Solid);
        }

        var pane = sheet.Descendants<Pane>().Single();
        pane.VerticalSplit!.Value.Should().Be(1D);
        pane.TopLeftCell!.Value.Should().Be("A2");
        pane.State!.Value.Should().Be(PaneStateValues.Frozen);

        // Header row + 5 lines: A1:G6.
        sheet.Elements<AutoFilter>().Single().Reference!.Value.Should().Be("A1:G6");
        var filterName = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        filterName.Name!.Value.Should().Be("_xlnm._FilterDatabase");
        filterName.LocalSheetId!.Value.Should().Be(0U);
        filterName.Hidden!.Value.Should().BeTrue();
        filterName.Text.Should().Be("Transactions!$A$1:$G$6");

        sheet.Elements<Columns>().Single().Elements<Column>().Select(c => c.Width!.Value)
            .Should().HaveCount(7).And.OnlyContain(w => w >= 10);
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_DatesAndMoneyAreNumbersWithNumberFormats()
    {
        using var document = Open(await RenderAsync(Excel(), Account()));
        var sheet = Sheet(document, "Transactions");

        var date = Cell(sheet, "A2");
        // 2026-10-01 is 46,296 days after Excel's day 0 (1899-12-30).
        date.DataType.Should().BeNull("a date is a number");
        date.CellValue!.Text.Should().Be("46296");
        NumberFormatOf(document, date).Should().Be("yyyy-mm-dd");
        Cell(sheet, "A6").CellValue!.Text.Should().Be("46326");

        var debit = Cell(sheet, "E3");
        debit.DataType.Should().BeNull("money is a number");
        NumberOf(debit).Should().Be(400.50m);
        NumberFormatOf(document, debit).Should().Be("#,##0.00");
        NumberFormatOf(document, Cell(sheet, "F2")).Should().Be("#,##0.00");
        NumberFormatOf(document, Cell(sheet, "G6")).Should().Be("#,##0.00");
        NumberOf(Cell(sheet, "G6")).Should().Be(1_986.59m);

        TextOf(Cell(sheet, "D2")).Should().Be(TurkishDescription);
        TextOf(Cell(sheet, "D4")).Should().Be(CommaQuoteDescription);
        // An inline string is never evaluated, so the payer's "formula" stays text, unaltered.
        var formulaText = Cell(sheet, "D3");
        formulaText.CellFormula.Should().BeNull();
        TextOf(formulaText).Should().Be(FormulaDescription);
        TextOf(Cell(sheet, "C2")).Should().Be("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_SummaryFormulasCacheTheLedgerTotalsAndTieToTheLines()
    {
        using var document = Open(await RenderAsync(Excel(), Account()));
        var summary = Sheet(document, "Summary");
        var labels = Rows(summary).ToDictionary(r => TextOf(r[0]), r => r[1]);

        TextOf(labels["Account holder"]).Should().Be("Şükrü Çağlar Öztürk");
        TextOf(labels["Customer id"]).Should().Be("C000012");
        TextOf(labels["Account number"]).Should().Be(AccountNumber);
        TextOf(labels["IBAN"]).Should().Be(Iban);
        TextOf(labels["Currency"]).Should().Be("TRY");
        labels["Period from"].CellValue!.Text.Should().Be("46296");
        NumberFormatOf(document, labels["Period from"]).Should().Be("yyyy-mm-dd");
        labels["Period to"].CellValue!.Text.Should().Be("46326");
        NumberOf(labels["Opening balance"]).Should().Be(1_000.00m);

        var opening = labels["Opening balance"].CellReference!.Value;
        var debits = labels["Total debits"];
        var credits = labels["Total credits"];
        debits.CellFormula!.Text.Should().Be("SUM(Transactions!E2:E6)");
        NumberOf(debits).Should().Be(1_600.75m);
        credits.CellFormula!.Text.Should().Be("SUM(Transactions!F2:F6)");
        NumberOf(credits).Should().Be(2_587.34m);
        // An account's balance grows with credits.
        labels["Closing balance"].CellFormula!.Text.Should().Be($"{opening}+{credits.CellReference!.Value}-{debits.CellReference!.Value}");
        NumberOf(labels["Closing balance"]).Should().Be(1_986.59m);
        labels["Lines"].CellFormula!.Text.Should().Be("COUNTA(Transactions!A2:A6)");
        NumberOf(labels["Lines"]).Should().Be(5m);
        NumberFormatOf(document, debits).Should().Be("#,##0.00");
        document.WorkbookPart!.Workbook.CalculationProperties!.FullCalculationOnLoad!.Value.Should().BeTrue();

        // What the formulas compute from the Transactions cells equals the cached ledger totals.
        var lines = Rows(Sheet(document, "Transactions")).Skip(1).ToList();
        lines.Sum(r => NumberOf(r[4])).Should().Be(1_600.75m);
        lines.Sum(r => NumberOf(r[5])).Should().Be(2_587.34m);
        (1_000.00m + lines.Sum(r => NumberOf(r[5])) - lines.Sum(r => NumberOf(r[4]))).Should().Be(NumberOf(lines[^1][6]));
    }

    [Fact]
    public async Task WriteAsync_CustomerStatement_ClosingFormulaAddsDebitsAndSubtractsCredits()
    {
        using var document = Open(await RenderAsync(Excel(), Customer()));
        Errors(document).Should().BeEmpty();
        var labels = Rows(Sheet(document, "Summary")).ToDictionary(r => TextOf(r[0]), r => r[1]);

        TextOf(labels["Account holder"]).Should().Be("王小明贸易有限公司");
        TextOf(labels["IBAN"]).Should().BeEmpty();
        var opening = labels["Opening balance"].CellReference!.Value;
        var debits = labels["Total debits"].CellReference!.Value;
        var credits = labels["Total credits"].CellReference!.Value;
        // A receivables balance is what the customer owes: invoices raise it. 150,000 + 25,000 − 50,000 = 125,000.
        labels["Closing balance"].CellFormula!.Text.Should().Be($"{opening}+{debits}-{credits}");
        NumberOf(labels["Closing balance"]).Should().Be(125_000m);
        NumberOf(labels["Total debits"]).Should().Be(25_000m);
        NumberOf(labels["Total credits"]).Should().Be(50_000m);
    }

    [Fact]
    public async Task WriteAsync_IssuedStatement_SummaryNamesTheBankPeriodAndVersion()
    {
        var issued = new BankOffice.Core.Statements.StatementData(AccountHeader() with { Period = "2026-10", Version = 2 }, DataStatementSamples.Stream(AccountLines));

        using var document = Open(await RenderAsync(Excel(), issued));

        var rows = Rows(Sheet(document, "Summary")).ToList();
        rows[0].Select(TextOf).Should().Equal("BankOffice Bank", "Account statement");
        rows.Single(r => TextOf(r[0]) == "Statement")[1].Should().Match<Cell>(c => TextOf(c) == "2026-10 v2");
        // The rows below shift by one; the closing formula follows them: opening B10, debits B11, credits B12.
        rows.Single(r => TextOf(r[0]) == "Closing balance")[1].CellFormula!.Text.Should().Be("B10+B12-B11");
    }

    [Fact]
    public async Task WriteAsync_TwentyThousandLines_StreamsToAnAsyncOnlyOutputAndValidates()
    {
        var statement = Large(20_000);

        var bytes = await RenderAsync(Excel(), statement);

        using var document = Open(bytes);
        Errors(document).Should().BeEmpty();
        var rows = Rows(Sheet(document, "Transactions")).ToList();
        rows.Should().HaveCount(20_001);
        rows.Skip(1).Sum(r => NumberOf(r[4])).Should().Be(statement.Header.TotalDebits);
        rows.Skip(1).Sum(r => NumberOf(r[5])).Should().Be(statement.Header.TotalCredits);
        NumberOf(rows[^1][6]).Should().Be(statement.Header.ClosingBalance);
        Sheet(document, "Transactions").Worksheet.Elements<AutoFilter>().Single().Reference!.Value.Should().Be("A1:G20001");
        var labels = Rows(Sheet(document, "Summary")).ToDictionary(r => TextOf(r[0]), r => r[1]);
        labels["Total debits"].CellFormula!.Text.Should().Be("SUM(Transactions!E2:E20001)");
        NumberOf(labels["Lines"]).Should().Be(20_000m);
    }

    [Fact]
    public async Task WriteAsync_SeekableEmptyOutput_IsWrittenInPlace()
    {
        using var output = new MemoryStream();

        await Excel().WriteAsync(Account(), output, CancellationToken.None);

        using var document = Open(output.ToArray());
        Errors(document).Should().BeEmpty();
        Rows(Sheet(document, "Transactions")).Should().HaveCount(6);
    }

    [Fact]
    public async Task WriteAsync_WithoutDetails_HasOnlyTheHeaderRowAndTotalsAsNumbers()
    {
        using var document = Open(await RenderAsync(Excel(), AccountWithoutDetails()));

        Errors(document).Should().BeEmpty();
        Rows(Sheet(document, "Transactions")).Should().ContainSingle();
        Sheet(document, "Transactions").Worksheet.Elements<AutoFilter>().Single().Reference!.Value.Should().Be("A1:G1");
        var labels = Rows(Sheet(document, "Summary")).ToDictionary(r => TextOf(r[0]), r => r[1]);
        // No lines to add up: a SUM would recalculate to 0, so the ledger totals are the values.
        labels["Total debits"].CellFormula.Should().BeNull();
        NumberOf(labels["Total debits"]).Should().Be(1_600.75m);
        NumberOf(labels["Total credits"]).Should().Be(2_587.34m);
        NumberOf(labels["Closing balance"]).Should().Be(1_986.59m);
        NumberOf(labels["Lines"]).Should().Be(5m);
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static IEnumerable<string> Errors(SpreadsheetDocument document) =>
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}");

    private static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
    }

    private static IEnumerable<Cell[]> Rows(WorksheetPart part) =>
        part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToArray());

    private static Cell Cell(WorksheetPart part, string reference) =>
        part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string TextOf(Cell cell)
    {
        cell.DataType!.Value.Should().Be(CellValues.InlineString);
        return cell.InlineString!.Text!.Text;
    }

    private static decimal NumberOf(Cell cell) => decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Stylesheet Styles(SpreadsheetDocument document) => document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

    private static CellFormat FormatOf(SpreadsheetDocument document, Cell cell) =>
        Styles(document).CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0U));

    private static string NumberFormatOf(SpreadsheetDocument document, Cell cell)
    {
        var id = FormatOf(document, cell).NumberFormatId!.Value;
        return Styles(document).NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId! == id).FormatCode!.Value!;
    }
}
