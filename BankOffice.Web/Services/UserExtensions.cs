using System.Security.Claims;
using BankOffice.Core.Security;

namespace BankOffice.Web.Services;

public static class UserExtensions
{
    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.HasClaim(Permissions.ClaimType, permission);

    public static string? CustomerId(this ClaimsPrincipal user) => user.FindFirst(Permissions.CustomerIdClaimType)?.Value;

    /// <summary>Staff are users in any staff role; a customer has the Customer role only.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}
