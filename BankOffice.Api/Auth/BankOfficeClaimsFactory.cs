using System.Security.Claims;
using BankOffice.Core.Security;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Auth;

/// <summary>Adds the permissions of the user's roles, their display name and, for customers, the customer id to the token.</summary>
internal sealed class BankOfficeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaimType = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var userRoles = identity.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        foreach (var permission in RolePermissions.For(userRoles))
        {
            identity.AddClaim(new Claim(Permissions.ClaimType, permission));
        }

        identity.AddClaim(new Claim(DisplayNameClaimType, user.DisplayName));
        if (user.CustomerId is not null)
        {
            identity.AddClaim(new Claim(Permissions.CustomerIdClaimType, user.CustomerId));
        }

        return identity;
    }
}
