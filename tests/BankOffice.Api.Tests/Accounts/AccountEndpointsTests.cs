using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Accounts;

public sealed class AccountEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Open_ValidRequest_Returns201WithLocationAndAValidTurkishIban()
    {
        var customerId = await factory.CreateCustomerAsync("Ayşe Yılmaz");
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = customerId, AccountType = AccountType.SAVINGS, Currency = Currency.EUR }, ApiFactory.Json);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json);
        var account = body!.Data;
        body.Success.Should().BeTrue();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/accounts/{account.AccountNumber}");
        account.AccountNumber.Should().MatchRegex("^ACC-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        account.Iban.Should().HaveLength(26).And.StartWith("TR");
        Iban.IsValid(account.Iban).Should().BeTrue();
        account.CustomerName.Should().Be("Ayşe Yılmaz", "the holder name defaults to the customer's name");
        account.Balance.Should().Be(0m);
        account.Status.Should().Be(AccountStatus.ACTIVE);
        account.Currency.Should().Be(Currency.EUR);
    }

    [Fact]
    public async Task Open_TwoAccounts_GetDifferentIbans()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var first = await OpenAsync(teller, customerId);
        var second = await OpenAsync(teller, customerId);

        first.Iban.Should().NotBe(second.Iban);
        first.AccountNumber.Should().NotBe(second.AccountNumber);
    }

    [Fact]
    public async Task Open_InvalidFields_Returns400WithFieldErrorsAndCreatesNothing()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/accounts", new { customerId, customerName = "Al" }, ApiFactory.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("customerName", out _).Should().BeTrue();
        errors.TryGetProperty("accountType", out _).Should().BeTrue();
        errors.TryGetProperty("currency", out _).Should().BeTrue();
        (await factory.WithDbAsync(db => db.Accounts.CountAsync(a => a.CustomerId == customerId))).Should().Be(0);
    }

    [Fact]
    public async Task Open_UnknownEnumValue_Returns400NamingTheField()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/accounts", new { customerId, accountType = "PIGGYBANK", currency = "TRY" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        problem.GetProperty("errors").TryGetProperty("accountType", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Open_UnknownCustomer_Returns404CustomerNotFound()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = "C999999", AccountType = AccountType.CHECKING, Currency = Currency.TRY }, ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.CustomerNotFound);
    }

    [Fact]
    public async Task Get_ByNumberAndByIban_ReturnTheSameAccount()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        var byNumber = await teller.GetFromJsonAsync<ApiResponse<AccountDto>>($"/api/v1/accounts/{opened.AccountNumber}", ApiFactory.Json);
        var printedIban = Iban.Parse(opened.Iban).ToPrintString();
        var byIban = await teller.GetFromJsonAsync<ApiResponse<AccountDto>>($"/api/v1/accounts/iban/{Uri.EscapeDataString(printedIban)}", ApiFactory.Json);

        byNumber!.Data.Should().BeEquivalentTo(opened);
        byIban!.Data.AccountNumber.Should().Be(opened.AccountNumber);
    }

    [Fact]
    public async Task Get_UnknownNumber_Returns404AccountNotFound()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.GetAsync($"/api/v1/accounts/ACC-{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
    }

    [Fact]
    public async Task GetByIban_BadCheckDigits_Returns400InvalidIban()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.GetAsync("/api/v1/accounts/iban/TR000006200000000000000001");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidIban);
    }

    [Fact]
    public async Task Balance_ReturnsBalanceCurrencyAndStatus()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId, Currency.GBP);
        await CreditAsync(opened.AccountNumber, 125.5m);

        var balance = await teller.GetFromJsonAsync<ApiResponse<AccountBalanceDto>>($"/api/v1/accounts/{opened.AccountNumber}/balance", ApiFactory.Json);

        balance!.Data.Balance.Should().Be(125.5m);
        balance.Data.Currency.Should().Be(Currency.GBP);
        balance.Data.Status.Should().Be(AccountStatus.ACTIVE);
    }

    [Fact]
    public async Task List_FiltersByCustomerCurrencyAndStatus_AndPages()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        for (var i = 0; i < 3; i++)
        {
            await OpenAsync(teller, customerId, Currency.USD);
        }

        var other = await OpenAsync(teller, customerId, Currency.TRY);
        await teller.PostAsJsonAsync($"/api/v1/accounts/{other.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Test" });

        var page1 = await teller.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?customerId={customerId}&currency=USD&size=2&page=1", ApiFactory.Json);
        var page2 = await teller.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?customerId={customerId}&currency=USD&size=2&page=2", ApiFactory.Json);
        var suspended = await teller.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?customerId={customerId}&status=SUSPENDED", ApiFactory.Json);

        page1!.Pagination.Should().Be(new Pagination(1, 2, 3, 2));
        page1.Data.Should().HaveCount(2);
        page2!.Data.Should().ContainSingle();
        page1.Data.Concat(page2.Data).Select(a => a.AccountNumber).Should().OnlyHaveUniqueItems();
        page1.Data.Concat(page2.Data).Should().OnlyContain(a => a.Currency == Currency.USD && a.CustomerId == customerId);
        suspended!.Data.Should().ContainSingle().Which.AccountNumber.Should().Be(other.AccountNumber);
    }

    [Fact]
    public async Task List_SortByBalanceAscending_ReturnsAscendingBalances()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        foreach (var amount in new[] { 300m, 100m, 200m })
        {
            var account = await OpenAsync(teller, customerId);
            await CreditAsync(account.AccountNumber, amount);
        }

        var result = await teller.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?customerId={customerId}&sortBy=balance&sortOrder=asc", ApiFactory.Json);

        result!.Data.Select(a => a.Balance).Should().Equal(100m, 200m, 300m);
    }

    [Fact]
    public async Task List_SearchByNameNumberOrIban_FindsTheAccount()
    {
        var unique = "Zümrüt " + ApiFactory.Unique();
        var customerId = await factory.CreateCustomerAsync(unique);
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        foreach (var search in new[] { unique.ToUpperInvariant(), opened.AccountNumber[4..16], Iban.Parse(opened.Iban).ToPrintString()[10..] })
        {
            var result = await teller.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?search={Uri.EscapeDataString(search)}", ApiFactory.Json);
            result!.Data.Select(a => a.AccountNumber).Should().Contain(opened.AccountNumber, $"searching '{search}'");
        }
    }

    [Theory]
    [InlineData("size=101")]
    [InlineData("page=0")]
    [InlineData("sortBy=colour")]
    [InlineData("sortOrder=sideways")]
    [InlineData("status=SLEEPING")]
    public async Task List_BadQuery_Returns400(string query)
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.GetAsync($"/api/v1/accounts?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Update_ChangesNameAndTypeButNeverNumberIbanOrCurrency()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId, Currency.USD);

        // Extra fields a client might send are ignored: only name and type can change.
        var response = await teller.PutAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}",
            new { customerName = "Renamed Holder", accountType = "BUSINESS", iban = "TR330006100519786457841326", currency = "TRY", accountNumber = "ACC-x" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var updated = (await response.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data;
        updated.CustomerName.Should().Be("Renamed Holder");
        updated.AccountType.Should().Be(AccountType.BUSINESS);
        updated.Iban.Should().Be(opened.Iban);
        updated.Currency.Should().Be(Currency.USD);
        updated.AccountNumber.Should().Be(opened.AccountNumber);
    }

    [Fact]
    public async Task SuspendAndReactivate_ChangeStatusAndWriteHistory()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        var suspended = await teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Suspicious activity detected" });
        var again = await teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Twice" });
        var reactivated = await teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/reactivate", new AccountStatusRequest { Reason = "Cleared" });

        (await suspended.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data.Status.Should().Be(AccountStatus.SUSPENDED);
        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidStatusTransition);
        (await reactivated.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data.Status.Should().Be(AccountStatus.ACTIVE);
        var history = await teller.GetFromJsonAsync<PagedResult<AccountHistoryDto>>($"/api/v1/accounts/{opened.AccountNumber}/history?operation=STATUS_CHANGE", ApiFactory.Json);
        history!.Data.Select(h => h.Description).Should().Equal("SUSPENDED -> ACTIVE: Cleared", "ACTIVE -> SUSPENDED: Suspicious activity detected");
        history.Data.Should().OnlyContain(h => h.Actor.EndsWith("@test.local"));
    }

    [Fact]
    public async Task Suspend_WithoutReason_Returns400AndKeepsStatus()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        var response = await teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/suspend", new { reason = "" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await teller.GetFromJsonAsync<ApiResponse<AccountDto>>($"/api/v1/accounts/{opened.AccountNumber}", ApiFactory.Json))!.Data.Status.Should().Be(AccountStatus.ACTIVE);
    }

    [Fact]
    public async Task Close_NonZeroBalance_Returns400WithBalanceAndKeepsAccountOpen()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);
        await CreditAsync(opened.AccountNumber, 100.5m);

        var response = await teller.DeleteAsync($"/api/v1/accounts/{opened.AccountNumber}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.NonZeroBalance);
        problem.GetProperty("details").GetProperty("currentBalance").GetDecimal().Should().Be(100.5m);
        (await teller.GetFromJsonAsync<ApiResponse<AccountDto>>($"/api/v1/accounts/{opened.AccountNumber}", ApiFactory.Json))!.Data.Status.Should().Be(AccountStatus.ACTIVE);
    }

    [Fact]
    public async Task Close_ZeroBalance_SoftClosesAndRefusesFurtherChanges()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        var response = await teller.DeleteAsync($"/api/v1/accounts/{opened.AccountNumber}?reason=Customer%20moved%20abroad");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var closed = (await response.Content.ReadFromJsonAsync<ApiResponse<AccountClosedDto>>(ApiFactory.Json))!.Data;
        closed.Status.Should().Be(AccountStatus.CLOSED);
        closed.FinalBalance.Should().Be(0m);
        // Kept for audit: still readable, no longer changeable.
        (await teller.GetFromJsonAsync<ApiResponse<AccountDto>>($"/api/v1/accounts/{opened.AccountNumber}", ApiFactory.Json))!.Data.Status.Should().Be(AccountStatus.CLOSED);
        var reopen = await teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/reactivate", new AccountStatusRequest { Reason = "Oops" });
        await reopen.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.AccountClosed);
        var rename = await teller.PutAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}", new UpdateAccountRequest { CustomerName = "New Name", AccountType = AccountType.SAVINGS }, ApiFactory.Json);
        await rename.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.AccountClosed);
    }

    [Fact]
    public async Task History_RecordsEveryChangeNewestFirstWithPaging()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);
        await teller.PutAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}", new UpdateAccountRequest { CustomerName = "Second Name", AccountType = AccountType.SAVINGS }, ApiFactory.Json);
        await CreditAsync(opened.AccountNumber, 50m);

        var all = await teller.GetFromJsonAsync<PagedResult<AccountHistoryDto>>($"/api/v1/accounts/{opened.AccountNumber}/history?size=2", ApiFactory.Json);

        all!.Pagination.Total.Should().Be(3);
        all.Data.Select(h => h.Operation).Should().Equal(AccountOperation.UpdateBalance, AccountOperation.Update);
        all.Data[0].PreviousBalance.Should().Be(0m);
        all.Data[0].NewBalance.Should().Be(50m);
    }

    [Fact]
    public async Task ConcurrentSuspends_ExactlyOneWins()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var opened = await OpenAsync(teller, customerId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            teller.PostAsJsonAsync($"/api/v1/accounts/{opened.AccountNumber}/suspend", new AccountStatusRequest { Reason = $"Attempt {i}" })));

        // The rest either saw the account already suspended or lost the optimistic-concurrency race.
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.Conflict);
        var history = await teller.GetFromJsonAsync<PagedResult<AccountHistoryDto>>($"/api/v1/accounts/{opened.AccountNumber}/history?operation=STATUS_CHANGE", ApiFactory.Json);
        history!.Data.Should().ContainSingle();
    }

    private static async Task<AccountDto> OpenAsync(HttpClient client, string customerId, Currency currency = Currency.TRY)
    {
        var response = await client.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = customerId, AccountType = AccountType.CHECKING, Currency = currency }, ApiFactory.Json);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data;
    }

    // Money arrives the only way it can: a deposit through the ledger.
    private async Task CreditAsync(string accountNumber, decimal amount)
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/transactions/deposit")
        {
            Content = JsonContent.Create(new { accountNumber, amount }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await teller.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
