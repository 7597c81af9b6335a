using System.Text;
using System.Text.Json;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Statements.Documents.DataStatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

public class JsonStatementWriterTests
{
    [Fact]
    public async Task WriteAsync_CustomerStatement_DeserialisesIntoSeed003sCustomerStatementDto()
    {
        var bytes = await RenderAsync(new JsonStatementWriter(), Customer());

        var dto = JsonSerializer.Deserialize<CustomerStatementDto>(bytes, ApiFactory.Json)!;
        dto.CustomerId.Should().Be("C000012");
        dto.CustomerName.Should().Be("王小明贸易有限公司");
        dto.Currency.Should().Be(Currency.TRY);
        dto.StatementPeriod.Should().Be(new StatementPeriodDto(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)));
        dto.OpeningBalance.Should().Be(150_000m);
        dto.Transactions.Should().Equal(
            new StatementLineDto(new DateOnly(2024, 1, 15), "INVOICE", "INV-2024-001", "Invoice", 25_000m, 0m, 175_000m),
            new StatementLineDto(new DateOnly(2024, 1, 20), "PAYMENT", "PAY-2024-001", "BANK_TRANSFER TRF-88", 0m, 50_000m, 125_000m));
        dto.TotalDebits.Should().Be(25_000m);
        dto.TotalCredits.Should().Be(50_000m);
        // 150,000 + 25,000 − 50,000 = 125,000
        dto.ClosingBalance.Should().Be(125_000m);
    }

    [Fact]
    public async Task WriteAsync_AccountStatement_HasTheSpecFieldsAndLinesAgreeWithTheTotals()
    {
        var bytes = await RenderAsync(new JsonStatementWriter(), Account());

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "kind", "customerId", "customerName", "accountNumber", "iban", "currency", "statementPeriod", "openingBalance",
            "transactions", "totalDebits", "totalCredits", "closingBalance", "lineCount", "generatedAt");
        root.GetProperty("kind").GetString().Should().Be("ACCOUNT");
        root.GetProperty("customerName").GetString().Should().Be("Şükrü Çağlar Öztürk");
        root.GetProperty("accountNumber").GetString().Should().Be(AccountNumber);
        root.GetProperty("iban").GetString().Should().Be(Iban);
        root.GetProperty("currency").GetString().Should().Be("TRY");
        root.GetProperty("statementPeriod").GetProperty("from").GetString().Should().Be("2026-10-01");
        root.GetProperty("statementPeriod").GetProperty("to").GetString().Should().Be("2026-10-31");
        root.GetProperty("lineCount").GetInt32().Should().Be(5);
        root.GetProperty("generatedAt").GetDateTimeOffset().Should().Be(GeneratedAt);

        var lines = root.GetProperty("transactions").EnumerateArray().ToList();
        lines.Should().HaveCount(5);
        lines[0].GetProperty("date").GetString().Should().Be("2026-10-01");
        lines[0].GetProperty("type").GetString().Should().Be("DEPOSIT");
        lines[0].GetProperty("description").GetString().Should().Be(TurkishDescription);
        lines[2].GetProperty("description").GetString().Should().Be(CommaQuoteDescription);
        lines[1].GetProperty("debit").GetDecimal().Should().Be(400.50m);
        // Debits 400.50 + 1,200.25 = 1,600.75; credits 2,500.00 + 75.00 + 12.34 = 2,587.34.
        lines.Sum(l => l.GetProperty("debit").GetDecimal()).Should().Be(root.GetProperty("totalDebits").GetDecimal()).And.Be(1_600.75m);
        lines.Sum(l => l.GetProperty("credit").GetDecimal()).Should().Be(root.GetProperty("totalCredits").GetDecimal()).And.Be(2_587.34m);
        // 1,000.00 + 2,587.34 − 1,600.75 = 1,986.59, the last running balance.
        root.GetProperty("openingBalance").GetDecimal().Should().Be(1_000.00m);
        root.GetProperty("closingBalance").GetDecimal().Should().Be(1_986.59m);
        lines[^1].GetProperty("balance").GetDecimal().Should().Be(1_986.59m);
    }

    [Fact]
    public async Task WriteAsync_TurkishAndChineseNames_AreReadableUtf8()
    {
        var account = Encoding.UTF8.GetString(await RenderAsync(new JsonStatementWriter(), Account()));
        var customer = Encoding.UTF8.GetString(await RenderAsync(new JsonStatementWriter(), Customer()));

        account.Should().Contain("\"Şükrü Çağlar Öztürk\"").And.Contain("\"Ödeme — İstanbul şubesi\"");
        customer.Should().Contain("\"王小明贸易有限公司\"");
        customer.Should().Contain("\"iban\":null");
    }

    [Fact]
    public async Task WriteAsync_LongStatement_SendsLinesBeforeTheLastIsRead()
    {
        var output = new AsyncOnlyStream();
        long writtenBeforeLast = -1;
        var statement = Large(1_000);
        var all = new List<BankOffice.Core.Statements.StatementLine>();
        await foreach (var line in statement.Lines)
        {
            all.Add(line);
        }

        var lines = DataStatementSamples.Stream(all, n =>
        {
            if (n == 1_000)
            {
                writtenBeforeLast = output.Written;
            }
        });

        await new JsonStatementWriter().WriteAsync(statement with { Lines = lines }, output, CancellationToken.None);

        // Flushed every 256 lines: 768 lines of more than 100 bytes each were out before the last line was read.
        writtenBeforeLast.Should().BeGreaterThan(768 * 100);
        using var json = JsonDocument.Parse(output.ToArray());
        json.RootElement.GetProperty("transactions").GetArrayLength().Should().Be(1_000);
        writtenBeforeLast.Should().BeLessThan(output.Written);
    }

    [Fact]
    public async Task WriteAsync_WithoutDetails_TransactionsIsAnEmptyArrayAndTheTotalsStay()
    {
        var bytes = await RenderAsync(new JsonStatementWriter(), AccountWithoutDetails());

        var dto = JsonSerializer.Deserialize<CustomerStatementDto>(bytes, ApiFactory.Json)!;
        dto.Transactions.Should().BeEmpty();
        dto.TotalDebits.Should().Be(1_600.75m);
        dto.TotalCredits.Should().Be(2_587.34m);
        dto.ClosingBalance.Should().Be(1_986.59m);
        using var json = JsonDocument.Parse(bytes);
        json.RootElement.GetProperty("transactions").ValueKind.Should().Be(JsonValueKind.Array);
        json.RootElement.GetProperty("lineCount").GetInt32().Should().Be(5);
    }
}
