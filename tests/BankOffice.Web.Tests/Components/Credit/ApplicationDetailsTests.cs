using BankOffice.Core.Credit;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Credit;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Credit;

public sealed class ApplicationDetailsTests : CreditTestBase
{
    [Fact]
    public void Render_SignedInAsSubmitter_HidesDecisionPanelAndSaysWhy()
    {
        Credit.Applications.Add(FakeCreditClient.Application(submittedBy: Me));
        SignInAs(Roles.CreditOfficer, Me.ToUpperInvariant());

        var cut = RenderDetails();

        cut.Find("[data-testid=application-requested-limit]").TextContent.Should().Be("50,000.00 TRY");
        cut.FindAll("[data-testid=application-reference]").Should().ContainSingle().Which.TextContent.Should().Contain("Supplier A");
        cut.FindAll("[data-testid=decision-panel]").Should().BeEmpty();
        cut.Find("[data-testid=decision-own]").TextContent.Should().Contain("a second credit officer must decide it");
    }

    [Fact]
    public void Render_AnotherCreditOfficer_ShowsDecisionPanel()
    {
        Credit.Applications.Add(FakeCreditClient.Application(submittedBy: "teller@bankoffice.local"));
        SignInAs(Roles.CreditOfficer);

        var cut = RenderDetails();

        cut.FindAll("[data-testid=decision-panel]").Should().ContainSingle();
    }

    [Fact]
    public void Render_TellerWithoutCreditApprove_ShowsNoDecisionPanel()
    {
        Credit.Applications.Add(FakeCreditClient.Application(submittedBy: Other));
        SignInAs(Roles.Teller, "teller@bankoffice.local");

        var cut = RenderDetails();

        cut.FindAll("[data-testid=decision-panel]").Should().BeEmpty();
        cut.FindAll("[data-testid=decision-own]").Should().BeEmpty();
    }

    [Theory]
    [InlineData("COUNTER_OFFER", "A counter-offer needs the limit you offer.")]
    [InlineData("REJECTED", "A rejection needs the reason the applicant is given (notes).")]
    public void Decide_MissingWhatTheDecisionNeeds_RefusedClientSide(string decision, string message)
    {
        var cut = RenderAsSecondOfficer();

        Choose(cut, decision);
        cut.Find("[data-testid=decision-form]").Submit();

        Messages(cut).Should().Contain(message);
        Credit.Decisions.Should().BeEmpty();
    }

    [Fact]
    public void Decide_CounterOfferAtOrAboveTheRequestedLimit_RefusedClientSide()
    {
        var cut = RenderAsSecondOfficer();

        Choose(cut, "COUNTER_OFFER");
        cut.Find("[data-testid=decision-limit]").Change("50000");
        cut.Find("[data-testid=decision-form]").Submit();

        Messages(cut).Should().Contain(m => m.StartsWith("A counter-offer is below the requested", StringComparison.Ordinal));
        Credit.Decisions.Should().BeEmpty();
    }

    [Fact]
    public void Decide_ApproveWithConditions_SendsDecisionAndShowsResultWithApprovalId()
    {
        var cut = RenderAsSecondOfficer();

        Choose(cut, "APPROVED");
        cut.Find("[data-testid=decision-limit]").Change("40000");
        cut.Find("[data-testid=decision-conditions]").Change("Personal guarantee\n\n  Quarterly statements  ");
        cut.Find("[data-testid=decision-form]").Submit();

        var (id, request) = Credit.Decisions.Should().ContainSingle().Subject;
        id.Should().Be(FakeCreditClient.Application().ApplicationId.ToString());
        request.Decision.Should().Be(CreditDecisionType.APPROVED);
        request.ApprovedLimit.Should().Be(40000m);
        request.Conditions.Should().Equal("Personal guarantee", "Quarterly statements");
        request.EffectiveDate.Should().Be(DateOnly.FromDateTime(DateTime.Today));
        cut.Find("[data-testid=decision-result]").TextContent.Should().Contain("Decision recorded: APPROVED");
        cut.Find("[data-testid=decision-result-approval]").TextContent.Should().Be("APR-2026-000007");
        cut.Find("[data-testid=application-status]").TextContent.Should().Be("APPROVED");
        cut.FindAll("[data-testid=decision-panel]").Should().BeEmpty();
    }

    [Fact]
    public void Decide_ApiAnswersMakerCheckerViolation_ShowsClearMessageAndKeepsPending()
    {
        Credit.Errors.Enqueue(Problem(403, CreditErrors.MakerChecker, "credit@bankoffice.local submitted application CA-2026-000001 and cannot decide it."));
        var cut = RenderAsSecondOfficer();

        Choose(cut, "APPROVED");
        cut.Find("[data-testid=decision-form]").Submit();

        cut.Find("[data-testid=error-message]").TextContent.Should().StartWith("Maker-checker: you submitted or requested this yourself");
        cut.Find("[data-testid=application-status]").TextContent.Should().Be("PENDING");
        cut.FindAll("[data-testid=decision-panel]").Should().ContainSingle();
    }

    [Fact]
    public void Decide_ApplicationAlreadyDecided_SaysSoReadably()
    {
        Credit.Errors.Enqueue(Problem(409, "APPLICATION_ALREADY_DECIDED", "Application CA-2026-000001 was already decided (APPROVED)."));
        var cut = RenderAsSecondOfficer();

        Choose(cut, "APPROVED");
        cut.Find("[data-testid=decision-form]").Submit();

        cut.Find("[data-testid=error-message]").TextContent.Should().Contain("already decided by someone else");
    }

    private IRenderedComponent<ApplicationDetails> RenderAsSecondOfficer()
    {
        Credit.Applications.Add(FakeCreditClient.Application(submittedBy: Me));
        SignInAs(Roles.Manager, Other);
        return RenderDetails();
    }

    private IRenderedComponent<ApplicationDetails> RenderDetails() => Ctx.Render<ApplicationDetails>(p => p.Add(c => c.Id, "CA-2026-000001"));

    private static void Choose(IRenderedFragment cut, string decision) =>
        cut.FindAll("[data-testid=decision-type] .rz-button").Single(b => b.TextContent.Trim() == decision).Click();
}
