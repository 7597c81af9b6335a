using System.Net;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Security;

namespace BankOffice.Api.Tests.Infrastructure;

public sealed class ApiConventionsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnyResponse_CarriesApiVersionHeader()
    {
        using var client = await factory.ClientForRoleAsync(Roles.Teller);

        var ok = await client.GetAsync("/api/v1/accounts");
        var notFound = await client.GetAsync($"/api/v1/accounts/ACC-{Guid.NewGuid()}");

        ok.Headers.GetValues("API-Version").Should().Equal("1.0");
        notFound.Headers.GetValues("API-Version").Should().Equal("1.0");
    }

    [Fact]
    public async Task Health_AnswersHealthyWithoutToken()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheV1Endpoints()
    {
        using var client = factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/accounts", "/api/v1/accounts/{accountNumber}", "/api/v1/accounts/iban/{iban}", "/api/v1/auth/login", "/api/v1/customers", "/api/v1/users"]);
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/swagger/index.html");

        html.Should().Contain("swagger-ui");
    }

    [Fact]
    public async Task RateLimitHeaders_ArePresentOnApiResponses()
    {
        using var client = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await client.GetAsync("/api/v1/accounts");

        response.Headers.GetValues("X-RateLimit-Limit").Single().Should().Be("100000");
        int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single()).Should().BeLessThan(100000);
        long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single()).Should().BeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
    }
}

/// <summary>A host with seed 003's tight per-minute limit shrunk to 5, to reach it quickly.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerSecond"] = "1000",
        ["RateLimits:PerMinute"] = "5",
        ["RateLimits:PerHour"] = "1000",
    };
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task SixthRequestInAMinute_Returns429WithHeadersAndOtherUsersAreUnaffected()
    {
        var token = (await factory.LoginAsync(await factory.CreateUserAsync(Roles.Teller))).AccessToken;
        var other = (await factory.LoginAsync(await factory.CreateUserAsync(Roles.Teller))).AccessToken;
        using var client = factory.ClientWithToken(token);
        var remaining = new List<int>();

        // Fixed one-minute windows: a window boundary mid-loop would reset the count, so start at a fresh window.
        var secondsIntoMinute = DateTimeOffset.UtcNow.Second;
        if (secondsIntoMinute > 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - secondsIntoMinute));
        }

        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await client.GetAsync("/api/v1/accounts");
            if (last.IsSuccessStatusCode)
            {
                remaining.Add(int.Parse(last.Headers.GetValues("X-RateLimit-Remaining").Single()));
            }
        }

        var limited = last!;
        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        problem.GetProperty("detail").GetString().Should().Contain("retry");
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Headers.GetValues("X-RateLimit-Remaining").Single().Should().Be("0");
        remaining.Should().BeInDescendingOrder().And.HaveCount(5);
        using var otherClient = factory.ClientWithToken(other);
        (await otherClient.GetAsync("/api/v1/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
