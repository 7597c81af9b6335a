using System.Security.Claims;
using BankOffice.Core.Security;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Credit;

/// <summary>Who may do what on the credit screens (the API decides; these only hide what would be refused).</summary>
public static class CreditUser
{
    /// <summary>True when <paramref name="actor"/> (SubmittedBy, RequestedBy) is the signed-in user, by email or name.</summary>
    public static bool IsActor(this ClaimsPrincipal user, string? actor) =>
        !string.IsNullOrWhiteSpace(actor)
        && new[] { user.FindFirst(ClaimTypes.Email)?.Value, user.Identity?.Name }
            .Any(id => string.Equals(id, actor, StringComparison.OrdinalIgnoreCase));

    /// <summary>Staff with account.manage or credit.approve apply for any customer; a customer only for themselves.</summary>
    public static bool CanApply(this ClaimsPrincipal user) =>
        user.HasPermission(Permissions.AccountManage) || user.HasPermission(Permissions.CreditApprove) || user.IsSelfServiceCustomer();

    /// <summary>A customer user (not staff) with their customer_id claim.</summary>
    public static bool IsSelfServiceCustomer(this ClaimsPrincipal user) => !user.IsStaff() && !string.IsNullOrEmpty(user.CustomerId());

    /// <summary>A second credit officer: credit.approve and not the one who submitted (maker-checker).</summary>
    public static bool CanDecide(this ClaimsPrincipal user, string submittedBy) =>
        user.HasPermission(Permissions.CreditApprove) && !user.IsActor(submittedBy);
}
