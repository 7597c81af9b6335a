using System.Globalization;
using BankOffice.Core.Statements;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// The statement as an .xlsx workbook: a <c>Transactions</c> sheet (bold, filled, frozen header with a
/// filter; dates and money as numbers with number formats) and a <c>Summary</c> sheet whose totals are
/// formulas over the Transactions sheet with the ledger's totals as cached values, so a viewer that does
/// not recalculate still shows the right numbers and Excel proves they tie to the lines.
/// <para>
/// The Transactions sheet is written row by row with the SAX <see cref="OpenXmlWriter"/>: the lines
/// are never held. System.IO.Packaging writes the zip synchronously and needs a seekable stream, and an
/// HTTP response body allows neither, so for such an output the workbook is written to a temporary file
/// (deleted on close) and copied to the output asynchronously; a seekable, empty output (a MemoryStream
/// of the statement run) is written directly.
/// </para>
/// </summary>
public sealed class ExcelStatementWriter(IOptions<StatementOptions> options) : IStatementWriter
{
    public const string TransactionsSheet = "Transactions";
    public const string SummarySheet = "Summary";
    public const string DateFormatCode = "yyyy-mm-dd";
    public const string MoneyFormatCode = "#,##0.00";

    internal static readonly string[] Columns = ["Date", "Type", "Reference", "Description", "Debit", "Credit", "Balance"];

    // Cell format indexes of the stylesheet below (CellFormats order).
    internal const uint HeaderStyle = 1;
    internal const uint DateStyle = 2;
    internal const uint MoneyStyle = 3;
    internal const uint LabelStyle = 4;
    internal const uint TotalStyle = 5;

    private const uint DateFormatId = 164;
    private const uint MoneyFormatId = 165;

    /// <summary>Excel's longest cell text; a longer description is cut (Excel would refuse the file).</summary>
    private const int MaxCellText = 32_767;

    /// <summary>Excel's 1900 date system counts every date after February 1900 in days from 1899-12-30 (it takes 1900 for a leap year).</summary>
    private static readonly int ExcelEpoch = new DateOnly(1899, 12, 30).DayNumber;

    private static readonly System.Text.UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly double[] ColumnWidths = [12, 20, 40, 60, 16, 16, 16];

    public StatementFormat Format => StatementFormat.EXCEL;

    public async Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken)
    {
        if (output is { CanSeek: true, CanRead: true, CanWrite: true, Length: 0 })
        {
            await WriteWorkbookAsync(statement, output, cancellationToken);
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"bankoffice-statement-{Guid.NewGuid():N}.xlsx");
        await using var temp = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await WriteWorkbookAsync(statement, temp, cancellationToken);
        temp.Position = 0;
        await temp.CopyToAsync(output, cancellationToken);
    }

    private async Task WriteWorkbookAsync(StatementData statement, Stream target, CancellationToken cancellationToken)
    {
        var header = statement.Header;
        using var document = SpreadsheetDocument.Create(target, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = string.Create(CultureInfo.InvariantCulture, $"{header.Title} {header.From:yyyy-MM-dd} to {header.To:yyyy-MM-dd}");
        document.PackageProperties.Creator = options.Value.BankName;
        document.PackageProperties.Created = header.GeneratedAt.UtcDateTime;

        var workbookPart = document.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Stylesheet();

        var transactionsPart = workbookPart.AddNewPart<WorksheetPart>();
        var lines = await WriteTransactionsAsync(statement, transactionsPart, cancellationToken);
        var lastRow = lines + 1;

        var summaryPart = workbookPart.AddNewPart<WorksheetPart>();
        summaryPart.Worksheet = Summary(header, lines);

        workbookPart.Workbook = new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0U }),
            new Sheets(
                new Sheet { Name = TransactionsSheet, SheetId = 1U, Id = workbookPart.GetIdOfPart(transactionsPart) },
                new Sheet { Name = SummarySheet, SheetId = 2U, Id = workbookPart.GetIdOfPart(summaryPart) }),
            // Excel keeps an autofilter's range in this hidden name; without it the filter buttons work
            // but Excel "repairs" the name in on save.
            new DefinedNames(new DefinedName($"{TransactionsSheet}!$A$1:$G${lastRow}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true }),
            // The cached totals come from the ledger aggregate; recalculating on open shows what the
            // lines themselves add up to.
            new CalculationProperties { CalculationId = 191029U, FullCalculationOnLoad = true });
    }

    /// <summary>Streams the Transactions sheet; answers the number of lines written.</summary>
    private static async Task<int> WriteTransactionsAsync(StatementData statement, WorksheetPart part, CancellationToken cancellationToken)
    {
        var count = 0;
        using var writer = OpenXmlWriter.Create(part, NoBom);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            TabSelected = true,
            WorkbookViewId = 0U,
        }));
        writer.WriteElement(ColumnsOf(ColumnWidths));

        writer.WriteStartElement(new SheetData());
        var headerRow = new Row { RowIndex = 1U };
        for (var c = 0; c < Columns.Length; c++)
        {
            headerRow.Append(Text(c, 1, Columns[c], HeaderStyle));
        }

        writer.WriteElement(headerRow);
        var row = new LineRow();
        if (statement.Header.IncludeDetails)
        {
            await foreach (var line in statement.Lines.WithCancellation(cancellationToken))
            {
                // Also for a line source that ignores the token: a dropped download stops here.
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                writer.WriteElement(row.Fill(count + 1, line));
            }
        }

        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:G{count + 1}" });
        writer.WriteElement(new PageMargins { Left = 0.5D, Right = 0.5D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
        writer.WriteEndElement();
        return count;
    }

    /// <summary>
    /// Who, which account and period, and the totals. With lines, the totals are formulas over the
    /// Transactions sheet (cached: the header's ledger totals); without (includeDetails=false) they are
    /// the numbers themselves, as there is nothing to add up.
    /// </summary>
    private Worksheet Summary(StatementHeader header, int lines)
    {
        var rows = new List<Row>();
        void Add(string label, Cell value)
        {
            var r = rows.Count + 1;
            rows.Add(new Row(Text(0, r, label, LabelStyle), Positioned(value, 1, r)) { RowIndex = (uint)r });
        }

        rows.Add(new Row(Text(0, 1, options.Value.BankName, LabelStyle), Text(1, 1, header.Title, LabelStyle)) { RowIndex = 1U });
        Add("Account holder", Text(0, 0, header.HolderName));
        Add("Customer id", Text(0, 0, header.CustomerId));
        Add("Account number", Text(0, 0, header.AccountNumber));
        Add("IBAN", Text(0, 0, header.Iban ?? string.Empty));
        Add("Currency", Text(0, 0, header.Currency.ToString()));
        Add("Period from", Date(0, 0, header.From));
        Add("Period to", Date(0, 0, header.To));
        if (header.Period is not null)
        {
            Add("Statement", Text(0, 0, header.Version is { } version ? $"{header.Period} v{version}" : header.Period));
        }

        var openingRow = rows.Count + 1;
        Add("Opening balance", Number(0, 0, header.OpeningBalance, MoneyStyle));
        var debitsRow = rows.Count + 1;
        var creditsRow = debitsRow + 1;
        var last = lines + 1;
        if (lines > 0)
        {
            Add("Total debits", Formula($"SUM({TransactionsSheet}!E2:E{last})", header.TotalDebits, MoneyStyle));
            Add("Total credits", Formula($"SUM({TransactionsSheet}!F2:F{last})", header.TotalCredits, MoneyStyle));
            // An account's balance is what the bank owes: credits raise it. A receivables balance is
            // what the customer owes: invoices (debits) raise it.
            var closing = header.Kind == StatementKind.CUSTOMER
                ? $"B{openingRow}+B{debitsRow}-B{creditsRow}"
                : $"B{openingRow}+B{creditsRow}-B{debitsRow}";
            Add("Closing balance", Formula(closing, header.ClosingBalance, TotalStyle));
            Add("Lines", Formula($"COUNTA({TransactionsSheet}!A2:A{last})", header.LineCount, 0));
        }
        else
        {
            Add("Total debits", Number(0, 0, header.TotalDebits, MoneyStyle));
            Add("Total credits", Number(0, 0, header.TotalCredits, MoneyStyle));
            Add("Closing balance", Number(0, 0, header.ClosingBalance, TotalStyle));
            Add("Lines", Number(0, 0, header.LineCount, 0));
        }

        Add("Generated at", Text(0, 0, header.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));

        return new Worksheet(
            new SheetViews(new SheetView { WorkbookViewId = 0U }),
            ColumnsOf([22, 48]),
            new SheetData(rows),
            new PageMargins { Left = 0.5D, Right = 0.5D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
    }

    private static Cell Positioned(Cell cell, int column, int row)
    {
        cell.CellReference = Reference(column, row);
        return cell;
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Columns ColumnsOf(double[] widths)
    {
        var columns = new DocumentFormat.OpenXml.Spreadsheet.Columns();
        for (var i = 0; i < widths.Length; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        return columns;
    }

    private static Cell Text(int column, int row, string value, uint style = 0)
    {
        var text = new Text();
        SetText(text, value);
        var cell = new Cell(new InlineString(text)) { DataType = CellValues.InlineString, CellReference = row > 0 ? Reference(column, row) : null };
        if (style != 0)
        {
            cell.StyleIndex = style;
        }

        return cell;
    }

    private static Cell Date(int column, int row, DateOnly date) =>
        new(new CellValue((date.DayNumber - ExcelEpoch).ToString(CultureInfo.InvariantCulture)))
        {
            CellReference = row > 0 ? Reference(column, row) : null,
            StyleIndex = DateStyle,
        };

    private static Cell Number(int column, int row, decimal value, uint style)
    {
        var cell = new Cell(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { CellReference = row > 0 ? Reference(column, row) : null };
        if (style != 0)
        {
            cell.StyleIndex = style;
        }

        return cell;
    }

    private static Cell Formula(string formula, decimal cached, uint style)
    {
        var cell = new Cell(new CellFormula(formula), new CellValue(cached.ToString(CultureInfo.InvariantCulture)));
        if (style != 0)
        {
            cell.StyleIndex = style;
        }

        return cell;
    }

    private static string Reference(int column, int row) => $"{(char)('A' + column)}{row.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Drops characters XML 1.0 cannot carry (a control character in a payer's reference would break the file) and cuts at Excel's cell limit.</summary>
    internal static string CellText(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > MaxCellText)
        {
            text = text[..MaxCellText];
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlChar(text, i))
            {
                return Clean(text);
            }
        }

        return text;
    }

    private static string Clean(string text)
    {
        var clean = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsXmlChar(text, i))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    private static bool IsXmlChar(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return c is '\t' or '\n' or '\r' or (>= ' ' and <= '\uFFFD');
    }

    private static void SetText(Text element, string? value)
    {
        var text = CellText(value);
        element.Text = text;
        element.Space = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? SpaceProcessingModeValues.Preserve : null;
    }

    /// <summary>
    /// The elements of one Transactions row, filled again for each line before the writer serialises
    /// them: a line costs a few strings instead of a tree of some twenty elements and attributes.
    /// </summary>
    private sealed class LineRow
    {
        private readonly Row row = new();
        private readonly Cell[] cells;
        private readonly CellValue date = new(), debit = new(), credit = new(), balance = new();
        private readonly Text type = new(), reference = new(), description = new();

        public LineRow()
        {
            cells =
            [
                new Cell(date) { StyleIndex = DateStyle },
                new Cell(new InlineString(type)) { DataType = CellValues.InlineString },
                new Cell(new InlineString(reference)) { DataType = CellValues.InlineString },
                new Cell(new InlineString(description)) { DataType = CellValues.InlineString },
                new Cell(debit) { StyleIndex = MoneyStyle },
                new Cell(credit) { StyleIndex = MoneyStyle },
                new Cell(balance) { StyleIndex = MoneyStyle },
            ];
            row.Append(cells);
        }

        public Row Fill(int r, StatementLine line)
        {
            row.RowIndex = (uint)r;
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c].CellReference = Reference(c, r);
            }

            date.Text = (line.Date.DayNumber - ExcelEpoch).ToString(CultureInfo.InvariantCulture);
            SetText(type, line.Type);
            SetText(reference, line.Reference);
            SetText(description, line.Description);
            debit.Text = line.Debit.ToString(CultureInfo.InvariantCulture);
            credit.Text = line.Credit.ToString(CultureInfo.InvariantCulture);
            balance.Text = line.Balance.ToString(CultureInfo.InvariantCulture);
            return row;
        }
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormatCode },
            new NumberingFormat { NumberFormatId = MoneyFormatId, FormatCode = MoneyFormatCode })
        { Count = 2U },
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }))
        { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
        { Count = 3U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = DateFormatId, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = MoneyFormatId, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new CellFormat { NumberFormatId = MoneyFormatId, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true, ApplyFont = true })
        { Count = 6U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}
