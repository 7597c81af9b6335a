using System.Net;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;

namespace BankOffice.Web.Tests.Services;

public sealed class LedgerClientTests
{
    private const string TransactionJson =
        """{"transactionId":"0b8f7c2e-58a4-4f0c-9a59-1a4c1e2d3f40","kind":"TRANSFER","description":"rent","valueDate":"2026-11-21","postedAt":"2026-11-21T10:00:00Z","actor":"customer01@bankoffice.local","amount":25.5,"currency":"TRY","reversalOf":null,"reversedBy":null,"lines":[{"accountNumber":"ACC-1","ledgerAccount":null,"currency":"TRY","amount":-25.5,"balanceAfter":74.5},{"accountNumber":"ACC-2","ledgerAccount":null,"currency":"TRY","amount":25.5,"balanceAfter":null}]}""";

    [Fact]
    public async Task TransferAsync_SendsIdempotencyKeyHeaderAndCamelCaseBody()
    {
        HttpRequestMessage? sent = null;
        string? body = null;
        var handler = new FakeHttpHandler(async request =>
        {
            sent = request;
            body = await request.Content!.ReadAsStringAsync();
            return FakeHttpHandler.Json(HttpStatusCode.Created, TransactionJson);
        });
        var client = new TransactionsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        var result = await client.TransferAsync(new TransferRequest { FromAccountNumber = "ACC-1", ToIban = "TR330006200000001000000000000001", Amount = 25.5m }, "key-123");

        sent!.Method.Should().Be(HttpMethod.Post);
        sent.RequestUri!.PathAndQuery.Should().Be("/api/v1/transactions/transfer");
        sent.Headers.GetValues(IdempotencyHeader.Name).Should().Equal("key-123");
        sent.Headers.Authorization!.ToString().Should().Be("Bearer tok");
        body.Should().Contain("\"fromAccountNumber\":\"ACC-1\"").And.Contain("\"toIban\":\"TR330006200000001000000000000001\"").And.Contain("\"amount\":25.5");
        result.Kind.Should().Be(EntryKind.TRANSFER);
        result.ValueDate.Should().Be(new DateOnly(2026, 11, 21));
        result.Lines[0].BalanceAfter.Should().Be(74.5m);
        result.Lines[1].BalanceAfter.Should().BeNull();
    }

    [Fact]
    public async Task ListAsync_WithFilters_SendsDatesAsIsoAndOmitsEmptyOnes()
    {
        HttpRequestMessage? sent = null;
        var handler = new FakeHttpHandler(request =>
        {
            sent = request;
            return Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, """{"data":[],"pagination":{"page":2,"size":10,"total":0,"totalPages":0}}"""));
        });
        var client = new TransactionsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        await client.ListAsync(new TransactionQuery(2, 10, "ACC-1", EntryKind.DEPOSIT, new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 1), 10.5m, null));

        sent!.Headers.Contains(IdempotencyHeader.Name).Should().BeFalse("reads carry no idempotency key");
        sent.RequestUri!.PathAndQuery.Should().Be("/api/v1/transactions?page=2&size=10&accountNumber=ACC-1&kind=DEPOSIT&from=2026-01-05&to=2026-02-01&minAmount=10.5");
    }

    [Fact]
    public async Task DepositAsync_ProblemWithDetails_KeepsTheDetails()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
            """{"title":"Insufficient balance","status":422,"detail":"Insufficient balance","code":"INSUFFICIENT_BALANCE","details":{"currentBalance":100.0,"requestedAmount":-150.0,"shortfall":50.0}}""",
            "application/problem+json")));
        var client = new TransactionsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        var error = (await ((Func<Task>)(() => client.WithdrawAsync(new AccountAmountRequest { AccountNumber = "ACC-1", Amount = 150m }, "k"))).Should().ThrowAsync<ApiException>()).Which;

        error.Details["shortfall"].GetDecimal().Should().Be(50m);
        LedgerErrors.Describe(error, Currency.TRY).Should().Be("Insufficient balance: current 100.00 TRY, requested 150.00, short 50.00");
    }

    [Fact]
    public async Task DepositAsync_EmptyKey_ThrowsWithoutCallingApi()
    {
        var handler = new FakeHttpHandler(_ => throw new InvalidOperationException("must not be called"));
        var client = new TransactionsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        await ((Func<Task>)(() => client.DepositAsync(new AccountAmountRequest { AccountNumber = "ACC-1", Amount = 1m }, ""))).Should().ThrowAsync<ArgumentException>();

        handler.Calls.Should().Be(0);
    }

    [Theory]
    [InlineData("ACCOUNT_NOT_ACTIVE", """{"accountNumber":"ACC-9","status":"SUSPENDED"}""", "Cannot update balance: Account is SUSPENDED", "Cannot update balance: Account is SUSPENDED (ACC-9)")]
    [InlineData("CURRENCY_MISMATCH", """{"accountNumber":"ACC-9","accountCurrency":"USD","requestedCurrency":"TRY"}""", "x", "Currency mismatch: account ACC-9 is in USD, not TRY. Transfers need two accounts of the same currency.")]
    [InlineData("ALREADY_REVERSED", "{}", "x", "This transaction has already been reversed.")]
    [InlineData("SAME_ACCOUNT", "{}", "x", "The source and the target are the same account. Choose another target account.")]
    public void Describe_LedgerCode_ReadsClearly(string code, string details, string detail, string expected)
    {
        var error = new ApiException(409, code, "t", detail, details: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(details));

        LedgerErrors.Describe(error).Should().Be(expected);
    }

    [Theory]
    [InlineData("150", 150)]
    [InlineData("150,25", 150.25)]
    [InlineData(" 0.0001 ", 0.0001)]
    public void TryParse_ValidAmount_AnswersTheValue(string text, decimal expected)
    {
        AmountInput.TryParse(text, out var amount, out var error).Should().BeTrue(error);
        amount.Should().Be(expected);
    }

    [Theory]
    [InlineData("1.00001")]
    [InlineData("1.000.00")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("1000000000000000")]
    public void TryParse_InvalidAmount_AnswersFalse(string text) =>
        AmountInput.TryParse(text, out _, out _).Should().BeFalse();

    [Fact]
    public void PostingFlow_BackThenConfirmAgain_MakesANewKey()
    {
        var flow = new PostingFlow();
        flow.ToConfirm();
        var first = flow.IdempotencyKey;

        flow.Back();
        flow.ToConfirm();

        flow.IdempotencyKey.Should().NotBeNull().And.NotBe(first);
    }

    private sealed class StaticToken(string? token) : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken ct = default) => Task.FromResult(token);
    }
}
