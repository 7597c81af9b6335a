using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Auth;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;

namespace BankOffice.Api.Tests.Auth;

public sealed class AuthEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Login_ValidCredentials_ReturnsBearerAndRefreshTokens()
    {
        var email = await factory.CreateUserAsync(Roles.Teller);

        var tokens = await factory.LoginAsync(email);

        tokens.TokenType.Should().Be("Bearer");
        tokens.AccessToken.Should().NotBeNullOrWhiteSpace();
        tokens.RefreshToken.Should().NotBeNullOrWhiteSpace();
        tokens.ExpiresIn.Should().Be(15 * 60, "access tokens live 15 minutes by default (Auth:AccessTokenMinutes)");
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401InvalidCredentials()
    {
        var email = await factory.CreateUserAsync(Roles.Teller);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = "Wrong!Pass2026" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task Login_UnknownEmail_AnswersLikeAWrongPassword()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = "nobody@test.local", Password = "Wrong!Pass2026" });

        // Same code as a wrong password, so the endpoint does not reveal which emails exist.
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksTheAccountEvenForTheRightPassword()
    {
        var email = await factory.CreateUserAsync(Roles.Teller);
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = "Wrong!Pass2026" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = ApiFactory.Password });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.AccountLocked);
    }

    [Fact]
    public async Task Login_MissingFields_Returns400WithFieldErrors()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "not-an-email" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        problem.GetProperty("errors").TryGetProperty("password", out _).Should().BeTrue();
        problem.GetProperty("errors").TryGetProperty("email", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Me_Customer_ReturnsRolesPermissionsAndCustomerId()
    {
        var (customerId, client) = await factory.CustomerClientAsync();
        using (client)
        {
            var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", ApiFactory.Json);

            me!.Roles.Should().Equal(Roles.Customer);
            me.Permissions.Should().BeEquivalentTo(RolePermissions.For(Roles.Customer));
            me.CustomerId.Should().Be(customerId);
        }
    }

    [Fact]
    public async Task Me_NoToken_Returns401Problem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/auth/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Me_GarbageToken_Returns401()
    {
        using var client = factory.ClientWithToken("not-a-token");

        var response = await client.GetAsync("/api/v1/auth/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Refresh_ValidRefreshToken_IssuesWorkingTokens()
    {
        var tokens = await factory.LoginAsync(await factory.CreateUserAsync(Roles.Teller));
        using var anonymous = factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest { RefreshToken = tokens.RefreshToken });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var renewed = (await response.Content.ReadFromJsonAsync<TokenResponse>(ApiFactory.Json))!;
        using var client = factory.ClientWithToken(renewed.AccessToken);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_RevokesAccessAndRefreshTokens()
    {
        var tokens = await factory.LoginAsync(await factory.CreateUserAsync(Roles.Teller));
        using var client = factory.ClientWithToken(tokens.AccessToken);

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var anonymous = factory.CreateClient();
        var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest { RefreshToken = tokens.RefreshToken });
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.InvalidRefreshToken);
    }

    [Fact]
    public async Task Register_WithInvitationCode_CreatesACustomerLoginBoundToTheRecord()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var invitation = await (await teller.PostAsync($"/api/v1/customers/{customerId}/invitations", null)).Content.ReadFromJsonAsync<InvitationDto>(ApiFactory.Json);
        var email = $"new-{ApiFactory.Unique()}@test.local";
        using var anonymous = factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest { InvitationCode = invitation!.Code, Email = email, Password = "Fresh!Pass2026" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var customer = factory.ClientWithToken((await factory.LoginAsync(email, "Fresh!Pass2026")).AccessToken);
        var me = await customer.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", ApiFactory.Json);
        me!.CustomerId.Should().Be(customerId);
        me.Roles.Should().Equal(Roles.Customer);
    }

    [Fact]
    public async Task Register_CodeUsedTwice_SecondIsRefused()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var invitation = await (await teller.PostAsync($"/api/v1/customers/{customerId}/invitations", null)).Content.ReadFromJsonAsync<InvitationDto>(ApiFactory.Json);
        using var anonymous = factory.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest { InvitationCode = invitation!.Code, Email = $"a-{ApiFactory.Unique()}@test.local", Password = "Fresh!Pass2026" });

        var second = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest { InvitationCode = invitation.Code, Email = $"b-{ApiFactory.Unique()}@test.local", Password = "Fresh!Pass2026" });

        await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidInvitation);
    }

    [Fact]
    public async Task Register_WeakPassword_Returns400AndCreatesNoLogin()
    {
        var customerId = await factory.CreateCustomerAsync();
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var invitation = await (await teller.PostAsync($"/api/v1/customers/{customerId}/invitations", null)).Content.ReadFromJsonAsync<InvitationDto>(ApiFactory.Json);
        using var anonymous = factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest { InvitationCode = invitation!.Code, Email = $"w-{ApiFactory.Unique()}@test.local", Password = "alllowercase" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.PasswordRejected);
        var customer = await teller.GetFromJsonAsync<CustomerDto>($"/api/v1/customers/{customerId}", ApiFactory.Json);
        customer!.HasLogin.Should().BeFalse();
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_NewPasswordWorksAndOldTokensAreRevoked()
    {
        var email = await factory.CreateUserAsync(Roles.Teller);
        using var client = await factory.ClientForAsync(email);

        var response = await client.PostAsJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest { CurrentPassword = ApiFactory.Password, NewPassword = "Changed!Pass2026" });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.LoginAsync(email, "Changed!Pass2026")).AccessToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Returns400OnThatField()
    {
        using var client = await factory.ClientForRoleAsync(Roles.Teller);

        var response = await client.PostAsJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest { CurrentPassword = "Wrong!Pass2026", NewPassword = "Changed!Pass2026" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        problem.GetProperty("errors").TryGetProperty("currentPassword", out _).Should().BeTrue();
    }
}
