using System.Security.Claims;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Auth;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;
using BankOffice.Data;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Auth;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().Validate<LoginRequest>();
        group.MapPost("/refresh", Refresh).AllowAnonymous().Validate<RefreshRequest>();
        group.MapPost("/logout", Logout);
        group.MapGet("/me", Me);
        group.MapPost("/register", Register).AllowAnonymous().Validate<RegisterRequest>();
        group.MapPost("/change-password", ChangePassword).Validate<ChangePasswordRequest>();
        return api;
    }

    /// <summary>Signs in with email and password; answers <c>{tokenType, accessToken, expiresIn, refreshToken}</c>.</summary>
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var user = await users.FindByEmailAsync(request.Email!);
        if (user is null)
        {
            return InvalidCredentials();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.AccountLocked, "Account locked",
                $"Too many failed sign-ins or locked by an administrator. Try again after {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC or ask an administrator.");
        }

        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Exchanges a refresh token for new tokens, unless the user signed out, changed password or was locked since.</summary>
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires ||
            await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user ||
            await signIn.UserManager.IsLockedOutAsync(user))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidRefreshToken, "Invalid refresh token",
                "The refresh token is expired or revoked. Sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Revokes every token of the caller (new security stamp).</summary>
    public static async Task<NoContent> Logout(ClaimsPrincipal principal, UserManager<AppUser> users, IMemoryCache cache)
    {
        var user = await users.GetUserAsync(principal);
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
            SecurityStampCheck.Forget(cache, user.Id);
        }

        return TypedResults.NoContent();
    }

    public static Ok<MeResponse> Me(ClaimsPrincipal principal)
    {
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new MeResponse(
            principal.FindFirstValue(ClaimTypes.NameIdentifier)!,
            principal.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
            principal.FindFirstValue(BankOfficeClaimsFactory.DisplayNameClaimType) ?? principal.Identity?.Name ?? string.Empty,
            roles,
            principal.FindAll(Permissions.ClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
            principal.FindFirstValue(Permissions.CustomerIdClaimType)));
    }

    /// <summary>A customer creates their login with the invitation code staff issued for their customer record.</summary>
    public static async Task<Results<Created<MeResponse>, ProblemHttpResult, ValidationProblem>> Register(
        RegisterRequest request, BankOfficeDbContext db, UserManager<AppUser> users, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = CustomerInvitation.Hash(request.InvitationCode!);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await db.CustomerInvitations
            .FromSqlInterpolated($"SELECT * FROM customer_invitations WHERE code_hash = {hash} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (invitation is null || !invitation.IsUsable(now))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidInvitation, "Invalid invitation code",
                "The invitation code is unknown, expired or already used. Ask the bank for a new one.");
        }

        if (await db.Users.AnyAsync(u => u.CustomerId == invitation.CustomerId, cancellationToken))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, ErrorCodes.DuplicateEmail, "Login exists",
                "This customer already has a login. Use 'forgot password' at the bank or sign in.");
        }

        var customer = await db.Customers.SingleAsync(c => c.Id == invitation.CustomerId, cancellationToken);
        var user = new AppUser { UserName = request.Email, Email = request.Email, DisplayName = customer.Name, CustomerId = customer.Id, CreatedAt = now, EmailConfirmed = true };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return IdentityErrors(created);
        }

        await users.AddToRoleAsync(user, Roles.Customer);
        invitation.MarkUsed(user.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created("/api/v1/auth/me", new MeResponse(user.Id, user.Email!, user.DisplayName, [Roles.Customer], RolePermissions.For(Roles.Customer), customer.Id));
    }

    /// <summary>Changes the caller's password; every existing token is revoked, so the caller signs in again.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, IMemoryCache cache)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized");
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                return ProblemDetailsSetup.Validation(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
            }

            return IdentityErrors(result);
        }

        SecurityStampCheck.Forget(cache, user.Id);
        return TypedResults.NoContent();
    }

    /// <summary>Identity's password and user-name errors as field errors, with the closest code.</summary>
    internal static ValidationProblem IdentityErrors(IdentityResult result)
    {
        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "general")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        var code = result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") ? ErrorCodes.DuplicateEmail : ErrorCodes.PasswordRejected;
        return TypedResults.ValidationProblem(errors, title: "Validation failed", detail: string.Join(" ", result.Errors.Select(e => e.Description)),
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    private static ProblemHttpResult InvalidCredentials() =>
        ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Sign-in failed", "The email or password is wrong.");
}
