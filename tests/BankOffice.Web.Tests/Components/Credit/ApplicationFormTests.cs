using BankOffice.Core.Security;
using BankOffice.Web.Features.Credit;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Credit;

public sealed class ApplicationFormTests : CreditTestBase
{
    [Fact]
    public void Submit_CustomerWithTradeReferences_PostsOwnCustomerFinancialsAndReferencesThenOpensDetails()
    {
        SignInAs(Roles.Customer, "customer03@bankoffice.local", "C000003");
        var cut = Ctx.Render<ApplicationNew>();

        cut.Find("[data-testid=application-customer-fixed]").TextContent.Should().Contain("C000003");
        cut.Find("[data-testid=application-limit]").Change("50000,50");
        cut.Find("[data-testid=application-justification]").Change("  Seasonal stock build-up  ");
        cut.Find("[data-testid=application-revenue]").Change("1200000");
        cut.Find("[data-testid=application-current-ratio]").Change("1.8");
        AddReference(cut, "Supplier A", "Ayse", "+90 212 000 00 00");
        AddReference(cut, "Supplier B", "", "");
        cut.Find("form").Submit();

        var request = Credit.Submitted.Should().ContainSingle().Subject;
        request.CustomerId.Should().Be("C000003");
        request.RequestedLimit.Should().Be(50000.50m);
        request.Justification.Should().Be("Seasonal stock build-up");
        request.FinancialData!.AnnualRevenue.Should().Be(1200000m);
        request.FinancialData.CurrentRatio.Should().Be(1.8m);
        request.FinancialData.DebtRatio.Should().BeNull();
        request.TradeReferences.Select(r => (r.Company, r.Contact, r.Phone)).Should().Equal(
            ("Supplier A", "Ayse", "+90 212 000 00 00"), ("Supplier B", null, null));
        Ctx.Navigation.Uri.Should().EndWith("/credit/applications/CA-2026-000042");
    }

    [Fact]
    public void Submit_EmptyJustification_ShowsMessageAndDoesNotPost()
    {
        SignInAs(Roles.Customer, "customer03@bankoffice.local", "C000003");
        var cut = Ctx.Render<ApplicationNew>();

        cut.Find("[data-testid=application-limit]").Change("50000");
        cut.Find("form").Submit();

        Messages(cut).Should().Contain("Please explain why the customer needs this limit.");
        Credit.Submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_ReferenceWithoutCompanyAndBadRatio_RefusedClientSide()
    {
        var cut = RenderStaffForm();

        cut.Find("[data-testid=application-limit]").Change("50000");
        cut.Find("[data-testid=application-justification]").Change("New contract with a retailer");
        cut.Find("[data-testid=application-debt-ratio]").Change("abc");
        AddReference(cut, "", "Only a contact", "");
        cut.Find("form").Submit();

        Messages(cut).Should().Contain("Trade reference 1: the company is required.")
            .And.Contain("The debt ratio is a number such as 150 or 150.25 (at most 4 decimals).");
        Credit.Submitted.Should().BeEmpty();
    }

    [Fact]
    public void AddReference_TenRows_DisablesAddAndRemoveFreesASlot()
    {
        var cut = RenderStaffForm();

        for (var i = 0; i < 10; i++)
        {
            cut.Find("[data-testid=reference-add]").Click();
        }

        cut.FindAll("[data-testid=trade-reference]").Should().HaveCount(10);
        cut.Find("[data-testid=reference-add]").HasAttribute("disabled").Should().BeTrue();
        cut.FindAll("[data-testid=reference-remove]")[3].Click();
        cut.FindAll("[data-testid=trade-reference]").Should().HaveCount(9);
        cut.Find("[data-testid=reference-add]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void NewPage_CollectorWithoutApplyRights_ShowsAccessDenied()
    {
        SignInAs(Roles.Collector, "collector@bankoffice.local");

        var cut = Ctx.Render<ApplicationNew>();

        cut.FindAll("[data-testid=access-denied]").Should().ContainSingle();
        cut.FindAll("[data-testid=application-form]").Should().BeEmpty();
    }

    [Fact]
    public void ListPage_Customer_HasNewApplicationLinkNoCustomerFilterAndRowLinks()
    {
        Credit.Applications.Add(FakeCreditClient.Application("customer03@bankoffice.local"));
        SignInAs(Roles.Customer, "customer03@bankoffice.local", "C000003");

        var cut = Ctx.Render<ApplicationList>();

        cut.Find("a[data-testid=applications-new]").GetAttribute("href").Should().Be("/credit/applications/new");
        cut.FindAll("[data-testid=filter-customer]").Should().BeEmpty();
        cut.WaitForAssertion(() => cut.Find("[data-testid=application-link]").GetAttribute("href").Should().Be("/credit/applications/CA-2026-000001"));
        cut.Find("[data-testid=application-requested]").TextContent.Should().Be("50,000.00 TRY");
    }

    private IRenderedComponent<ApplicationForm> RenderStaffForm()
    {
        SignInAs(Roles.Teller, "teller@bankoffice.local");
        return Ctx.Render<ApplicationForm>(p => p.Add(c => c.InitialCustomerId, "C000001"));
    }

    private static void AddReference(IRenderedFragment cut, string company, string contact, string phone)
    {
        cut.Find("[data-testid=reference-add]").Click();
        var row = cut.FindAll("[data-testid=trade-reference]")[^1];
        row.QuerySelector("[data-testid=reference-company]")!.Input(company);
        cut.FindAll("[data-testid=trade-reference]")[^1].QuerySelector("[data-testid=reference-contact]")!.Input(contact);
        cut.FindAll("[data-testid=trade-reference]")[^1].QuerySelector("[data-testid=reference-phone]")!.Input(phone);
    }
}
