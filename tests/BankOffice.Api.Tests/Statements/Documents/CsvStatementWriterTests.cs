using System.Globalization;
using System.Text;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Statements.Documents.DataStatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

public class CsvStatementWriterTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task WriteAsync_AccountStatement_StartsWithBomThenTheHeader()
    {
        var bytes = await RenderAsync(new CsvStatementWriter(), Account());

        bytes.Take(3).Should().Equal(Bom);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().StartWith("Date,Type,Reference,Description,Debit,Credit,Balance\r\n");
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_ParsesBackToTheLedgerLines()
    {
        var rows = Parse(await RenderAsync(new CsvStatementWriter(), Account()));

        rows.Should().HaveCount(6);
        rows[1].Should().Equal("2026-10-01", "DEPOSIT", "7c9e6679-7425-40de-944b-e07fc1f90ae7", TurkishDescription, "0.00", "2500.00", "3500.00");
        rows[3].Should().Equal("2026-10-12", "TRANSFER", "6fa459ea-ee8a-3ca4-894e-db77e160355e", CommaQuoteDescription, "1200.25", "0.00", "1899.25");
        rows[5].Should().Equal("2026-10-31", "INTEREST", "a8098c1a-f86e-11da-bd1a-00112444be1e", "Interest October 2026", "0.00", "12.34", "1986.59");
        var lines = rows.Skip(1).ToList();
        // Debits 400.50 + 1,200.25 = 1,600.75; credits 2,500.00 + 75.00 + 12.34 = 2,587.34.
        lines.Sum(r => Money(r[4])).Should().Be(1_600.75m);
        lines.Sum(r => Money(r[5])).Should().Be(2_587.34m);
        // 1,000.00 + 2,587.34 − 1,600.75 = 1,986.59, the last running balance.
        (1_000.00m + lines.Sum(r => Money(r[5])) - lines.Sum(r => Money(r[4]))).Should().Be(Money(lines[^1][6]));
    }

    [Fact]
    public async Task WriteAsync_CommaAndQuote_AreQuotedAsRfc4180Says()
    {
        var text = Encoding.UTF8.GetString(await RenderAsync(new CsvStatementWriter(), Account()));

        text.Should().Contain(",\"Rent, October \"\"flat 3\"\"\",1200.25,");
    }

    [Fact]
    public async Task WriteAsync_FormulaLikeDescriptions_GetALeadingApostropheAndNumbersStayAsTheyAre()
    {
        var lines = new StatementLine[]
        {
            new(new DateOnly(2026, 10, 1), "WITHDRAWAL", "r1", "+90 555 010 2030", 60.25m, 0m, -10.25m),
            new(new DateOnly(2026, 10, 2), "DEPOSIT", "r2", "@SUM(A1:A9)", 0m, 0.1234m, -10.1266m),
            new(new DateOnly(2026, 10, 3), "DEPOSIT", "r3", "\tcmd", 0m, 10m, -0.1266m),
            new(new DateOnly(2026, 10, 4), "DEPOSIT", "r4", "\rcmd", 0m, 1m, 0.8734m),
        };
        // Opening 50.00 − 60.25 = −10.25; + 0.1234 = −10.1266; + 10 = −0.1266; + 1 = 0.8734.
        var header = AccountHeader() with { OpeningBalance = 50m, TotalDebits = 60.25m, TotalCredits = 11.1234m, ClosingBalance = 0.8734m, LineCount = 4 };

        var rows = Parse(await RenderAsync(new CsvStatementWriter(), new StatementData(header, DataStatementSamples.Stream(lines))));

        rows[1].Should().Equal("2026-10-01", "WITHDRAWAL", "r1", "'+90 555 010 2030", "60.25", "0.00", "-10.25");
        rows[2].Should().Equal("2026-10-02", "DEPOSIT", "r2", "'@SUM(A1:A9)", "0.00", "0.1234", "-10.1266");
        rows[3][3].Should().Be("'\tcmd");
        rows[4][3].Should().Be("'\rcmd");
        rows[4][6].Should().Be("0.8734");
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_ProtectsTheEqualsAndMinusDescriptions()
    {
        var rows = Parse(await RenderAsync(new CsvStatementWriter(), Account()));

        rows[2][3].Should().Be("'" + FormulaDescription);
        rows[4][3].Should().Be("'" + MinusDescription);
        rows[2][4].Should().Be("400.50");
    }

    [Fact]
    public async Task WriteAsync_LongStatement_SendsRowsBeforeTheLastLineIsRead()
    {
        var output = new AsyncOnlyStream();
        long writtenBeforeLast = -1;
        var statement = Large(1_000);
        var lines = DataStatementSamples.Stream(await ToListAsync(statement.Lines), n =>
        {
            if (n == 1_000)
            {
                writtenBeforeLast = output.Written;
            }
        });

        await new CsvStatementWriter().WriteAsync(statement with { Lines = lines }, output, CancellationToken.None);

        // About 100 bytes a row: several 16 K chunks went out while the lines were still being read.
        writtenBeforeLast.Should().BeGreaterThan(16_000);
        Parse(output.ToArray()).Should().HaveCount(1_001);
    }

    [Fact]
    public async Task WriteAsync_WithoutDetails_WritesOnlyTheHeader()
    {
        var bytes = await RenderAsync(new CsvStatementWriter(), AccountWithoutDetails());

        Parse(bytes).Should().ContainSingle().Which.Should().Equal(CsvStatementWriter.Header.Split(','));
    }

    private static decimal Money(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static async Task<List<StatementLine>> ToListAsync(IAsyncEnumerable<StatementLine> lines)
    {
        var list = new List<StatementLine>();
        await foreach (var line in lines)
        {
            list.Add(line);
        }

        return list;
    }

    /// <summary>An RFC 4180 reader: CRLF rows, quoted fields may hold commas, quotes ("") and line breaks. Expects the BOM.</summary>
    private static List<string[]> Parse(byte[] bytes)
    {
        bytes.Take(3).Should().Equal(Bom);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().EndWith("\r\n");
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else
            {
                field.Append(text[i++]);
            }
        }

        return rows;
    }
}
