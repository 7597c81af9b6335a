using BankOffice.Core.Common;
using BankOffice.Core.Collections;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Collections;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Collections;

public sealed class InvoiceDisputesTests : CollectionsTestBase
{
    private static readonly InvoiceDto Invoice = new(Guid.NewGuid(), "INV-2026-000001", "C000003", Currency.TRY, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "NET30",
        100m, 18m, 118m, 0m, 118m, InvoiceStatus.OPEN, null, Guid.NewGuid(), [], []);

    public InvoiceDisputesTests()
    {
        Collections.Disputes.Add(FakeCollectionsClient.Dispute());
    }

    [Fact]
    public void Disputes_StaffRaisesDispute_PostsAmountAndReasonAndListsIt()
    {
        SignInAs(Roles.Collector);
        var cut = Render();

        cut.Find("[data-testid=dispute-raise]").Click();
        cut.Find("[data-testid=dispute-amount-input]").Change("40,5");
        cut.Find("[data-testid=dispute-reason-input]").Change("Wrong unit price");
        cut.Find("[data-testid=dispute-form]").Submit();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=dispute-row]").Should().HaveCount(2));
        cut.FindAll("[data-testid=dispute-amount]").Select(a => a.TextContent).Should().Equal("50.00 TRY", "40.50 TRY");
        var (action, id, request) = Collections.Posted.Should().ContainSingle().Subject;
        (action, id).Should().Be(("dispute", Invoice.InvoiceId.ToString()));
        request.Should().BeEquivalentTo(new RaiseDisputeRequest { Amount = 40.5m, Reason = "Wrong unit price" });
        cut.FindAll("[data-testid=dispute-form]").Should().BeEmpty();
    }

    [Fact]
    public void Disputes_AmountAboveBalance_ShowsTheApisReason()
    {
        SignInAs(Roles.Manager);
        var cut = Render();
        Collections.Errors.Enqueue(Problem(422, "DISPUTE_EXCEEDS_BALANCE", "Invoice INV-2026-000001 has 68.00 left to dispute."));

        cut.Find("[data-testid=dispute-raise]").Click();
        cut.Find("[data-testid=dispute-amount-input]").Change("100");
        cut.Find("[data-testid=dispute-reason-input]").Change("Everything is wrong");
        cut.Find("[data-testid=dispute-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should().Be("Invoice INV-2026-000001 has 68.00 left to dispute."));
        cut.FindAll("[data-testid=dispute-row]").Should().HaveCount(1);
    }

    [Fact]
    public void Disputes_StaffResolvesOpenDispute_PostsResolutionAndShowsResolved()
    {
        SignInAs(Roles.Collector);
        var dialogs = RenderDialogHost();
        var cut = Render();

        cut.Find("[data-testid=dispute-resolve]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=reason-input]"));
        dialogs.Find("[data-testid=reason-input]").Change("Credit note CN-2026-000001 issued");
        dialogs.Find("[data-testid=reason-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=dispute-status]").TextContent.Should().Be("RESOLVED"));
        cut.FindAll("[data-testid=dispute-resolve]").Should().BeEmpty();
        Collections.Posted.Should().ContainSingle().Which.Request.Should().BeOfType<ResolveDisputeRequest>().Which.Resolution.Should().Be("Credit note CN-2026-000001 issued");
    }

    [Fact]
    public void Disputes_Customer_SeesListWithoutRaiseOrResolve()
    {
        SignInAs(Roles.Customer, "C000003");

        var cut = Render();

        cut.FindAll("[data-testid=dispute-row]").Should().HaveCount(1);
        cut.FindAll("[data-testid=dispute-raise]").Should().BeEmpty();
        cut.FindAll("[data-testid=dispute-resolve]").Should().BeEmpty();
    }

    private IRenderedComponent<InvoiceDisputes> Render() => Ctx.Render<InvoiceDisputes>(p => p.Add(c => c.Invoice, Invoice));
}
