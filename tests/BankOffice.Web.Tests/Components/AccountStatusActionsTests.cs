using BankOffice.Core.Accounts;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Accounts;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class AccountStatusActionsTests : IDisposable
{
    private readonly WebTestContext ctx = new();

    public AccountStatusActionsTests()
    {
        ctx.Services.AddSingleton<IAccountsClient>(new FakeAccountsClient());
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Render_ActiveAccountWithManage_ShowsSuspendAndCloseButNotReactivate()
    {
        SignInTeller();

        var cut = Render(AccountStatus.ACTIVE);

        cut.FindAll("[data-testid=account-suspend]").Should().HaveCount(1);
        cut.FindAll("[data-testid=account-close]").Should().HaveCount(1);
        cut.FindAll("[data-testid=account-reactivate]").Should().BeEmpty();
    }

    [Fact]
    public void Render_SuspendedAccountWithManage_ShowsReactivateNotSuspend()
    {
        SignInTeller();

        var cut = Render(AccountStatus.SUSPENDED);

        cut.FindAll("[data-testid=account-reactivate]").Should().HaveCount(1);
        cut.FindAll("[data-testid=account-suspend]").Should().BeEmpty();
        cut.FindAll("[data-testid=account-close]").Should().HaveCount(1);
    }

    [Fact]
    public void Render_ClosedAccount_ShowsNoAction()
    {
        SignInTeller();

        var cut = Render(AccountStatus.CLOSED);

        cut.FindAll("button").Should().BeEmpty();
    }

    [Fact]
    public void Render_ActiveAccountWithoutManagePermission_ShowsNoAction()
    {
        ctx.SignIn("Cem Customer", [Roles.Customer], RolePermissions.For(Roles.Customer), "C000001");

        var cut = Render(AccountStatus.ACTIVE);

        cut.FindAll("[data-testid=account-actions]").Should().BeEmpty();
        cut.FindAll("button").Should().BeEmpty();
    }

    private void SignInTeller() => ctx.SignIn("Tess Teller", [Roles.Teller], RolePermissions.For(Roles.Teller));

    private IRenderedComponent<AccountStatusActions> Render(AccountStatus status) =>
        ctx.Render<AccountStatusActions>(p => p.Add(c => c.Account, FakeAccountsClient.Account(status: status)));
}
