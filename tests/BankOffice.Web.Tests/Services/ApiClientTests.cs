using System.Net;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;

namespace BankOffice.Web.Tests.Services;

public sealed class ApiClientTests
{
    [Fact]
    public async Task ListAsync_WithFiltersAndSort_SendsBearerAndQueryString()
    {
        HttpRequestMessage? sent = null;
        var handler = new FakeHttpHandler(request =>
        {
            sent = request;
            return Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, """{"data":[],"pagination":{"page":2,"size":50,"total":0,"totalPages":0}}"""));
        });
        var client = new AccountsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok-1"));

        var result = await client.ListAsync(new AccountQuery { Page = 2, Size = 50, Status = AccountStatus.SUSPENDED, Currency = Currency.EUR, Search = "Ada L", SortBy = "balance", SortOrder = "asc" });

        result.Pagination.Page.Should().Be(2);
        sent!.Headers.Authorization!.ToString().Should().Be("Bearer tok-1");
        sent.RequestUri!.PathAndQuery.Should().Be("/api/v1/accounts?page=2&size=50&status=SUSPENDED&currency=EUR&search=Ada%20L&sortBy=balance&sortOrder=asc");
    }

    [Fact]
    public async Task CloseAsync_ProblemDetailsAnswer_ThrowsApiExceptionWithCodeAndDetails()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.BadRequest,
            """{"type":"about:blank","title":"Balance is not zero","status":400,"detail":"Account 1 has a balance of 5.00 TRY.","code":"NON_ZERO_BALANCE","traceId":"00-abc","errors":{"reason":["Too short."]},"details":{"balance":5.0}}""",
            "application/problem+json")));
        var client = new AccountsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        var act = () => client.CloseAsync("1", "customer asked");

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be("NON_ZERO_BALANCE");
        error.Title.Should().Be("Balance is not zero");
        error.Display.Should().Be("Account 1 has a balance of 5.00 TRY.");
        error.TraceId.Should().Be("00-abc");
        error.Errors.Should().ContainKey("reason").WhoseValue.Should().Equal("Too short.");
    }

    [Fact]
    public async Task GetAsync_NoSessionToken_ThrowsUnauthorizedWithoutCallingApi()
    {
        var handler = new FakeHttpHandler(_ => throw new InvalidOperationException("must not be called"));
        var client = new AccountsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken(null));

        var error = (await ((Func<Task>)(() => client.GetAsync("1"))).Should().ThrowAsync<ApiException>()).Which;

        error.IsUnauthorized.Should().BeTrue();
        handler.Calls.Should().Be(0);
    }

    [Fact]
    public async Task GetAsync_EnvelopeAnswer_UnwrapsData()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK,
            """{"success":true,"message":"ok","data":{"accountNumber":"1000000000000001","iban":"TR330006200000001000000000000001","customerId":"C000001","customerName":"Ada","accountType":"SAVINGS","balance":12.5,"currency":"USD","status":"SUSPENDED","statusReason":"fraud check","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z","closedAt":null}}""")));
        var client = new AccountsClient(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"));

        var account = await client.GetAsync("1000000000000001");

        account.AccountType.Should().Be(AccountType.SAVINGS);
        account.Currency.Should().Be(Currency.USD);
        account.Status.Should().Be(AccountStatus.SUSPENDED);
        account.Balance.Should().Be(12.5m);
    }

    [Fact]
    public async Task FromResponseAsync_NonJsonBody_FallsBackToStatusTitle()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html>nope</html>") };

        var error = await ApiException.FromResponseAsync(response);

        error.IsForbidden.Should().BeTrue();
        error.Title.Should().Be("You are not allowed to do this");
    }

    private sealed class StaticToken(string? token) : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken ct = default) => Task.FromResult(token);
    }
}
