using System.Security.Claims;
using BankOffice.Core.Auth;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BankOffice.Web.Services;

/// <summary>
/// The static-SSR sign-in, register and sign-out flow: talks to the API's auth endpoints, keeps the
/// tokens in the <see cref="TokenStore"/> and issues or removes the auth cookie.
/// </summary>
public sealed class SignInService(AuthApiClient authApi, TokenStore tokenStore, ILogger<SignInService> logger)
{
    public async Task SignInAsync(HttpContext httpContext, string email, string password, CancellationToken ct = default)
    {
        var tokens = await authApi.LoginAsync(email, password, ct);
        var me = await authApi.MeAsync(tokens.AccessToken, ct);
        var sid = tokenStore.Add(tokens);
        var principal = BuildPrincipal(me, sid);
        await httpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        logger.LogInformation("User {UserId} signed in.", me.UserId);
    }

    public async Task RegisterAsync(HttpContext httpContext, string invitationCode, string email, string password, CancellationToken ct = default)
    {
        await authApi.RegisterAsync(invitationCode, email, password, ct);
        await SignInAsync(httpContext, email, password, ct);
    }

    public async Task SignOutAsync(HttpContext httpContext, CancellationToken ct = default)
    {
        var accessToken = tokenStore.Remove(httpContext.User.FindFirst(SessionClaims.SessionId)?.Value);
        if (accessToken is not null)
        {
            try
            {
                await authApi.LogoutAsync(accessToken, ct);
            }
            catch (ApiException ex)
            {
                logger.LogInformation("API logout answered {Status}; signing out locally anyway.", ex.Status);
            }
        }

        await httpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static ClaimsPrincipal BuildPrincipal(MeResponse me, string sid)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, me.UserId),
            new(ClaimTypes.Name, me.DisplayName),
            new(ClaimTypes.Email, me.Email),
            new(SessionClaims.SessionId, sid),
        };
        claims.AddRange(me.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(me.Permissions.Select(p => new Claim(Permissions.ClaimType, p)));
        if (!string.IsNullOrEmpty(me.CustomerId))
        {
            claims.Add(new Claim(Permissions.CustomerIdClaimType, me.CustomerId));
        }

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
