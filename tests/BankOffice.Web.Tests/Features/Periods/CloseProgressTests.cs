using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Web.Features.Periods;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Periods;

public sealed class CloseProgressTests : PeriodsTestBase
{
    [Fact]
    public void Render_RunningRun_ShowsPercentageAndRunningStep()
    {
        var cut = Ctx.Render<CloseRunProgress>(p => p.Add(c => c.Run, FakePeriodsClient.Run(progress: 42, current: CloseStep.INTEREST, processed: 120)));

        cut.Find("[data-testid=close-run-status]").TextContent.Should().Be("RUNNING");
        Progress(cut).Should().Be("42%");
                // INTEREST is the second of the seven steps; 120 of its 300 accounts are booked.
        cut.Find("[data-testid=close-current-step]").TextContent.Should().Be("Step 2 of 7 · Interest accruals: 120 / 300");
        cut.Find("[data-testid=close-step-INTEREST] [data-testid=close-step-status]").TextContent.Should().Be("RUNNING");
        cut.FindAll("[data-testid=close-blocked]").Should().BeEmpty();
        cut.FindAll("[data-testid=close-summary]").Should().BeEmpty();
    }

    [Fact]
    public void Render_StepLog_ShowsEachStepsCountMessageAndDuration()
    {
        var cut = Ctx.Render<CloseRunProgress>(p => p.Add(c => c.Run, FakePeriodsClient.Run(current: CloseStep.PROVISION, processed: 3)));

        var cutoff = cut.Find("[data-testid=close-step-CUTOFF]");
        cutoff.QuerySelector("[data-testid=close-step-status]")!.TextContent.Should().Be("DONE");
        cutoff.QuerySelector("[data-testid=close-step-count]")!.TextContent.Should().Be("50 / 50");
        cutoff.QuerySelector("[data-testid=close-step-message]")!.TextContent.Should().Be("CUTOFF done");
        // Started 09:00:00, finished 09:00:02.5.
        cutoff.QuerySelector("[data-testid=close-step-duration]")!.TextContent.Should().Be("2.5 s");
        cut.Find("[data-testid=close-step-PROVISION] [data-testid=close-step-count]").TextContent.Should().Be("3 / 300");
        cut.Find("[data-testid=close-step-PROVISION] [data-testid=close-step-duration]").TextContent.Should().BeEmpty();
        cut.Find("[data-testid=close-step-FINALIZE] [data-testid=close-step-status]").TextContent.Should().Be("PENDING");
    }

    [Fact]
    public void Render_BlockedRun_ShowsBlockedAlertAndEveryException()
    {
        var run = FakePeriodsClient.Run(CloseRunStatus.BLOCKED, progress: 57, current: CloseStep.RECONCILIATION, exceptions:
        [
            new CloseExceptionDto(CloseExceptionKinds.AccountBalance, "ACC-1", Currency.TRY, 1_000m, 990m, -10m, "Balance differs from its lines"),
            new CloseExceptionDto(CloseExceptionKinds.Receivables, "RECEIVABLES-USD", Currency.USD, 2_500.5m, 2_600.5m, 100m, "Control account differs from open invoices"),
        ]);

        var cut = Ctx.Render<CloseRunProgress>(p => p.Add(c => c.Run, run));

        cut.Find("[data-testid=close-blocked]").TextContent.Should().Contain("The close is blocked.").And.Contain("2 exceptions");
        var rows = cut.FindAll("[data-testid=close-exception]");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("ACCOUNT_BALANCE").And.Contain("ACC-1").And.Contain("Balance differs from its lines");
        rows[0].QuerySelector("[data-testid=exception-expected]")!.TextContent.Should().Be("1,000.00 TRY");
        rows[0].QuerySelector("[data-testid=exception-actual]")!.TextContent.Should().Be("990.00 TRY");
        rows[0].QuerySelector("[data-testid=exception-difference]")!.TextContent.Should().Be("-10.00 TRY");
        rows[1].QuerySelector("[data-testid=exception-difference]")!.TextContent.Should().Be("100.00 USD");
        cut.Find("[data-testid=close-current-step]").TextContent.Should().BeEmpty();
        cut.FindAll("[data-testid=close-summary]").Should().BeEmpty();
    }

    [Fact]
    public void Render_SucceededRun_ShowsInterestProvisionsAndCounts()
    {
        var cut = Ctx.Render<CloseRunProgress>(p => p.Add(c => c.Run, FakePeriodsClient.Run(CloseRunStatus.SUCCEEDED, progress: 100, current: null, summary: FakePeriodsClient.Summary())));

        Progress(cut).Should().Be("100%");
        cut.Find("[data-testid=close-succeeded]").TextContent.Should().Contain("The period is closed.");
        cut.FindAll("[data-testid=summary-interest]").Select(e => e.TextContent).Should().Equal("1,234.56 TRY", "78.90 USD");
        cut.Find("[data-testid=summary-interest-accounts]").TextContent.Should().Be("on 12 accounts");
        cut.Find("[data-testid=provision-required]").TextContent.Should().Be("1,700.00");
        cut.Find("[data-testid=provision-adjustment]").TextContent.Should().Be("500.00");
        cut.Find("[data-testid=summary-balance-snapshots]").TextContent.Should().Be("50");
        cut.Find("[data-testid=summary-aging-snapshots]").TextContent.Should().Be("6");
        cut.Find("[data-testid=summary-statements]").TextContent.Should().Be("48");
        cut.FindAll("[data-testid=close-step-status]").Select(s => s.TextContent).Should().OnlyContain(s => s == "DONE");
    }

    [Fact]
    public void Render_FailedRun_ShowsTheError()
    {
        var run = FakePeriodsClient.Run(CloseRunStatus.FAILED, current: CloseStep.SNAPSHOTS) with { Error = "Deadlock detected" };

        var cut = Ctx.Render<CloseRunProgress>(p => p.Add(c => c.Run, run));

        cut.Find("[data-testid=close-failed]").TextContent.Should().Contain("The close failed").And.Contain("Deadlock detected");
        cut.FindAll("[data-testid=close-summary]").Should().BeEmpty();
    }

    [Theory]
    [InlineData(2.5, "2.5 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(75, "1 min 15 s")]
    [InlineData(3605, "60 min 05 s")]
    public void Duration_StartAndFinish_ReadsAsSecondsOrMinutes(double seconds, string expected) =>
        PeriodMessages.Duration(FakePeriodsClient.Started, FakePeriodsClient.Started.AddSeconds(seconds)).Should().Be(expected);
}
