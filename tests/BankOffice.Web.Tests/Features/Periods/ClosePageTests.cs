using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Periods;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Periods;

public sealed class ClosePageTests : PeriodsTestBase
{
    public ClosePageTests()
    {
        SignInAs(Roles.Admin);
        Periods.Periods.Add(FakePeriodsClient.Period("2026-10", PeriodStatus.OPEN));
    }

    [Fact]
    public void Open_RunAlreadyRunning_AttachesAndUpdatesLiveUntilSucceeded()
    {
        Periods.Periods[0] = FakePeriodsClient.Period("2026-10", PeriodStatus.CLOSING);
        Periods.LatestRuns["2026-10"] = FakePeriodsClient.Run(progress: 10, current: CloseStep.CUTOFF, processed: 5);

        var cut = Ctx.Render<PeriodClosePage>(p => p.Add(c => c.Period, "2026-10"));

        cut.WaitForAssertion(() => Progress(cut).Should().Be("10%"));
        Periods.Watched.Should().Equal(FakePeriodsClient.RunId);
        cut.Find("[data-testid=close-period-status]").TextContent.Should().Be("CLOSING");
        cut.FindAll("[data-testid=close-form]").Should().BeEmpty();

        Periods.Updates.Writer.TryWrite(FakePeriodsClient.Run(progress: 55, current: CloseStep.RECONCILIATION, processed: 7));
        cut.WaitForAssertion(() => Progress(cut).Should().Be("55%"));
        cut.Find("[data-testid=close-current-step]").TextContent.Should().Be("Step 4 of 7 · Reconciliation: 7 / 300");

        Periods.Periods[0] = FakePeriodsClient.Period("2026-10", PeriodStatus.CLOSED, CloseRunStatus.SUCCEEDED);
        Periods.Updates.Writer.TryWrite(FakePeriodsClient.Run(CloseRunStatus.SUCCEEDED, progress: 100, current: null, summary: FakePeriodsClient.Summary()));
        Periods.Updates.Writer.TryComplete();

        cut.WaitForAssertion(() => cut.Find("[data-testid=close-period-status]").TextContent.Should().Be("CLOSED"));
        Progress(cut).Should().Be("100%");
        cut.Find("[data-testid=close-summary]").Should().NotBeNull();
    }

    [Fact]
    public void Start_WithApprover_SendsDefaultCutoffAndOptionsThenFollowsTheRun()
    {
        var cut = Ctx.Render<PeriodClosePage>(p => p.Add(c => c.Period, "2026-10"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=close-form]"));

        // The cut-off defaults to the period's last day at 23:59:59 (UTC, as the API assumes).
        cut.Find("[data-testid=close-cutoff]").GetAttribute("value").Should().Be("2026-10-31T23:59:59");
        cut.Find("[data-testid=close-approved-by]").Change(Other);
        cut.Find("[data-testid=close-form]").Submit();

        cut.WaitForAssertion(() => Progress(cut).Should().Be("0%"));
        var (period, request) = Periods.CloseRequests.Should().ContainSingle().Which;
        period.Should().Be("2026-10");
        request.Should().Be(new ClosePeriodRequest(new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero), true, true, Other));
        Periods.Watched.Should().Equal(FakePeriodsClient.RunId);
        cut.FindAll("[data-testid=close-form]").Should().BeEmpty();
    }

    [Fact]
    public void Start_EarlierPeriodOpen_ShowsReadableAlertAndKeepsTheForm()
    {
        var cut = Ctx.Render<PeriodClosePage>(p => p.Add(c => c.Period, "2026-10"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=close-form]"));
        Periods.Errors.Enqueue(Problem(400, PeriodErrorCodes.EarlierPeriodOpen, "Period 2026-09 is still OPEN."));

        cut.Find("[data-testid=close-approved-by]").Change(Other);
        cut.Find("[data-testid=close-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should()
            .Be("An earlier period is still open: periods are closed in order, oldest first. (Period 2026-09 is still OPEN.)"));
        cut.Find("[data-testid=error-alert]").TextContent.Should().Contain("EARLIER_PERIOD_OPEN");
        cut.FindAll("[data-testid=close-run]").Should().BeEmpty();
        Periods.Watched.Should().BeEmpty();
    }

    [Fact]
    public void Start_WithoutApprover_ShowsValidationAndSendsNothing()
    {
        var cut = Ctx.Render<PeriodClosePage>(p => p.Add(c => c.Period, "2026-10"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=close-form]"));

        cut.Find("[data-testid=close-form]").Submit();

        Messages(cut).Should().Equal("Please name who approved the close.");
        Periods.CloseRequests.Should().BeEmpty();
    }

    [Fact]
    public void Start_CutoffBeforeThePeriodsLastDay_ShowsValidationAndSendsNothing()
    {
        var cut = Ctx.Render<PeriodClosePage>(p => p.Add(c => c.Period, "2026-10"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=close-form]"));

        cut.Find("[data-testid=close-approved-by]").Change(Other);
        cut.Find("[data-testid=close-cutoff]").Change("2026-10-30T12:00:00");
        cut.Find("[data-testid=close-form]").Submit();

        Messages(cut).Should().Equal("The cut-off must be on or after the period's last day (2026-10-31).");
        Periods.CloseRequests.Should().BeEmpty();
    }
}
