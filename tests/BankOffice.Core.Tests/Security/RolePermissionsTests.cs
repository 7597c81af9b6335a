using BankOffice.Core.Security;

namespace BankOffice.Core.Tests.Security;

public class RolePermissionsTests
{
    private static readonly string[] EveryPermission =
        ["account.view", "account.manage", "payment.process", "credit.approve", "collection.manage", "collection.assign", "period.close", "user.admin", "events.manage"];

    [Fact]
    public void For_Admin_HasEveryPermission()
    {
        RolePermissions.For("Admin").Should().BeEquivalentTo(EveryPermission);
    }

    [Fact]
    public void For_Teller_ManagesAccountsButNotUsersOrPeriods()
    {
        var teller = RolePermissions.For("Teller");

        teller.Should().Contain(["account.view", "account.manage", "payment.process"]);
        teller.Should().NotContain("user.admin").And.NotContain("period.close");
    }

    [Fact]
    public void For_Customer_ViewsButDoesNotManageAccounts()
    {
        var customer = RolePermissions.For("Customer");

        customer.Should().Contain("account.view");
        customer.Should().NotContain("account.manage").And.NotContain("user.admin");
    }

    [Fact]
    public void For_Manager_ClosesPeriodsButDoesNotAdministerUsers()
    {
        var manager = RolePermissions.For("Manager");

        manager.Should().Contain("period.close");
        manager.Should().NotContain("user.admin").And.NotContain("events.manage", "outbox replay and webhooks are for admins");
    }

    [Fact]
    public void For_SeveralRoles_GivesSortedDistinctUnion()
    {
        var permissions = RolePermissions.For(["Customer", "CreditOfficer", "Customer"]);

        permissions.Should().Equal("account.view", "credit.approve", "payment.process");
    }

    [Theory]
    [InlineData("Root")]
    [InlineData("")]
    [InlineData("admin")] // role names are exact; a case variant is not Admin
    public void For_UnknownRole_GivesNone(string role)
    {
        RolePermissions.For(role).Should().BeEmpty();
        RolePermissions.For([role]).Should().BeEmpty();
    }

    [Fact]
    public void For_NoRoles_GivesNone()
    {
        RolePermissions.For(Array.Empty<string>()).Should().BeEmpty();
    }

    [Fact]
    public void For_EveryKnownRole_HasAccountView()
    {
        foreach (var role in new[] { "Customer", "Teller", "CreditOfficer", "Collector", "Manager", "Admin" })
        {
            RolePermissions.For(role).Should().Contain("account.view", role);
        }
    }

    [Theory]
    [InlineData(new[] { "Teller" }, true)]
    [InlineData(new[] { "Admin" }, true)]
    [InlineData(new[] { "Collector" }, true)]
    [InlineData(new[] { "Customer", "Manager" }, true)]
    [InlineData(new[] { "Customer" }, false)]
    [InlineData(new[] { "Guest" }, false)]
    [InlineData(new string[0], false)]
    public void IsStaff_Roles_TrueOnlyWithAStaffRole(string[] roles, bool expected)
    {
        RolePermissions.IsStaff(roles).Should().Be(expected);
    }
}
