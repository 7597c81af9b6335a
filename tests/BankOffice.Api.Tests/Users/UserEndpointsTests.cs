using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Auth;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Core.Users;

namespace BankOffice.Api.Tests.Users;

public sealed class UserEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_StaffUser_CanSignInWithThatRolesPermissions()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        var email = $"collector-{ApiFactory.Unique()}@test.local";

        var response = await admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest { Email = email, DisplayName = "Cem Collector", Password = "Staff!Pass2026", Roles = [Roles.Collector] });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var collector = factory.ClientWithToken((await factory.LoginAsync(email, "Staff!Pass2026")).AccessToken);
        var me = await collector.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", ApiFactory.Json);
        me!.Permissions.Should().BeEquivalentTo(RolePermissions.For(Roles.Collector));
    }

    [Fact]
    public async Task Create_UnknownRole_Returns400()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest { Email = $"x-{ApiFactory.Unique()}@test.local", DisplayName = "X Person", Password = "Staff!Pass2026", Roles = ["Wizard"] });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Update_Roles_RevokesOldTokensAndNewLoginHasNewPermissions()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        var email = await factory.CreateUserAsync(Roles.Teller);
        using var teller = await factory.ClientForAsync(email);
        var user = (await admin.GetFromJsonAsync<PagedResult<UserDto>>($"/api/v1/users?search={Uri.EscapeDataString(email)}", ApiFactory.Json))!.Data.Single();

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}", new UpdateUserRequest { DisplayName = "Now Manager", Roles = [Roles.Manager] });

        (await response.Content.ReadFromJsonAsync<UserDto>(ApiFactory.Json))!.Roles.Should().Equal(Roles.Manager);
        (await teller.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var manager = await factory.ClientForAsync(email);
        (await manager.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", ApiFactory.Json))!.Permissions.Should().Contain(Permissions.PeriodClose);
    }

    [Fact]
    public async Task Lock_User_CannotSignInUntilUnlocked()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        var email = await factory.CreateUserAsync(Roles.Teller);
        var user = (await admin.GetFromJsonAsync<PagedResult<UserDto>>($"/api/v1/users?search={Uri.EscapeDataString(email)}", ApiFactory.Json))!.Data.Single();
        using var anonymous = factory.CreateClient();

        var locked = await (await admin.PostAsync($"/api/v1/users/{user.Id}/lock", null)).Content.ReadFromJsonAsync<UserDto>(ApiFactory.Json);
        var whileLocked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = ApiFactory.Password });
        await admin.PostAsync($"/api/v1/users/{user.Id}/unlock", null);
        var afterUnlock = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = ApiFactory.Password });

        locked!.IsLockedOut.Should().BeTrue();
        await whileLocked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.AccountLocked);
        afterUnlock.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListRoles_ReturnsEveryRoleWithThePermissionsOfTheOneMap()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);

        var roles = (await admin.GetFromJsonAsync<List<RoleDto>>("/api/v1/users/roles", ApiFactory.Json))!;

        roles.Select(r => r.Role).Should().Equal(Roles.All);
        roles.Single(r => r.Role == Roles.Teller).Permissions.Should().BeEquivalentTo(Permissions.AccountView, Permissions.AccountManage, Permissions.PaymentProcess);
        roles.Single(r => r.Role == Roles.Admin).Permissions.Should().BeEquivalentTo(Permissions.All);
    }

    [Fact]
    public async Task List_FilterByRole_ReturnsOnlyThatRole()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        await factory.CreateUserAsync(Roles.CreditOfficer);

        var result = await admin.GetFromJsonAsync<PagedResult<UserDto>>("/api/v1/users?role=CreditOfficer&size=100", ApiFactory.Json);

        result!.Data.Should().NotBeEmpty().And.OnlyContain(u => u.Roles.Contains(Roles.CreditOfficer));
    }
}
