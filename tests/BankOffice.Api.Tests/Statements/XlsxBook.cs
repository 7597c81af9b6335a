using System.Globalization;
using BankOffice.Core.Receivables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace BankOffice.Api.Tests.Statements;

/// <summary>One cell as a spreadsheet program sees it: its text or number, its formula, and the number format it shows with.</summary>
public sealed record XlsxCell(string? Text, decimal? Number, string? Formula, string NumberFormat)
{
    private static readonly int ExcelEpoch = new DateOnly(1899, 12, 30).DayNumber;

    /// <summary>A date cell: a day serial number shown with a date format.</summary>
    public DateOnly Date
    {
        get
        {
            NumberFormat.Should().Contain("yy", "a date cell shows as a date");
            return DateOnly.FromDayNumber(ExcelEpoch + (int)Number!.Value);
        }
    }
}

/// <summary>
/// Reads a downloaded .xlsx with DocumentFormat.OpenXml the way a spreadsheet program would: validated
/// against the schema first, then every sheet's cells with their number formats and formulas.
/// </summary>
public sealed class XlsxBook
{
    private readonly Dictionary<string, List<List<XlsxCell>>> _sheets = [];

    private XlsxBook(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        ValidationErrors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        string FormatOf(Cell cell)
        {
            if (cell.StyleIndex?.Value is not { } style || style >= cellFormats.Count)
            {
                return "General";
            }

            var id = cellFormats[(int)style].NumberFormatId?.Value ?? 0;
            return formats.TryGetValue(id, out var code) ? code : $"builtin:{id}";
        }

        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            SheetNames.Add(sheet.Name!.Value!);
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var rows = new List<List<XlsxCell>>();
            foreach (var row in part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
            {
                rows.Add(row.Elements<Cell>().Select(cell =>
                {
                    var value = cell.CellValue?.Text;
                    var text = cell.DataType?.Value switch
                    {
                        CellValues.InlineString => cell.InlineString!.InnerText,
                        CellValues.SharedString => shared[int.Parse(value!, CultureInfo.InvariantCulture)],
                        CellValues.String => value,
                        _ => null,
                    };
                    decimal? number = text is null && value is not null ? decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
                    return new XlsxCell(text, number, cell.CellFormula?.Text, FormatOf(cell));
                }).ToList());
            }

            _sheets[sheet.Name!.Value!] = rows;
        }
    }

    public IReadOnlyList<string> ValidationErrors { get; }

    public List<string> SheetNames { get; } = [];

    public static XlsxBook Open(byte[] bytes) => new(bytes);

    public IReadOnlyList<List<XlsxCell>> Rows(string sheet) => _sheets[sheet];

    /// <summary>The Transactions sheet's data rows (after the header) as statement lines.</summary>
    public List<StatementLineDto> TransactionLines() =>
        Rows("Transactions").Skip(1).Select(r => new StatementLineDto(r[0].Date, r[1].Text!, r[2].Text!, r[3].Text!, r[4].Number!.Value, r[5].Number!.Value, r[6].Number!.Value)).ToList();

    /// <summary>The Summary sheet as label (column A) → value cell (column B).</summary>
    public Dictionary<string, XlsxCell> Summary() =>
        Rows("Summary").Where(r => r.Count >= 2 && r[0].Text is not null).ToDictionary(r => r[0].Text!, r => r[1]);
}
