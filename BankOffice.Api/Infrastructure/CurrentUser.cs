using System.Security.Claims;
using BankOffice.Core.Security;

namespace BankOffice.Api.Infrastructure;

/// <summary>Who is calling: their id, permissions and, for a customer, the one customer record they own.</summary>
public sealed record CurrentUser(string UserId, string Name, IReadOnlySet<string> Permissions, IReadOnlySet<string> Roles, string? CustomerId)
{
    /// <summary>A customer login that holds no staff role: every query is limited to <see cref="CustomerId"/>.</summary>
    public bool IsCustomerOnly => Roles.Contains(Core.Security.Roles.Customer) && !RolePermissions.IsStaff(Roles);

    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>Whether this user may see data of <paramref name="customerId"/>.</summary>
    public bool CanSeeCustomer(string customerId) => !IsCustomerOnly || string.Equals(CustomerId, customerId, StringComparison.Ordinal);

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name ?? string.Empty,
        principal.FindAll(Core.Security.Permissions.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        principal.FindFirstValue(Core.Security.Permissions.CustomerIdClaimType));
}

public static class CurrentUserExtensions
{
    public static CurrentUser CurrentUser(this HttpContext context) => Infrastructure.CurrentUser.From(context.User);
}
