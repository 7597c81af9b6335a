using BankOffice.Core.Common;
using BankOffice.Core.Statements;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>Fixed statements with hand-computed totals, built without a database.</summary>
public static class StatementSamples
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 21, 10, 15, 0, TimeSpan.Zero);

    public const string TurkishHolder = "Şükrü Öztürk-İğdır";
    public const string TurkishIban = "TR440006200000000000012345";
    public const string TurkishAccount = "ACC-6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";

    public const string ChineseHolder = "王小明";
    public const string ChineseIban = "TR460006200000000000067890";

    private static readonly string[] TurkishDescriptions = ["Maaş ödemesi", "Kira ödemesi — İstanbul", "Market alışverişi, Iğdır", "Elektrik faturası"];

    /// <summary>
    /// 120 lines from 2026-10-01, four a day: odd lines are credits of 250.50, even lines debits of 100.25.
    /// Totals: 60 × 250.50 = 15,030.00 credits, 60 × 100.25 = 6,015.00 debits;
    /// closing = 1,000.00 + 15,030.00 − 6,015.00 = 10,015.00 TRY.
    /// </summary>
    public static StatementData Turkish(bool includeDetails = true)
    {
        var header = new StatementHeader(StatementKind.ACCOUNT, TurkishHolder, "C000012", TurkishAccount, TurkishIban, Currency.TRY,
            new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), OpeningBalance: 1_000.00m, TotalDebits: 6_015.00m, TotalCredits: 15_030.00m,
            ClosingBalance: 10_015.00m, LineCount: 120, includeDetails, GeneratedAt);
        return new StatementData(header, Lines(TurkishLines()));
    }

    /// <summary>Reference of line <paramref name="n"/> (1-based): the ledger transaction id.</summary>
    public static string TurkishReference(int n) => $"0c5e{n:D4}-7d1a-4b2c-9e3f-{n:D12}";

    private static IEnumerable<StatementLine> TurkishLines()
    {
        var balance = 1_000.00m;
        for (var n = 1; n <= 120; n++)
        {
            var credit = n % 2 == 1 ? 250.50m : 0m;
            var debit = n % 2 == 0 ? 100.25m : 0m;
            balance += credit - debit;
            yield return new StatementLine(new DateOnly(2026, 10, 1).AddDays((n - 1) / 4), credit > 0 ? "DEPOSIT" : "TRANSFER",
                TurkishReference(n), TurkishDescriptions[n % TurkishDescriptions.Length], debit, credit, balance);
        }
    }

    /// <summary>
    /// A receivables statement: 15 invoices of 1,200.00 and 15 payments of 1,000.00, alternating.
    /// Closing = 500.00 opening + 15 × 1,200.00 − 15 × 1,000.00 = 500.00 + 18,000.00 − 15,000.00 = 3,500.00 USD.
    /// </summary>
    public static StatementData Chinese()
    {
        var header = new StatementHeader(StatementKind.CUSTOMER, ChineseHolder, "C000017", "C000017", ChineseIban, Currency.USD,
            new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), OpeningBalance: 500.00m, TotalDebits: 18_000.00m, TotalCredits: 15_000.00m,
            ClosingBalance: 3_500.00m, LineCount: 30, IncludeDetails: true, GeneratedAt);
        return new StatementData(header, Lines(ChineseLines()));
    }

    public static string ChineseReference(int n) => n % 2 == 1 ? $"INV-2026-{n:D5}" : $"PAY-2026-{n:D5}";

    private static IEnumerable<StatementLine> ChineseLines()
    {
        var balance = 500.00m;
        for (var n = 1; n <= 30; n++)
        {
            var invoice = n % 2 == 1;
            balance += invoice ? 1_200.00m : -1_000.00m;
            yield return new StatementLine(new DateOnly(2026, 9, n), invoice ? "INVOICE" : "PAYMENT", ChineseReference(n),
                invoice ? "发票 上海办公用品" : "付款 银行转账", invoice ? 1_200.00m : 0m, invoice ? 0m : 1_000.00m, balance);
        }
    }

    public static ReceiptDocument Receipt(string status) => new(
        "PAY-2026-00042", Guid.Parse("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"), "C000012", TurkishHolder, Currency.TRY,
        Amount: 3_750.00m, new DateOnly(2026, 10, 15), "BANK_TRANSFER", "EFT 2026/1015-77", status,
        [new ReceiptAllocation("INV-2026-00007", 2_000.00m, 0m), new ReceiptAllocation("INV-2026-00011", 1_500.00m, 30.00m)],
        // 3,750.00 − 2,000.00 − 1,500.00 = 250.00 left unallocated (the discount is not paid money).
        Unallocated: 250.00m, Guid.Parse("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"), GeneratedAt);

    private static async IAsyncEnumerable<StatementLine> Lines(IEnumerable<StatementLine> lines)
    {
        foreach (var line in lines)
        {
            await Task.Yield();
            yield return line;
        }
    }
}
