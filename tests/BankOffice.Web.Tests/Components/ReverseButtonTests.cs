using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Transactions;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class ReverseButtonTests : IDisposable
{
    private readonly WebTestContext ctx = new();

    public ReverseButtonTests()
    {
        ctx.Services.AddSingleton<ITransactionsClient>(new FakeTransactionsClient());
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Render_OriginalEntryForTeller_ShowsReverse()
    {
        SignIn(Roles.Teller);

        var cut = Render(FakeTransactionsClient.Transaction(EntryKind.DEPOSIT));

        cut.FindAll("[data-testid=transaction-reverse]").Should().HaveCount(1);
    }

    [Fact]
    public void Render_Reversal_HidesReverse()
    {
        SignIn(Roles.Teller);

        var cut = Render(FakeTransactionsClient.Transaction(EntryKind.REVERSAL, reversalOf: Guid.NewGuid()));

        cut.FindAll("[data-testid=transaction-reverse]").Should().BeEmpty();
    }

    [Fact]
    public void Render_AlreadyReversedEntry_HidesReverse()
    {
        SignIn(Roles.Teller);

        var cut = Render(FakeTransactionsClient.Transaction(EntryKind.TRANSFER, reversedBy: Guid.NewGuid()));

        cut.FindAll("[data-testid=transaction-reverse]").Should().BeEmpty();
    }

    [Theory]
    [InlineData(Roles.CreditOfficer)] // staff without payment.process
    [InlineData(Roles.Customer)] // payment.process, but not staff
    public void Render_UserWhoMayNotReverse_HidesReverse(string role)
    {
        SignIn(role);

        var cut = Render(FakeTransactionsClient.Transaction(EntryKind.DEPOSIT));

        cut.FindAll("[data-testid=transaction-reverse]").Should().BeEmpty();
    }

    private void SignIn(string role) => ctx.SignIn(role, [role], RolePermissions.For(role), role == Roles.Customer ? "C000001" : null);

    private IRenderedComponent<ReverseButton> Render(TransactionDto transaction) =>
        ctx.Render<ReverseButton>(p => p.Add(c => c.Transaction, transaction));
}
