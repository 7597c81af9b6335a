using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Credit;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Credit;

public sealed class CreditLimitTests : CreditTestBase
{
    [Fact]
    public void ChangeLimit_AboveThreshold_ShowsWaitingForSecondApproverAndRefreshesHistory()
    {
        Credit.NextLimitStatus = LimitChangeStatus.PENDING_APPROVAL;
        var (dialogs, cut) = RenderHistory(Roles.CreditOfficer);

        ChangeLimit(cut, dialogs, "250000", "Large new contract");

        var request = Credit.LimitRequests.Should().ContainSingle().Subject;
        request.NewLimit.Should().Be(250000m);
        request.Reason.Should().Be("Large new contract");
        request.EffectiveDate.Should().Be(DateOnly.FromDateTime(DateTime.Today));
        cut.WaitForAssertion(() => cut.Find("[data-testid=limit-outcome]").TextContent.Should().Contain("Waiting for a second approver (APR-2026-000009)"));
        cut.Find("[data-testid=limit-approval-id]").TextContent.Should().Be("APR-2026-000009");
        cut.Find("[data-testid=limit-change-amounts]").TextContent.Should().Be("10,000.00 TRY → 250,000.00 TRY");
    }

    [Fact]
    public void ChangeLimit_FutureEffectiveDate_ShowsScheduledForThatDate()
    {
        Credit.NextLimitStatus = LimitChangeStatus.SCHEDULED;
        var (dialogs, cut) = RenderHistory(Roles.Manager);

        ChangeLimit(cut, dialogs, "20000", "Next quarter");

        var today = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        cut.WaitForAssertion(() => cut.Find("[data-testid=limit-outcome]").TextContent.Should().Contain($"Scheduled for {today}"));
    }

    [Fact]
    public void ChangeLimit_ChangeAlreadyPending_ShowsReadableErrorInDialogAndKeepsItOpen()
    {
        Credit.Errors.Enqueue(Problem(409, CreditErrors.LimitChangePending, "APR-2026-000003 is waiting."));
        var (dialogs, cut) = RenderHistory(Roles.CreditOfficer);

        ChangeLimit(cut, dialogs, "30000", "Growth");

        dialogs.Find("[data-testid=error-message]").TextContent.Should().Contain("already waiting for a second approver");
        cut.FindAll("[data-testid=limit-outcome]").Should().BeEmpty();
    }

    [Fact]
    public void ChangeLimit_NoNewLimitAndShortReason_RefusedClientSide()
    {
        var (dialogs, cut) = RenderHistory(Roles.CreditOfficer);

        ChangeLimit(cut, dialogs, "", "x");

        Messages(dialogs).Should().Contain("Please enter the new limit.").And.Contain("The reason must be 3 to 500 characters.");
        Credit.LimitRequests.Should().BeEmpty();
    }

    [Fact]
    public void Overview_Teller_ShowsReviewFiguresAndHistoryButNoChangeLimit()
    {
        Receivables.Accounts[0] = FakeReceivablesClient.Account() with { UtilisationPercent = 25m, DaysOverdue = 14, NextReviewDate = new DateOnly(2026, 12, 1), Reviewer = Me };
        Credit.History.Add(FakeCreditClient.Change("APR-2026-000001", Other, LimitChangeStatus.APPLIED) with { Source = LimitChangeSource.APPLICATION, ApplicationNumber = "CA-2026-000001" });
        SignInAs(Roles.Teller, "teller@bankoffice.local");
        Ctx.ComponentFactories.AddStub<Radzen.Blazor.RadzenChart>();

        var cut = Ctx.Render<CreditAccountOverview>(p => p.Add(c => c.CustomerId, "C000003"));

        cut.Find("[data-testid=credit-utilisation]").TextContent.Should().Be("25 %");
        cut.Find("[data-testid=credit-days-overdue]").TextContent.Should().Be("14");
        cut.Find("[data-testid=credit-next-review]").TextContent.Should().Be($"2026-12-01 · {Me}");
        cut.Find("[data-testid=limit-history]").TextContent.Should().Contain("CA-2026-000001").And.Contain("APPLIED");
        cut.FindAll("[data-testid=limit-change]").Should().BeEmpty();
    }

    private (IRenderedComponent<Radzen.Blazor.RadzenDialog> Dialogs, IRenderedComponent<CreditLimitHistory> History) RenderHistory(string role)
    {
        SignInAs(role);
        var dialogs = DialogHost();
        var cut = Ctx.Render<CreditLimitHistory>(p => p
            .Add(c => c.CustomerId, "C000003")
            .Add(c => c.Currency, Currency.TRY)
            .Add(c => c.CurrentLimit, 10000m));
        return (dialogs, cut);
    }

    private static void ChangeLimit(IRenderedFragment history, IRenderedFragment dialogs, string newLimit, string reason)
    {
        history.Find("[data-testid=limit-change]").Click();
        dialogs.Find("[data-testid=limit-new]").Change(newLimit);
        dialogs.Find("[data-testid=limit-reason]").Change(reason);
        dialogs.Find("[data-testid=limit-form]").Submit();
    }
}
