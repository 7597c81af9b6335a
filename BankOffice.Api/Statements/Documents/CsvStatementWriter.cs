using System.Globalization;
using System.Text;
using BankOffice.Core.Statements;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// The statement lines as CSV: UTF-8 with a byte order mark (without it Excel reads Turkish and Chinese
/// text as ANSI), the header <c>Date,Type,Reference,Description,Debit,Credit,Balance</c>, invariant
/// culture, CRLF rows quoted as RFC 4180 says. Rows go out in chunks as the lines are read.
/// </summary>
public sealed class CsvStatementWriter : IStatementWriter
{
    public const string Header = "Date,Type,Reference,Description,Debit,Credit,Balance";

    /// <summary>Characters (UTF-16) collected before a chunk is handed to the stream.</summary>
    private const int ChunkChars = 16 * 1024;

    /// <summary>
    /// Money keeps every decimal the ledger holds (up to 4) and shows at least 2, so 100 reads 100.00
    /// and 0.1234 stays 0.1234: a spreadsheet summing the column ties to the ledger to the last digit.
    /// </summary>
    internal const string MoneyFormat = "0.00##";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public StatementFormat Format => StatementFormat.CSV;

    public async Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken)
    {
        // Only asynchronous writes reach the output: an HTTP response body refuses synchronous I/O.
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 32 * 1024, leaveOpen: true);
        var chunk = new StringBuilder(ChunkChars + 1024);
        chunk.Append(Header).Append("\r\n");
        if (statement.Header.IncludeDetails)
        {
            await foreach (var line in statement.Lines.WithCancellation(cancellationToken))
            {
                // Also for a line source that ignores the token: a dropped download stops here.
                cancellationToken.ThrowIfCancellationRequested();
                AppendRow(chunk, line);
                if (chunk.Length >= ChunkChars)
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    await writer.FlushAsync(cancellationToken);
                    chunk.Clear();
                }
            }
        }

        await writer.WriteAsync(chunk, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    internal static void AppendRow(StringBuilder row, StatementLine line)
    {
        row.Append(line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        AppendText(row, line.Type);
        row.Append(',');
        AppendText(row, line.Reference);
        row.Append(',');
        AppendText(row, line.Description);
        row.Append(',').Append(line.Debit.ToString(MoneyFormat, CultureInfo.InvariantCulture));
        row.Append(',').Append(line.Credit.ToString(MoneyFormat, CultureInfo.InvariantCulture));
        row.Append(',').Append(line.Balance.ToString(MoneyFormat, CultureInfo.InvariantCulture));
        row.Append("\r\n");
    }

    /// <summary>
    /// A text cell. A value a spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a
    /// leading apostrophe, so a description like <c>=HYPERLINK(…)</c> from a payer shows as text instead
    /// of running when the file is opened (CSV injection). Then RFC 4180: quoted when it holds a comma,
    /// quote or line break, inner quotes doubled. Numbers never pass through here.
    /// </summary>
    internal static void AppendText(StringBuilder row, string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            row.Append(text);
            return;
        }

        row.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
