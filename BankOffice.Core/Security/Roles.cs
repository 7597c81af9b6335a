namespace BankOffice.Core.Security;

public static class Roles
{
    public const string Customer = nameof(Customer);
    public const string Teller = nameof(Teller);
    public const string CreditOfficer = nameof(CreditOfficer);
    public const string Collector = nameof(Collector);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Customer, Teller, CreditOfficer, Collector, Manager, Admin];
    public static readonly IReadOnlyList<string> Staff = [Teller, CreditOfficer, Collector, Manager, Admin];
}

/// <summary>Permissions (authorization policies). The first five are seed 003's.</summary>
public static class Permissions
{
    public const string AccountView = "account.view";
    public const string AccountManage = "account.manage";
    public const string PaymentProcess = "payment.process";
    public const string CreditApprove = "credit.approve";
    public const string CollectionManage = "collection.manage";
    public const string PeriodClose = "period.close";
    public const string UserAdmin = "user.admin";

    /// <summary>Assign or reassign collections cases to collectors, and run the collections sweep.</summary>
    public const string CollectionAssign = "collection.assign";

    /// <summary>Watch and replay the event outbox, register webhooks and read their delivery logs.</summary>
    public const string EventsManage = "events.manage";

    public const string ClaimType = "permission";
    public const string CustomerIdClaimType = "customer_id";

    public static readonly IReadOnlyList<string> All =
        [AccountView, AccountManage, PaymentProcess, CreditApprove, CollectionManage, CollectionAssign, PeriodClose, UserAdmin, EventsManage];
}

/// <summary>
/// The one place that says which role holds which permission. A customer holds account.view and
/// payment.process, but only over their own data (every handler also checks ownership).
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, string[]> Map = new(StringComparer.Ordinal)
    {
        [Roles.Customer] = [Permissions.AccountView, Permissions.PaymentProcess],
        [Roles.Teller] = [Permissions.AccountView, Permissions.AccountManage, Permissions.PaymentProcess],
        [Roles.CreditOfficer] = [Permissions.AccountView, Permissions.CreditApprove],
        [Roles.Collector] = [Permissions.AccountView, Permissions.CollectionManage],
        [Roles.Manager] = [Permissions.AccountView, Permissions.AccountManage, Permissions.PaymentProcess, Permissions.CreditApprove, Permissions.CollectionManage, Permissions.CollectionAssign, Permissions.PeriodClose],
        [Roles.Admin] = [.. Permissions.All],
    };

    public static IReadOnlyList<string> For(string role) => Map.TryGetValue(role, out var permissions) ? permissions : [];

    public static IReadOnlyList<string> For(IEnumerable<string> roles) =>
        roles.SelectMany(For).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static bool IsStaff(IEnumerable<string> roles) => roles.Any(r => Roles.Staff.Contains(r));
}
