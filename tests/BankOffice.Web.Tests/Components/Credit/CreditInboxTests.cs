using BankOffice.Core.Credit;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Credit;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Credit;

public sealed class CreditInboxTests : CreditTestBase
{
    public CreditInboxTests()
    {
        Credit.Pending.Add(FakeCreditClient.Change("APR-2026-000001", Me));
        Credit.Pending.Add(FakeCreditClient.Change("APR-2026-000002", Other));
        SignInAs(Roles.CreditOfficer);
    }

    [Fact]
    public void Render_MyOwnRequest_HidesApproveButKeepsReject()
    {
        var cut = Ctx.Render<PendingLimitChanges>();

        var rows = cut.FindAll("[data-testid=pending-change]");
        rows.Should().HaveCount(2);
        rows[0].QuerySelector("[data-testid=pending-approve]").Should().BeNull();
        rows[0].QuerySelector("[data-testid=pending-own]")!.TextContent.Should().Be("Your request");
        rows[0].QuerySelector("[data-testid=pending-reject]").Should().NotBeNull();
        rows[1].QuerySelector("[data-testid=pending-approve]").Should().NotBeNull();
    }

    [Fact]
    public void Approve_OthersRequest_ApprovesShowsOutcomeAndReloads()
    {
        var cut = Ctx.Render<PendingLimitChanges>();

        cut.Find("[data-testid=pending-approve]").Click();

        Credit.Approved.Should().Equal("APR-2026-000002");
        cut.Find("[data-testid=pending-result]").TextContent.Should().Contain("APR-2026-000002 for C000003: Applied");
        cut.FindAll("[data-testid=pending-change]").Should().ContainSingle();
    }

    [Fact]
    public void Approve_ApiAnswersMakerCheckerViolation_ShowsClearMessage()
    {
        Credit.Errors.Enqueue(Problem(403, CreditErrors.MakerChecker, "manager requested change APR-2026-000002 and cannot approve it."));
        var cut = Ctx.Render<PendingLimitChanges>();

        cut.Find("[data-testid=pending-approve]").Click();

        cut.Find("[data-testid=error-alert]").TextContent.Should().Contain("You are not allowed to do this.");
        cut.Find("[data-testid=error-message]").TextContent.Should().Contain("A second credit officer must do it.");
        cut.FindAll("[data-testid=pending-change]").Should().HaveCount(2);
    }

    [Fact]
    public void Reject_WithReasonFromDialog_SendsReasonAndRemovesTheRow()
    {
        var dialogs = DialogHost();
        var cut = Ctx.Render<PendingLimitChanges>();

        cut.FindAll("[data-testid=pending-reject]")[0].Click();
        dialogs.Find("[data-testid=reason-input]").Change("Exposure too high");
        dialogs.Find("[data-testid=reason-form]").Submit();

        cut.WaitForAssertion(() => Credit.Rejected.Should().Equal(("APR-2026-000001", "Exposure too high")));
        cut.WaitForAssertion(() => cut.Find("[data-testid=pending-result]").TextContent.Should().Contain("Rejected"));
        cut.FindAll("[data-testid=pending-change]").Should().ContainSingle();
    }

    [Fact]
    public void Inbox_ApplicationsSection_AsksOnlyForPendingOnesAwaitingMe()
    {
        Credit.Applications.Add(FakeCreditClient.Application(submittedBy: Other));

        var cut = Ctx.Render<CreditInbox>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=inbox-applications] [data-testid=application-link]").TextContent.Should().Be("CA-2026-000001"));
        Credit.ApplicationQueries.Should().OnlyContain(q => q.AwaitingMe && q.Status == CreditApplicationStatus.PENDING);
    }
}
