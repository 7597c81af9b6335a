using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Accounts;
using BankOffice.Web.Features.Transactions;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class CashFormTests : IDisposable
{
    private const string Number = "ACC-11111111-1111-1111-1111-111111111111";
    private readonly WebTestContext ctx = new();
    private readonly FakeAccountsClient accounts = new();
    private readonly FakeTransactionsClient transactions = new();

    public CashFormTests()
    {
        accounts.Accounts.Add(FakeAccountsClient.Account(Number, balance: 100m));
        ctx.Services.AddSingleton<IAccountsClient>(accounts);
        ctx.Services.AddSingleton<ITransactionsClient>(transactions);
        ctx.SignIn("Tess Teller", [Roles.Teller], RolePermissions.For(Roles.Teller));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Confirm_DepositFromQueryAccount_PostsDepositAndShowsNewBalance()
    {
        var cut = ctx.Render<CashForm>(p => p.Add(c => c.Kind, EntryKind.DEPOSIT).Add(c => c.InitialAccountNumber, Number));
        cut.Find("[data-testid=cash-account-info]").TextContent.Should().Contain("100.00 TRY");

        cut.Find("[data-testid=amount-input]").Change("40");
        cut.Find("[data-testid=cash-continue]").Click();
        cut.Find("[data-testid=confirm-amount]").TextContent.Should().Be("40.00 TRY");
        cut.Find("[data-testid=confirm-submit]").Click();

        var (operation, request, _) = transactions.Posted.Should().ContainSingle().Subject;
        operation.Should().Be("deposit");
        ((AccountAmountRequest)request).AccountNumber.Should().Be(Number);
        cut.Find("[data-testid=result-balance]").TextContent.Should().Contain("140.00 TRY");
    }

    [Fact]
    public void Continue_SuspendedAccount_RefusesBeforeConfirmation()
    {
        accounts.Accounts[0] = accounts.Accounts[0] with { Status = AccountStatus.SUSPENDED };
        var cut = ctx.Render<CashForm>(p => p.Add(c => c.Kind, EntryKind.WITHDRAWAL).Add(c => c.InitialAccountNumber, Number));

        cut.Find("[data-testid=amount-input]").Change("10");
        cut.Find("[data-testid=cash-continue]").Click();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain("The account is SUSPENDED: only active accounts take postings.");
        cut.FindAll("[data-testid=confirm-panel]").Should().BeEmpty();
    }

    [Theory]
    [InlineData(Roles.Teller, AccountStatus.ACTIVE, true, true)]
    [InlineData(Roles.Customer, AccountStatus.ACTIVE, false, true)]
    [InlineData(Roles.CreditOfficer, AccountStatus.ACTIVE, false, false)]
    [InlineData(Roles.Teller, AccountStatus.SUSPENDED, false, false)]
    public void AccountMoneyActions_PerPermissionAndStatus_ShowsOnlyAllowedButtons(string role, AccountStatus status, bool cash, bool transfer)
    {
        ctx.SignIn(role, [role], RolePermissions.For(role), role == Roles.Customer ? "C000001" : null);

        var cut = ctx.Render<AccountMoneyActions>(p => p.Add(c => c.Account, FakeAccountsClient.Account(Number, status)));

        cut.FindAll("[data-testid=account-deposit]").Should().HaveCount(cash ? 1 : 0);
        cut.FindAll("[data-testid=account-withdraw]").Should().HaveCount(cash ? 1 : 0);
        cut.FindAll("[data-testid=account-transfer]").Should().HaveCount(transfer ? 1 : 0);
    }
}
