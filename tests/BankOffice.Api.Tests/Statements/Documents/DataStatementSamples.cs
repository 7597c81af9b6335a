using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>Statements with hand-computed figures for the document writer tests (no database).</summary>
public static class DataStatementSamples
{
    public const string Iban = "TR330006100519786457841326";
    public const string AccountNumber = "ACC-0b6f7d2e-4c1a-4f7e-9a51-2f1d3c4b5a69";
    public const string TurkishDescription = "Ödeme — İstanbul şubesi";
    public const string FormulaDescription = "=HYPERLINK(\"http://evil.test\",\"click\")";
    public const string CommaQuoteDescription = "Rent, October \"flat 3\"";
    public const string MinusDescription = "-10 % refund";

    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// An account statement for October 2026. Opening 1,000.00.
    /// Credits: 2,500.00 + 75.00 + 12.34 = 2,587.34. Debits: 400.50 + 1,200.25 = 1,600.75.
    /// Closing: 1,000.00 + 2,587.34 − 1,600.75 = 1,986.59.
    /// </summary>
    public static readonly IReadOnlyList<StatementLine> AccountLines =
    [
        // 1,000.00 + 2,500.00 = 3,500.00
        new(new DateOnly(2026, 10, 1), "DEPOSIT", "7c9e6679-7425-40de-944b-e07fc1f90ae7", TurkishDescription, 0m, 2_500.00m, 3_500.00m),
        // 3,500.00 − 400.50 = 3,099.50
        new(new DateOnly(2026, 10, 5), "WITHDRAWAL", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", FormulaDescription, 400.50m, 0m, 3_099.50m),
        // 3,099.50 − 1,200.25 = 1,899.25
        new(new DateOnly(2026, 10, 12), "TRANSFER", "6fa459ea-ee8a-3ca4-894e-db77e160355e", CommaQuoteDescription, 1_200.25m, 0m, 1_899.25m),
        // 1,899.25 + 75.00 = 1,974.25
        new(new DateOnly(2026, 10, 20), "TRANSFER", "886313e1-3b8a-5372-9b90-0c9aee199e5d", MinusDescription, 0m, 75.00m, 1_974.25m),
        // 1,974.25 + 12.34 = 1,986.59
        new(new DateOnly(2026, 10, 31), "INTEREST", "a8098c1a-f86e-11da-bd1a-00112444be1e", "Interest October 2026", 0m, 12.34m, 1_986.59m),
    ];

    public static StatementHeader AccountHeader(bool includeDetails = true) => new(
        StatementKind.ACCOUNT, "Şükrü Çağlar Öztürk", "C000012", AccountNumber, Iban, Currency.TRY,
        new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31),
        OpeningBalance: 1_000.00m, TotalDebits: 1_600.75m, TotalCredits: 2_587.34m, ClosingBalance: 1_986.59m,
        LineCount: 5, includeDetails, GeneratedAt);

    public static StatementData Account() => new(AccountHeader(), Stream(AccountLines));

    /// <summary>An account statement without details: the lines must not even be read.</summary>
    public static StatementData AccountWithoutDetails() => new(AccountHeader(includeDetails: false), NotToBeRead());

    /// <summary>
    /// Seed 003's customer statement: opening 150,000; invoice INV-2024-001 debit 25,000 (175,000);
    /// payment PAY-2024-001 credit 50,000 (125,000). A receivables balance grows with debits:
    /// closing = 150,000 + 25,000 − 50,000 = 125,000.
    /// </summary>
    public static readonly IReadOnlyList<StatementLine> CustomerLines =
    [
        new(new DateOnly(2024, 1, 15), "INVOICE", "INV-2024-001", "Invoice", 25_000m, 0m, 175_000m),
        new(new DateOnly(2024, 1, 20), "PAYMENT", "PAY-2024-001", "BANK_TRANSFER TRF-88", 0m, 50_000m, 125_000m),
    ];

    public static StatementHeader CustomerHeader() => new(
        StatementKind.CUSTOMER, "王小明贸易有限公司", "C000012", "CR-C000012", null, Currency.TRY,
        new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31),
        OpeningBalance: 150_000m, TotalDebits: 25_000m, TotalCredits: 50_000m, ClosingBalance: 125_000m,
        LineCount: 2, IncludeDetails: true, GeneratedAt);

    public static StatementData Customer() => new(CustomerHeader(), Stream(CustomerLines));

    /// <summary>
    /// A long account statement with deterministic lines: every 7th a withdrawal of 12.34 + (i mod 50),
    /// the rest deposits of 100.00 + (i mod 97) / 100. Totals are summed as the lines are made.
    /// </summary>
    public static StatementData Large(int count, DateOnly? from = null)
    {
        var start = from ?? new DateOnly(2026, 1, 1);
        var lines = new List<StatementLine>(count);
        var opening = 5_000.00m;
        var balance = opening;
        decimal debits = 0m, credits = 0m;
        for (var i = 0; i < count; i++)
        {
            var debit = i % 7 == 0 ? 12.34m + i % 50 : 0m;
            var credit = i % 7 == 0 ? 0m : 100.00m + i % 97 / 100m;
            balance += credit - debit;
            debits += debit;
            credits += credit;
            lines.Add(new StatementLine(start.AddDays(i * 365 / Math.Max(count, 1)), i % 7 == 0 ? "WITHDRAWAL" : "DEPOSIT",
                $"00000000-0000-0000-0000-{i:D12}", i % 3 == 0 ? $"{TurkishDescription} #{i}" : $"Line {i}, \"batch\"", debit, credit, balance));
        }

        var header = new StatementHeader(StatementKind.ACCOUNT, "Zeynep Yılmaz", "C000077", AccountNumber, Iban, Currency.TRY,
            start, start.AddDays(364), opening, debits, credits, balance, count, true, GeneratedAt);
        return new StatementData(header, Stream(lines));
    }

    public static ExcelStatementWriter Excel() => new(Options.Create(new StatementOptions()));

    public static async Task<byte[]> RenderAsync(IStatementWriter writer, StatementData statement)
    {
        using var output = new AsyncOnlyStream();
        await writer.WriteAsync(statement, output, CancellationToken.None);
        return output.ToArray();
    }

    public static async IAsyncEnumerable<StatementLine> Stream(IEnumerable<StatementLine> lines, Action<int>? onLine = null)
    {
        var n = 0;
        foreach (var line in lines)
        {
            // A real reader awaits the database between lines.
            await Task.Yield();
            onLine?.Invoke(++n);
            yield return line;
        }
    }

    private static async IAsyncEnumerable<StatementLine> NotToBeRead()
    {
        await Task.Yield();
        throw new InvalidOperationException("includeDetails=false: the lines must not be read.");
#pragma warning disable CS0162 // an async iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}

/// <summary>
/// Behaves like an HTTP response body: write-only, not seekable, and synchronous writes throw
/// (Kestrel's AllowSynchronousIO is off). Keeps what was written for the assertions.
/// </summary>
public sealed class AsyncOnlyStream : Stream
{
    private readonly MemoryStream written = new();

    public long Written => written.Length;

    public byte[] ToArray() => written.ToArray();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
