using BankOffice.Core.Security;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class ReceivablesPagesTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReceivablesClient receivables = new();

    public ReceivablesPagesTests()
    {
        receivables.Accounts.Add(FakeReceivablesClient.Account());
        ctx.Services.AddSingleton<IReceivablesClient>(receivables);

        // RadzenChart measures itself through JS, which the loose test runtime does not answer.
        ctx.ComponentFactories.AddStub<Radzen.Blazor.RadzenChart>();
    }

    public void Dispose() => ctx.Dispose();

    [Theory]
    [InlineData(Roles.Teller, true, true)]
    [InlineData(Roles.CreditOfficer, false, false)]
    public void Overview_ShowsCreditFiguresAgingAndAllowedButtons(string role, bool invoice, bool payment)
    {
        ctx.SignIn(role, [role], RolePermissions.For(role));

        var cut = ctx.Render<CreditAccountOverview>(p => p.Add(c => c.CustomerId, "C000003"));

        cut.Find("[data-testid=credit-limit]").TextContent.Should().Be("10,000.00 TRY");
        cut.Find("[data-testid=credit-available]").TextContent.Should().Be("7,500.00 TRY");
        cut.Find("[data-testid=credit-terms]").TextContent.Should().Be("NET30");
        cut.Find("[data-testid='aging-31-60']").TextContent.Should().Be("400.00 TRY");
        cut.Find("[data-testid='aging-over90']").TextContent.Should().Be("300.00 TRY");
        cut.FindAll("[data-testid=overview-new-invoice]").Should().HaveCount(invoice ? 1 : 0);
        cut.FindAll("[data-testid=overview-record-payment]").Should().HaveCount(payment ? 1 : 0);
    }

    [Fact]
    public void Overview_UnknownCustomer_ShowsReadableError()
    {
        ctx.SignIn("Tess", [Roles.Teller], RolePermissions.For(Roles.Teller));

        var cut = ctx.Render<CreditAccountOverview>(p => p.Add(c => c.CustomerId, "C999999"));

        cut.Find("[data-testid=error-message]").TextContent.Should().Be("The customer has no credit account.");
    }

    [Fact]
    public void PaymentSearch_CustomerFilter_LoadsThatCustomersPayments()
    {
        ctx.SignIn("Tess", [Roles.Teller], RolePermissions.For(Roles.Teller));

        var cut = ctx.Render<PaymentList>();
        cut.Find("[data-testid=filter-customer]").Change("c000003");

        cut.WaitForAssertion(() => cut.Find("[data-testid=payment-link]").TextContent.Should().Be("PAY-2026-000007"));
        receivables.PaymentSearches.Should().NotBeEmpty();
        receivables.PaymentSearches[^1].CustomerId.Should().Be("C000003");
        cut.Find("[data-testid=payment-amount]").TextContent.Should().Be("250.00 TRY");
    }
}
