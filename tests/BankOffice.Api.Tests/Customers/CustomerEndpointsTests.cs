using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;

namespace BankOffice.Api.Tests.Customers;

public sealed class CustomerEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_ValidBusiness_Returns201WithReadableId()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest
        {
            Kind = CustomerKind.BUSINESS, Name = "台灣優質企業股份有限公司", TaxId = "T" + ApiFactory.Unique(), Email = "Info@Example.COM", Phone = "+90 212 555 0101",
            AddressLine = "1 Main Street", City = "Taipei", PostalCode = "100", Country = "tw",
        }, ApiFactory.Json);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var customer = (await response.Content.ReadFromJsonAsync<CustomerDto>(ApiFactory.Json))!;
        customer.Id.Should().MatchRegex("^C[0-9]{6}$");
        customer.Name.Should().Be("台灣優質企業股份有限公司");
        customer.Email.Should().Be("info@example.com");
        customer.Country.Should().Be("TW");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/customers/{customer.Id}");
    }

    [Theory]
    [InlineData("Al", "name")]
    [InlineData(null, "name")]
    public async Task Create_BadName_Returns400OnName(string? name, string field)
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.PERSON, Name = name }, ApiFactory.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_DuplicateTaxId_Returns409()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var taxId = "D" + ApiFactory.Unique();
        await teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.PERSON, Name = "First Person", TaxId = taxId }, ApiFactory.Json);

        var response = await teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.PERSON, Name = "Second Person", TaxId = taxId }, ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.DuplicateCustomer);
    }

    [Fact]
    public async Task Search_ByNameOrTaxId_FindsCustomer()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var marker = ApiFactory.Unique();
        var created = (await (await teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.PERSON, Name = "Şule " + marker, TaxId = "X" + marker }, ApiFactory.Json))
            .Content.ReadFromJsonAsync<CustomerDto>(ApiFactory.Json))!;

        var byName = await teller.GetFromJsonAsync<PagedResult<CustomerDto>>($"/api/v1/customers?search={marker}", ApiFactory.Json);
        var byTaxId = await teller.GetFromJsonAsync<PagedResult<CustomerDto>>($"/api/v1/customers?search=X{marker}", ApiFactory.Json);

        byName!.Data.Should().ContainSingle().Which.Id.Should().Be(created.Id);
        byTaxId!.Data.Should().ContainSingle().Which.Id.Should().Be(created.Id);
    }

    [Fact]
    public async Task Update_ChangesFields()
    {
        var id = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await teller.PutAsJsonAsync($"/api/v1/customers/{id}", new CustomerRequest { Kind = CustomerKind.BUSINESS, Name = "Renamed Ltd", City = "İzmir" }, ApiFactory.Json);

        var updated = (await response.Content.ReadFromJsonAsync<CustomerDto>(ApiFactory.Json))!;
        updated.Name.Should().Be("Renamed Ltd");
        updated.Kind.Should().Be(CustomerKind.BUSINESS);
        updated.City.Should().Be("İzmir");
    }

    [Fact]
    public async Task Delete_WithAccounts_Returns409AndKeepsCustomer()
    {
        var id = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        await teller.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = id, AccountType = AccountType.SAVINGS, Currency = Currency.TRY }, ApiFactory.Json);

        var response = await teller.DeleteAsync($"/api/v1/customers/{id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.CustomerHasAccounts);
        (await teller.GetAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_WithoutAccounts_RemovesCustomer()
    {
        var id = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        (await teller.DeleteAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await teller.GetAsync($"/api/v1/customers/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.CustomerNotFound);
    }

    [Fact]
    public async Task Invite_CollectorWithoutAccountManage_Returns403()
    {
        var id = await factory.CreateCustomerAsync();
        using var collector = await factory.ClientForRoleAsync(Roles.Collector);

        var response = await collector.PostAsync($"/api/v1/customers/{id}/invitations", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
