using System.Security.Claims;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace BankOffice.Api.Auth;

/// <summary>
/// Bearer access tokens are self-contained, so on their own they stay valid until they expire. This
/// check compares the token's security stamp with the user's current one (cached briefly), so that
/// sign-out, a password change, a role change or a lock revokes every token of that user within
/// <see cref="CacheFor"/> on every instance.
/// </summary>
internal static class SecurityStampCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public static IApplicationBuilder UseSecurityStampCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var principal = context.User;
            if (principal.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context, principal))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next(context);
        });

    public static void Forget(IMemoryCache cache, string userId) => cache.Remove(Key(userId));

    private static async Task<bool> IsCurrentAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stampInToken = principal.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        if (userId is null || stampInToken is null)
        {
            return false;
        }

        var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(userId);
            return user is null || await users.IsLockedOutAsync(user) ? null : user.SecurityStamp;
        });
        return current is not null && string.Equals(current, stampInToken, StringComparison.Ordinal);
    }

    private static string Key(string userId) => "stamp:" + userId;
}
