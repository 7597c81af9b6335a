using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BankOffice.Core.Auth;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;
using BankOffice.Data;
using BankOffice.Data.Identity;
using BankOffice.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Api.Tests;

/// <summary>
/// The real API host over its own fresh PostgreSQL database (one per test class). Tests create
/// the users and customers they need with unique names, so tests in a class do not depend on
/// each other either.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test!Pass2026";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Limits high enough that only the rate-limit tests meet them.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerSecond"] = "10000",
        ["RateLimits:PerMinute"] = "100000",
        ["RateLimits:PerHour"] = "1000000",
        // Tests run the collections sweep themselves (POST /collections/sweep), on their own clock.
        ["Collections:SweepInterval"] = "00:00:00",
    };

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("api");
        _ = Server; // start the host now: migrations and roles run at start-up
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:BankOffice", ConnectionString);
        builder.UseSetting("Seed:DemoData", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // PBKDF2 at production strength (100,000 rounds) dominates a suite that creates and signs in
        // hundreds of users; hashing still runs, just cheaper.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    public async Task<T> WithDbAsync<T>(Func<BankOfficeDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>());
    }

    public async Task<string> CreateCustomerAsync(string? name = null)
    {
        using var client = await ClientForRoleAsync(Roles.Teller);
        var response = await client.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.PERSON, Name = name ?? "Test Customer " + Unique() }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerDto>(Json))!.Id;
    }

    /// <summary>Creates a user directly through Identity (not under test here) and returns their email.</summary>
    public async Task<string> CreateUserAsync(string role, string? customerId = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant()}-{Unique()}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = role + " user", CustomerId = customerId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return email;
    }

    public async Task<TokenResponse> LoginAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = password }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json))!;
    }

    public HttpClient ClientWithToken(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<HttpClient> ClientForAsync(string email) => ClientWithToken((await LoginAsync(email)).AccessToken);

    public async Task<HttpClient> ClientForRoleAsync(string role, string? customerId = null) =>
        await ClientForAsync(await CreateUserAsync(role, customerId));

    /// <summary>A new customer record with a login bound to it.</summary>
    public async Task<(string CustomerId, HttpClient Client)> CustomerClientAsync()
    {
        var customerId = await CreateCustomerAsync();
        return (customerId, await ClientForRoleAsync(Roles.Customer, customerId));
    }

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];
}
