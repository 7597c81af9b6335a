using BankOffice.Core.Common;

namespace BankOffice.Core.Statements;

/// <summary>Which book a statement is drawn from.</summary>
public enum StatementKind
{
    /// <summary>A deposit (or loan) account's ledger lines: credits are money in, debits money out.</summary>
    ACCOUNT,

    /// <summary>A customer's receivables (seed 003): invoices are debits, payments and credit notes credits.</summary>
    CUSTOMER,
}

/// <summary>The formats of <c>GET …/statement?format=</c>; HTML is the on-screen preview of the PDF.</summary>
public enum StatementFormat
{
    JSON,
    PDF,
    EXCEL,
    CSV,
    HTML,
}

/// <summary>
/// Everything about a statement except its lines: who, which account, which dates and the totals.
/// The totals come from one aggregate over the ledger before the lines are streamed, so a writer can
/// put them at the top (PDF) or as cached formula values (Excel) without holding every line.
/// </summary>
public sealed record StatementHeader(
    StatementKind Kind,
    string HolderName,
    string CustomerId,
    string AccountNumber,
    string? Iban,
    Currency Currency,
    DateOnly From,
    DateOnly To,
    decimal OpeningBalance,
    decimal TotalDebits,
    decimal TotalCredits,
    decimal ClosingBalance,
    int LineCount,
    bool IncludeDetails,
    DateTimeOffset GeneratedAt)
{
    /// <summary>Set for a statement the period close issued (its stored record), e.g. 2026-10 v2.</summary>
    public string? Period { get; init; }

    public int? Version { get; init; }

    public string Title => Kind == StatementKind.ACCOUNT ? "Account statement" : "Customer account statement";
}

/// <summary>
/// One statement line. Debit and credit are both non-negative; <see cref="Balance"/> is the running
/// balance after the line (what the bank owes the holder for an account; what the customer owes for
/// a receivables statement).
/// </summary>
public sealed record StatementLine(DateOnly Date, string Type, string Reference, string Description, decimal Debit, decimal Credit, decimal Balance);

/// <summary>A statement: its header and its lines in date order, read as they are written.</summary>
public sealed record StatementData(StatementHeader Header, IAsyncEnumerable<StatementLine> Lines);

/// <summary>Parsing, content types and file names of the statement formats.</summary>
public static class StatementFormats
{
    public static bool TryParse(string? value, out StatementFormat format)
    {
        format = StatementFormat.JSON;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "json": format = StatementFormat.JSON; return true;
            case "pdf": format = StatementFormat.PDF; return true;
            case "excel" or "xlsx": format = StatementFormat.EXCEL; return true;
            case "csv": format = StatementFormat.CSV; return true;
            case "html": format = StatementFormat.HTML; return true;
            default: return false;
        }
    }

    public static string ContentType(StatementFormat format) => format switch
    {
        StatementFormat.PDF => "application/pdf",
        StatementFormat.EXCEL => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        StatementFormat.CSV => "text/csv; charset=utf-8",
        StatementFormat.HTML => "text/html; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string Extension(StatementFormat format) => format switch
    {
        StatementFormat.PDF => "pdf",
        StatementFormat.EXCEL => "xlsx",
        StatementFormat.CSV => "csv",
        StatementFormat.HTML => "html",
        _ => "json",
    };

    /// <summary>e.g. <c>statement-C000012-2026-10-01-2026-10-31.pdf</c>; only letters, digits and dashes from the account id.</summary>
    public static string FileName(StatementHeader header, StatementFormat format)
    {
        var id = header.Kind == StatementKind.CUSTOMER ? header.CustomerId : header.AccountNumber;
        var safe = new string(id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        var version = header.Version is > 1 ? $"-v{header.Version}" : string.Empty;
        return $"statement-{safe}-{header.From:yyyy-MM-dd}-{header.To:yyyy-MM-dd}{version}.{Extension(format)}";
    }
}
