using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Api.Tests.Statements;

/// <summary>The JSON statement as the spec lays it out (seed 003's customer statement plus the account fields).</summary>
public sealed record StatementJson(
    string Kind,
    string CustomerId,
    string CustomerName,
    string AccountNumber,
    string? Iban,
    Currency Currency,
    StatementPeriodDto StatementPeriod,
    decimal OpeningBalance,
    IReadOnlyList<StatementLineDto> Transactions,
    decimal TotalDebits,
    decimal TotalCredits,
    decimal ClosingBalance,
    int LineCount,
    DateTimeOffset GeneratedAt);

/// <summary>Calls of the statements API and readers of what it answers (CSV), shared by the statement tests.</summary>
public static class StatementApi
{
    public const string StatementsPath = "/api/v1/statements";
    public const string StatementRunsPath = "/api/v1/statement-runs";
    public const string PdfType = "application/pdf";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary><c>GET /accounts/{id}/statement</c> with only the parameters given.</summary>
    public static string StatementPath(string id, DateOnly? from = null, DateOnly? to = null, string? format = null, bool? includeDetails = null, string prefix = "/api/v1/accounts")
    {
        var query = new List<string>();
        if (from is { } f)
        {
            query.Add($"fromDate={f:yyyy-MM-dd}");
        }

        if (to is { } t)
        {
            query.Add($"toDate={t:yyyy-MM-dd}");
        }

        if (format is not null)
        {
            query.Add($"format={format}");
        }

        if (includeDetails is { } details)
        {
            query.Add($"includeDetails={(details ? "true" : "false")}");
        }

        return $"{prefix}/{Uri.EscapeDataString(id)}/statement" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    public static async Task<StatementJson> StatementJsonAsync(this HttpClient client, string id, DateOnly? from = null, DateOnly? to = null, bool? includeDetails = null)
    {
        using var response = await client.GetAsync(StatementPath(id, from, to, "json", includeDetails));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonSerializer.Deserialize<StatementJson>(body, ApiFactory.Json)!;
    }

    /// <summary>A document answer: 200, its content type, and its disposition and file name; answers the bytes.</summary>
    public static async Task<byte[]> DocumentAsync(this HttpClient client, string path, string contentType, string fileName, bool attachment = true)
    {
        using var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.ToString().Should().Be(contentType);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be(attachment ? "attachment" : "inline");
        disposition.FileName!.Trim('"').Should().Be(fileName);
        return bytes;
    }

    /// <summary>A statement's file name: <c>statement-&lt;id&gt;-&lt;from&gt;-&lt;to&gt;.&lt;ext&gt;</c>.</summary>
    public static string FileName(string id, DateOnly from, DateOnly to, string extension, int version = 1) =>
        $"statement-{id}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}{(version > 1 ? $"-v{version}" : string.Empty)}.{extension}";

    /// <summary>Money as the PDF prints it (invariant, thousands separated, two decimals).</summary>
    public static string Printed(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Extracted PDF text with every run of white space made one space, so a label and its value read as one phrase whatever the layout.</summary>
    public static string Squeezed(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The rows of a CSV answer (RFC 4180), after checking it starts with UTF-8's byte order mark.</summary>
    public static List<string[]> ParseCsv(byte[] bytes)
    {
        bytes.AsSpan(0, 3).ToArray().Should().Equal(Utf8Bom, "Excel reads Turkish and Chinese text right only with the byte order mark");
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        field.Length.Should().Be(0, "every row ends with a line break");
        return rows;
    }

    /// <summary>A CSV data row as a statement line (invariant culture).</summary>
    public static StatementLineDto CsvLine(string[] row)
    {
        row.Should().HaveCount(7);
        decimal Money(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new StatementLineDto(DateOnly.ParseExact(row[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), row[1], row[2], row[3], Money(row[4]), Money(row[5]), Money(row[6]));
    }
}
