using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class CloseRunTests
{
    private static readonly Guid RunId = Guid.Parse("c105e000-0000-4000-8000-000000000006");

    // October 2026 ends on the 31st; the close is asked for on 2 November at 09:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastDayMidnight = new(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);

    private static AccountingPeriod October() => AccountingPeriod.Create(new PeriodKey(2026, 10), 5);

    private static CloseRun Start(DateTimeOffset? cutoff = null, bool includeAccruals = true, bool runProvision = true) =>
        CloseRun.Start(RunId, October(), cutoff ?? LastDayMidnight, includeAccruals, runProvision, "manager@bankoffice.local", "admin@bankoffice.local", Now);

    private static void ShouldBeInvalid(Action act)
    {
        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Kind.Should().Be(DomainErrorKind.Validation);
        refusal.Code.Should().Be(ErrorCodes.ValidationError);
    }

    // ---- Start ----

    [Fact]
    public void Start_Valid_IsRunningAtCutoffWithEveryStepPendingInOrder()
    {
        var run = Start();

        run.Id.Should().Be(RunId);
        run.Period.Should().Be("2026-10");
        run.Status.Should().Be(CloseRunStatus.RUNNING);
        run.CurrentStep.Should().Be(CloseStep.CUTOFF);
        run.CutoffAt.Should().Be(LastDayMidnight);
        run.StartedAt.Should().Be(Now);
        run.RequestedBy.Should().Be("manager@bankoffice.local");
        run.ApprovedBy.Should().Be("admin@bankoffice.local");
        run.Progress.Should().Be(0);
        run.Attempts.Should().Be(0);
        run.FinishedAt.Should().BeNull();
        run.Steps.Select(s => s.Step).Should().Equal(
            CloseStep.CUTOFF, CloseStep.INTEREST, CloseStep.PROVISION, CloseStep.RECONCILIATION, CloseStep.SNAPSHOTS, CloseStep.STATEMENTS, CloseStep.FINALIZE);
        run.Steps.Should().OnlyContain(s => s.Status == CloseStepStatus.PENDING && s.RunId == RunId);
    }

    [Fact]
    public void Start_CutoffAtStartOfLastDay_IsAccepted() => Start(LastDayMidnight).CutoffAt.Should().Be(LastDayMidnight);

    [Fact]
    public void Start_CutoffOneSecondBeforeLastDay_IsRefused() => ShouldBeInvalid(() => Start(LastDayMidnight.AddSeconds(-1)));

    [Fact]
    public void Start_CutoffOnLastDayLocallyButDayBeforeInUtc_IsRefused()
    {
        // 01:00 on the 31st in Istanbul (+03:00) is 22:00 on the 30th UTC: the last day is judged in UTC.
        ShouldBeInvalid(() => Start(new DateTimeOffset(2026, 10, 31, 1, 0, 0, TimeSpan.FromHours(3))));
    }

    [Fact]
    public void Start_CutoffNow_IsAccepted() => Start(Now).CutoffAt.Should().Be(Now);

    [Fact]
    public void Start_CutoffOneTickInTheFuture_IsRefused() => ShouldBeInvalid(() => Start(Now.AddTicks(1)));

    [Fact]
    public void Start_WithoutAccruals_SkipsOnlyInterest()
    {
        var run = Start(includeAccruals: false);

        run.IncludeAccruals.Should().BeFalse();
        run.Step(CloseStep.INTEREST).Status.Should().Be(CloseStepStatus.SKIPPED);
        run.Steps.Where(s => s.Step != CloseStep.INTEREST).Should().OnlyContain(s => s.Status == CloseStepStatus.PENDING);
    }

    [Fact]
    public void Start_WithoutProvision_SkipsOnlyProvision()
    {
        var run = Start(runProvision: false);

        run.RunProvision.Should().BeFalse();
        run.Step(CloseStep.PROVISION).Status.Should().Be(CloseStepStatus.SKIPPED);
        run.Steps.Where(s => s.Step != CloseStep.PROVISION).Should().OnlyContain(s => s.Status == CloseStepStatus.PENDING);
    }

    [Fact]
    public void Start_WithoutEither_SkipsBoth()
    {
        var run = Start(includeAccruals: false, runProvision: false);

        run.Steps.Where(s => s.Status == CloseStepStatus.SKIPPED).Select(s => s.Step).Should().Equal(CloseStep.INTEREST, CloseStep.PROVISION);
    }

    // ---- Steps ----

    [Fact]
    public void Begin_Step_IsCurrentAndRunningWithTotal()
    {
        var run = Start();

        run.Begin(CloseStep.INTEREST, 1200, Now.AddSeconds(1));

        run.CurrentStep.Should().Be(CloseStep.INTEREST);
        var step = run.Step(CloseStep.INTEREST);
        step.Status.Should().Be(CloseStepStatus.RUNNING);
        step.Total.Should().Be(1200);
        step.StartedAt.Should().Be(Now.AddSeconds(1));
    }

    [Fact]
    public void Begin_AgainAfterResume_KeepsFirstStartedAt()
    {
        var run = Start();
        run.Begin(CloseStep.INTEREST, 1200, Now.AddSeconds(1));

        run.Begin(CloseStep.INTEREST, 1200, Now.AddMinutes(5));

        run.Step(CloseStep.INTEREST).StartedAt.Should().Be(Now.AddSeconds(1));
    }

    [Fact]
    public void Complete_Step_IsDoneWithAllProcessedAndFinishTime()
    {
        var run = Start();
        run.Begin(CloseStep.INTEREST, 1200, Now);
        run.Advance(CloseStep.INTEREST, 1000);

        run.Complete(CloseStep.INTEREST, "1200 accounts", Now.AddSeconds(30));

        var step = run.Step(CloseStep.INTEREST);
        step.Status.Should().Be(CloseStepStatus.DONE);
        step.Processed.Should().Be(1200);
        step.Message.Should().Be("1200 accounts");
        step.FinishedAt.Should().Be(Now.AddSeconds(30));
    }

    [Fact]
    public void Complete_LongMessage_IsCutToMaxLength()
    {
        var run = Start();
        run.Begin(CloseStep.CUTOFF, 1, Now);

        run.Complete(CloseStep.CUTOFF, new string('m', 1001), Now);

        run.Step(CloseStep.CUTOFF).Message.Should().HaveLength(CloseRunStep.MessageMaxLength);
    }

    [Fact]
    public void PickedUp_Twice_CountsTwoAttempts()
    {
        var run = Start();

        run.PickedUp();
        run.PickedUp();

        run.Attempts.Should().Be(2);
    }

    [Fact]
    public void Succeed_IsSucceededAtHundredWithNoCurrentStep()
    {
        var run = Start();

        run.Succeed(Now.AddMinutes(1));

        run.Status.Should().Be(CloseRunStatus.SUCCEEDED);
        run.Progress.Should().Be(100);
        run.CurrentStep.Should().BeNull();
        run.FinishedAt.Should().Be(Now.AddMinutes(1));
    }

    [Fact]
    public void Block_MarksStepFailedAndRunBlockedWithTheReason()
    {
        var run = Start();
        run.Begin(CloseStep.RECONCILIATION, 10, Now);

        run.Block(CloseStep.RECONCILIATION, "2 exceptions", Now.AddSeconds(3));

        run.Status.Should().Be(CloseRunStatus.BLOCKED);
        run.Error.Should().Be("2 exceptions");
        run.FinishedAt.Should().Be(Now.AddSeconds(3));
        run.Step(CloseStep.RECONCILIATION).Status.Should().Be(CloseStepStatus.FAILED);
        run.Step(CloseStep.RECONCILIATION).Message.Should().Be("2 exceptions");
    }

    [Fact]
    public void Fail_WhileStepRunning_FailsThatStepAndCutsTheError()
    {
        var run = Start();
        run.Begin(CloseStep.SNAPSHOTS, 10, Now);

        run.Fail(new string('e', 2001), Now.AddSeconds(2));

        run.Status.Should().Be(CloseRunStatus.FAILED);
        run.Error.Should().HaveLength(CloseRun.ErrorMaxLength);
        run.FinishedAt.Should().Be(Now.AddSeconds(2));
        run.Step(CloseStep.SNAPSHOTS).Status.Should().Be(CloseStepStatus.FAILED);
    }

    [Fact]
    public void Fail_BeforeAnyStepRan_LeavesStepsPending()
    {
        var run = Start();

        run.Fail("connection lost", Now);

        run.Status.Should().Be(CloseRunStatus.FAILED);
        run.Error.Should().Be("connection lost");
        run.Steps.Should().OnlyContain(s => s.Status == CloseStepStatus.PENDING);
    }
}
