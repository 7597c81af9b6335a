using System.Globalization;
using System.Text;

namespace BankOffice.Core.Reconciliation;

/// <summary>A CSV statement row with its fields parsed (null where missing or unreadable; the problem is recorded).</summary>
public sealed record StatementCsvRow(int Line, DateOnly? Date, string? Reference, decimal? Amount, string? Type, string? Description);

public sealed record StatementCsvResult(IReadOnlyList<StatementCsvRow> Rows, IReadOnlyList<StatementProblem> Problems);

/// <summary>
/// Reads a bank statement CSV: a header naming the columns <c>date,reference,amount,type</c> and
/// optionally <c>description</c> (any order, any case), then one row per transaction. RFC 4180
/// quoting: a field in double quotes may hold commas, line breaks and doubled quotes. Dates are ISO
/// (2026-01-15), amounts invariant with a point and an optional sign, no thousands separators
/// (-1250.50). Empty lines are skipped. Problems carry the file's line number where the row starts.
/// </summary>
public static class BankStatementCsv
{
    private static readonly string[] Required = ["date", "reference", "amount", "type"];
    private static readonly string[] Known = [.. Required, "description"];

    public static StatementCsvResult Parse(string text)
    {
        var problems = new List<StatementProblem>();
        var rows = new List<StatementCsvRow>();
        var records = Records(text.TrimStart('\uFEFF'), problems).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Trim().Length == 0)).ToList();
        if (records.Count == 0)
        {
            problems.Add(new(1, "file", "the file is empty: expected the header date,reference,amount,type,description."));
            return new StatementCsvResult(rows, problems);
        }

        var header = records[0];
        var headerProblems = problems.Count;
        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        foreach (var unknown in columns.Where(c => !Known.Contains(c)))
        {
            problems.Add(new(header.Line, "header", $"unknown column \"{unknown}\": the header is date,reference,amount,type,description."));
        }

        foreach (var missing in Required.Where(r => !columns.Contains(r)))
        {
            problems.Add(new(header.Line, "header", $"the column \"{missing}\" is missing: the header is date,reference,amount,type,description."));
        }

        foreach (var duplicate in columns.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add(new(header.Line, "header", $"the column \"{duplicate.Key}\" appears twice."));
        }

        if (problems.Count > headerProblems)
        {
            return new StatementCsvResult(rows, problems);
        }

        if (records.Count - 1 > StatementRules.MaxLines)
        {
            problems.Add(new(0, "file", $"the statement has {records.Count - 1} rows; at most {StatementRules.MaxLines} are accepted per upload."));
            return new StatementCsvResult(rows, problems);
        }

        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Count)
            {
                problems.Add(new(record.Line, "row", $"expected {columns.Count} fields, found {record.Fields.Count}."));
                continue;
            }

            string? Field(string name) => columns.IndexOf(name) is var i and >= 0 ? record.Fields[i] : null;
            rows.Add(new StatementCsvRow(record.Line, ParseDate(record.Line, Field("date"), problems), Field("reference"), ParseAmount(record.Line, Field("amount"), problems),
                Field("type"), Field("description")));
        }

        // A quote left open is found while splitting, before the rows are read: report in file order.
        return new StatementCsvResult(rows, problems.OrderBy(p => p.Line).ToList());
    }

    private static DateOnly? ParseDate(int line, string? text, List<StatementProblem> problems)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return null; // reported as missing by StatementRules
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new(line, "date", $"\"{value}\" is not a date in the form 2026-01-15."));
        return null;
    }

    private static decimal? ParseAmount(int line, string? text, List<StatementProblem> problems)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        problems.Add(new(line, "amount", $"\"{value}\" is not an amount like -1250.50 (a point for decimals, no thousands separators)."));
        return null;
    }

    private sealed record Record(int Line, List<string> Fields);

    /// <summary>Splits the text into records of fields, tracking the line each record starts on.</summary>
    private static IEnumerable<Record> Records(string text, List<StatementProblem> problems)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var endOfRecord = false;
            while (i < text.Length && !endOfRecord)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    i++;
                    continue;
                }

                switch (c)
                {
                    case '"' when field.ToString().Trim().Length == 0:
                        field.Clear();
                        quoted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        break;
                    default:
                        field.Append(c);
                        break;
                }

                i++;
            }

            if (quoted)
            {
                problems.Add(new(start, "row", "a quoted field is not closed (a \" is missing)."));
            }

            fields.Add(field.ToString());
            yield return new Record(start, fields);
        }
    }
}
