using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Admin;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class LedgerCheckTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeTransactionsClient transactions = new();

    public LedgerCheckTests()
    {
        ctx.Services.AddSingleton<ITransactionsClient>(transactions);
        ctx.SignIn("Ada Admin", [Roles.Admin], RolePermissions.For(Roles.Admin));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Render_CheckWithMismatchAndUnbalancedEntry_ShowsNotOkAndListsThem()
    {
        var entry = Guid.NewGuid();
        transactions.Check = new LedgerCheckDto(false, DateTimeOffset.UnixEpoch, 120, 250, 50,
            [new CurrencySumDto(Currency.TRY, 0.5m, 200), new CurrencySumDto(Currency.USD, 0m, 50)],
            [new UnbalancedEntryDto(entry, Currency.TRY, 0.5m)],
            [new BalanceMismatchDto("ACC-11111111-1111-1111-1111-111111111111", Currency.TRY, 110m, 100m, 10m)],
            42.7);

        var cut = ctx.Render<LedgerCheck>();

        var status = cut.Find("[data-testid=ledger-check-status]");
        status.GetAttribute("data-ok").Should().Be("false");
        status.TextContent.Should().Contain("NOT OK");
        cut.Find("[data-testid=ledger-mismatches]").TextContent.Should()
            .Contain("ACC-11111111-1111-1111-1111-111111111111").And.Contain("110.00 TRY").And.Contain("100.00 TRY").And.Contain("10.00 TRY");
        cut.Find("[data-testid=ledger-unbalanced]").TextContent.Should().Contain(entry.ToString());
        cut.Find("[data-testid=ledger-check-counts]").TextContent.Should().Contain("120 entries").And.Contain("250 lines").And.Contain("43 ms");
        cut.Find("[data-testid=ledger-currency-totals]").TextContent.Should().Contain("USD");
    }

    [Fact]
    public void RunAgain_Clicked_ChecksAgainAndShowsOk()
    {
        transactions.Check = new LedgerCheckDto(true, DateTimeOffset.UnixEpoch, 1, 2, 1, [new CurrencySumDto(Currency.TRY, 0m, 2)], [], [], 1);
        var cut = ctx.Render<LedgerCheck>();

        cut.Find("[data-testid=ledger-check-run]").Click();

        transactions.CheckCalls.Should().Be(2);
        cut.Find("[data-testid=ledger-check-status]").GetAttribute("data-ok").Should().Be("true");
        cut.FindAll("[data-testid=ledger-mismatches]").Should().BeEmpty();
    }
}
