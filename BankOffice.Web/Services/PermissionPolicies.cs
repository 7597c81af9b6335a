using BankOffice.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace BankOffice.Web.Services;

/// <summary>One authorization policy per permission string, e.g. "account.manage" = RequireClaim("permission", "account.manage").</summary>
public static class PermissionPolicies
{
    public static void Add(AuthorizationOptions options)
    {
        foreach (var permission in Permissions.All)
        {
            options.AddPolicy(permission, policy => policy.RequireClaim(Permissions.ClaimType, permission));
        }
    }
}
