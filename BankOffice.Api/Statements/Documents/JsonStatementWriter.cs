using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;

namespace BankOffice.Api.Statements.Documents;

/// <summary>
/// The statement as JSON (spec: <c>{kind, customerId, customerName, …, transactions:[…], totalDebits, totalCredits,
/// closingBalance, lineCount, generatedAt}</c>). Written with <see cref="Utf8JsonWriter"/> straight to the
/// output, so a statement of any length never exists as an object graph; the names and shapes match
/// <c>CustomerStatementDto</c>, so seed 003's clients read it as before.
/// </summary>
public sealed class JsonStatementWriter : IStatementWriter
{
    /// <summary>Lines between flushes: the buffer stays small and bytes reach the client as they are written.</summary>
    internal const int FlushEvery = 256;

    // Turkish and Chinese names stay readable in the file; HTML-sensitive characters are still escaped
    // because the answer is served inline.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public StatementFormat Format => StatementFormat.JSON;

    public async Task WriteAsync(StatementData statement, Stream output, CancellationToken cancellationToken)
    {
        var header = statement.Header;
        await using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("kind", header.Kind.ToString());
        json.WriteString("customerId", header.CustomerId);
        json.WriteString("customerName", header.HolderName);
        json.WriteString("accountNumber", header.AccountNumber);
        if (header.Iban is null)
        {
            json.WriteNull("iban");
        }
        else
        {
            json.WriteString("iban", header.Iban);
        }

        json.WriteString("currency", header.Currency.ToString());
        json.WriteStartObject("statementPeriod");
        json.WriteString("from", Date(header.From));
        json.WriteString("to", Date(header.To));
        json.WriteEndObject();
        json.WriteNumber("openingBalance", Money.AtScale(header.OpeningBalance));

        json.WriteStartArray("transactions");
        if (header.IncludeDetails)
        {
            var sinceFlush = 0;
            await foreach (var line in statement.Lines.WithCancellation(cancellationToken))
            {
                // Also for a line source that ignores the token: a dropped download stops here.
                cancellationToken.ThrowIfCancellationRequested();
                json.WriteStartObject();
                json.WriteString("date", Date(line.Date));
                json.WriteString("type", line.Type);
                json.WriteString("reference", line.Reference);
                json.WriteString("description", line.Description);
                json.WriteNumber("debit", Money.AtScale(line.Debit));
                json.WriteNumber("credit", Money.AtScale(line.Credit));
                json.WriteNumber("balance", Money.AtScale(line.Balance));
                json.WriteEndObject();
                if (++sinceFlush == FlushEvery)
                {
                    sinceFlush = 0;
                    await json.FlushAsync(cancellationToken);
                }
            }
        }

        json.WriteEndArray();
        json.WriteNumber("totalDebits", Money.AtScale(header.TotalDebits));
        json.WriteNumber("totalCredits", Money.AtScale(header.TotalCredits));
        json.WriteNumber("closingBalance", Money.AtScale(header.ClosingBalance));
        json.WriteNumber("lineCount", header.LineCount);
        json.WriteString("generatedAt", header.GeneratedAt);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
