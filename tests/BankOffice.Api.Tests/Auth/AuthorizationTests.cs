using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Dashboard;
using BankOffice.Core.Security;
using BankOffice.Core.Users;

namespace BankOffice.Api.Tests.Auth;

/// <summary>Who may do what: customers see only their own data, staff only what their role allows.</summary>
public sealed class AuthorizationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task GetAccount_OtherCustomersAccount_Returns403()
    {
        var (_, customer) = await factory.CustomerClientAsync();
        var otherAccount = await OpenForNewCustomerAsync();
        using (customer)
        {
            var response = await customer.GetAsync($"/api/v1/accounts/{otherAccount.AccountNumber}");
            var history = await customer.GetAsync($"/api/v1/accounts/{otherAccount.AccountNumber}/history");
            var balance = await customer.GetAsync($"/api/v1/accounts/{otherAccount.AccountNumber}/balance");
            var byIban = await customer.GetAsync($"/api/v1/accounts/iban/{otherAccount.Iban}");

            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await history.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await balance.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await byIban.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }
    }

    [Fact]
    public async Task ListAccounts_Customer_SeesOnlyOwnAccountsWhateverTheFilter()
    {
        var (customerId, customer) = await factory.CustomerClientAsync();
        var other = await OpenForNewCustomerAsync();
        using (customer)
        {
            var own = await customer.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { AccountType = AccountType.SAVINGS, Currency = Currency.TRY }, ApiFactory.Json);
            own.StatusCode.Should().Be(HttpStatusCode.Created, "a customer may open an account for themselves");

            var all = await customer.GetFromJsonAsync<PagedResult<AccountDto>>("/api/v1/accounts?size=100", ApiFactory.Json);
            var filtered = await customer.GetFromJsonAsync<PagedResult<AccountDto>>($"/api/v1/accounts?customerId={other.CustomerId}", ApiFactory.Json);

            all!.Data.Should().ContainSingle().Which.CustomerId.Should().Be(customerId);
            filtered!.Data.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task OpenAccount_CustomerForAnotherCustomer_Returns403AndCreatesNothing()
    {
        var (_, customer) = await factory.CustomerClientAsync();
        var otherCustomerId = await factory.CreateCustomerAsync();
        using (customer)
        {
            var response = await customer.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = otherCustomerId, AccountType = AccountType.SAVINGS, Currency = Currency.TRY }, ApiFactory.Json);

            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        (await teller.GetFromJsonAsync<CustomerDto>($"/api/v1/customers/{otherCustomerId}", ApiFactory.Json))!.AccountCount.Should().Be(0);
    }

    [Fact]
    public async Task Customer_CannotSuspendEvenOwnAccount()
    {
        var (customerId, customer) = await factory.CustomerClientAsync();
        using (customer)
        {
            var own = (await (await customer.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { AccountType = AccountType.SAVINGS, Currency = Currency.TRY }, ApiFactory.Json))
                .Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data;

            var response = await customer.PostAsJsonAsync($"/api/v1/accounts/{own.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Mine" });

            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            own.CustomerId.Should().Be(customerId);
        }
    }

    [Fact]
    public async Task Customers_Customer_SeesOnlyOwnRecord()
    {
        var (customerId, customer) = await factory.CustomerClientAsync();
        var otherCustomerId = await factory.CreateCustomerAsync();
        using (customer)
        {
            var list = await customer.GetFromJsonAsync<PagedResult<CustomerDto>>("/api/v1/customers", ApiFactory.Json);
            var other = await customer.GetAsync($"/api/v1/customers/{otherCustomerId}");

            list!.Data.Should().ContainSingle().Which.Id.Should().Be(customerId);
            await other.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }
    }

    [Fact]
    public async Task Dashboard_Customer_CountsOnlyOwnAccounts()
    {
        var (_, customer) = await factory.CustomerClientAsync();
        await OpenForNewCustomerAsync();
        using (customer)
        {
            await customer.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { AccountType = AccountType.SAVINGS, Currency = Currency.USD }, ApiFactory.Json);

            var dashboard = await customer.GetFromJsonAsync<DashboardDto>("/api/v1/dashboard", ApiFactory.Json);

            dashboard!.AccountsByStatus.Values.Sum().Should().Be(1);
            dashboard.UsersByRole.Should().BeNull();
            dashboard.RecentActivity.Should().OnlyContain(h => h.Operation == AccountOperation.Create).And.ContainSingle();
        }
    }

    [Theory]
    [InlineData(Roles.Teller)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Customer)]
    public async Task Users_NonAdmin_Returns403(string role)
    {
        var customerId = role == Roles.Customer ? await factory.CreateCustomerAsync() : null;
        using var client = await factory.ClientForRoleAsync(role, customerId);

        var list = await client.GetAsync("/api/v1/users");
        var create = await client.PostAsJsonAsync("/api/v1/users", new CreateUserRequest { Email = "x@test.local", DisplayName = "X Person", Password = "Some!Pass2026", Roles = [Roles.Admin] });

        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Collector)]
    [InlineData(Roles.CreditOfficer)]
    public async Task OpenAccount_StaffWithoutAccountManage_Returns403(string role)
    {
        var customerId = await factory.CreateCustomerAsync();
        using var client = await factory.ClientForRoleAsync(role);

        var response = await client.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = customerId, AccountType = AccountType.SAVINGS, Currency = Currency.TRY }, ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/api/v1/accounts")]
    [InlineData("POST", "/api/v1/accounts")]
    [InlineData("GET", "/api/v1/customers")]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("GET", "/api/v1/dashboard")]
    [InlineData("POST", "/api/v1/auth/logout")]
    public async Task Endpoint_NoToken_Returns401(string method, string path)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    private async Task<AccountDto> OpenForNewCustomerAsync()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var response = await teller.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = customerId, AccountType = AccountType.CHECKING, Currency = Currency.TRY }, ApiFactory.Json);
        return (await response.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data;
    }
}
