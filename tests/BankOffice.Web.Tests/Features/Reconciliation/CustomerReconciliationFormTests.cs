using BankOffice.Core.Reconciliation;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Reconciliation;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Features.Reconciliation;

public sealed class CustomerReconciliationFormTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReconciliationClient reconciliation = new();

    public CustomerReconciliationFormTests()
    {
        ctx.Services.AddSingleton<IReconciliationClient>(reconciliation);
        ctx.Services.AddSingleton<TimeProvider>(FakeCollectionsClient.Clock);
        ctx.SignIn("collector@bankoffice.local", [Roles.Collector], RolePermissions.For(Roles.Collector));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void CustomerReconciliation_BalanceAndADisputedInvoice_PostedForTheCustomerAndReported()
    {
        CustomerReconciliationDto? saved = null;
        var cut = ctx.Render<CustomerReconciliationForm>(p => p.Add(c => c.CustomerId, "C000003").Add(c => c.Saved, (CustomerReconciliationDto r) => saved = r));

        cut.Find("[data-testid=customer-reconciliation-balance]").Change("1000");
        cut.Find("[data-testid=dispute-add]").Click();
        cut.Find("[data-testid=dispute-invoice]").Change(" INV-2026-000123 ");
        cut.Find("[data-testid=dispute-amount]").Change("300,00");
        cut.Find("[data-testid=dispute-reason]").Change("Quantity difference");
        cut.Find("[data-testid=customer-reconciliation-notes]").Change("Confirmed by e-mail");
        cut.Find("[data-testid=customer-reconciliation-form]").Submit();

        cut.WaitForAssertion(() => saved.Should().NotBeNull());
        var (action, customerId, request) = reconciliation.Calls.Should().ContainSingle().Subject;
        (action, customerId).Should().Be(("customer", "C000003"));
        request.Should().BeEquivalentTo(new CustomerReconciliationRequest
        {
            ReconciliationDate = FakeCollectionsClient.Today, // the form starts on today
            CustomerBalance = 1000m,
            Disputes = [new ReconciliationDisputeRequest { InvoiceId = "INV-2026-000123", DisputeAmount = 300m, Reason = "Quantity difference" }],
            Notes = "Confirmed by e-mail",
        });
        // The fake's ours is 1,300.00: 1,300.00 − 1,000.00 − 300.00 disputed = 0.00.
        saved!.UnexplainedDifference.Should().Be(0m);
        cut.FindAll("[data-testid=dispute-row]").Should().BeEmpty("the form is ready for the next one");
    }

    [Fact]
    public void CustomerReconciliation_DisputeWithoutInvoiceOrReason_NamesTheRowAndSendsNothing()
    {
        var cut = ctx.Render<CustomerReconciliationForm>(p => p.Add(c => c.CustomerId, "C000003"));

        cut.Find("[data-testid=customer-reconciliation-balance]").Change("1000");
        cut.Find("[data-testid=dispute-add]").Click();
        cut.Find("[data-testid=dispute-amount]").Change("50");
        cut.Find("[data-testid=customer-reconciliation-form]").Submit();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Equal(
            "Dispute 1: please enter the invoice number.", "Dispute 1: please give the reason (at least 3 characters).");
        reconciliation.Calls.Should().BeEmpty();
    }
}
