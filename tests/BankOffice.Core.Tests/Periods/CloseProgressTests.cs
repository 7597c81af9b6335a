using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class CloseProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static CloseRun Start(bool includeAccruals = true, bool runProvision = true) =>
        CloseRun.Start(Guid.NewGuid(), AccountingPeriod.Create(new PeriodKey(2026, 10), 5), new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero),
            includeAccruals, runProvision, "manager", "admin", Now);

    private static void Finish(CloseRun run, params CloseStep[] steps)
    {
        foreach (var step in steps)
        {
            run.Begin(step, 1, Now);
            run.Complete(step, "done", Now);
        }
    }

    private static CloseRunStep Step(CloseStep step, CloseStepStatus status) => new(Guid.Empty, step, status);

    [Fact]
    public void Weights_AreEachStepsShareAndSumToHundred()
    {
        CloseProgress.Weights.Should().Equal(new Dictionary<CloseStep, int>
        {
            [CloseStep.CUTOFF] = 5,
            [CloseStep.INTEREST] = 30,
            [CloseStep.PROVISION] = 10,
            [CloseStep.RECONCILIATION] = 20,
            [CloseStep.SNAPSHOTS] = 15,
            [CloseStep.STATEMENTS] = 15,
            [CloseStep.FINALIZE] = 5,
        });
        CloseProgress.Weights.Values.Sum().Should().Be(100);
    }

    [Fact]
    public void Of_NoSteps_IsZero() => CloseProgress.Of([]).Should().Be(0);

    [Fact]
    public void Of_AllPending_IsZero() =>
        CloseProgress.Of(Enum.GetValues<CloseStep>().Select(s => Step(s, CloseStepStatus.PENDING))).Should().Be(0);

    [Fact]
    public void Of_AllDoneOrSkipped_IsHundred()
    {
        var steps = Enum.GetValues<CloseStep>()
            .Select(s => Step(s, s is CloseStep.INTEREST or CloseStep.PROVISION ? CloseStepStatus.SKIPPED : CloseStepStatus.DONE));

        CloseProgress.Of(steps).Should().Be(100);
    }

    [Fact]
    public void Of_AllButOnePending_IsNotHundred()
    {
        // Every weight but FINALIZE's: 100 - 5 = 95.
        var steps = Enum.GetValues<CloseStep>()
            .Select(s => Step(s, s == CloseStep.FINALIZE ? CloseStepStatus.PENDING : CloseStepStatus.DONE));

        CloseProgress.Of(steps).Should().Be(95);
    }

    [Fact]
    public void Of_FailedStep_CountsNothing()
    {
        // CUTOFF 5 + INTEREST 30 + PROVISION 10 = 45; the failed RECONCILIATION adds nothing.
        var steps = new[]
        {
            Step(CloseStep.CUTOFF, CloseStepStatus.DONE), Step(CloseStep.INTEREST, CloseStepStatus.DONE), Step(CloseStep.PROVISION, CloseStepStatus.DONE),
            Step(CloseStep.RECONCILIATION, CloseStepStatus.FAILED), Step(CloseStep.SNAPSHOTS, CloseStepStatus.PENDING),
        };

        CloseProgress.Of(steps).Should().Be(45);
    }

    [Fact]
    public void Begin_FirstStepNothingProcessed_IsZero()
    {
        var run = Start();

        run.Begin(CloseStep.CUTOFF, 1, Now);

        run.Progress.Should().Be(0);
    }

    [Fact]
    public void Complete_Cutoff_IsItsWeight()
    {
        var run = Start();

        Finish(run, CloseStep.CUTOFF);

        run.Progress.Should().Be(5);
    }

    [Fact]
    public void Begin_WithSkippedSteps_CountsThemAsFinished()
    {
        // INTEREST 30 + PROVISION 10 skipped = 40 before anything ran.
        var run = Start(includeAccruals: false, runProvision: false);

        run.Begin(CloseStep.CUTOFF, 1, Now);

        run.Progress.Should().Be(40);
    }

    [Theory]
    [InlineData(1, 2, 20)] // 5 + 30 * 1/2 = 20
    [InlineData(1, 5, 11)] // 5 + 30 * 1/5 = 11
    [InlineData(3, 4, 27)] // 5 + 30 * 3/4 = 27.5, floored (rounding would say 28)
    [InlineData(1, 7, 9)] // 5 + 30 * 1/7 = 9.29, floored
    [InlineData(0, 4, 5)] // nothing processed yet
    [InlineData(4, 4, 35)] // all processed: the full weight, still running
    [InlineData(9, 4, 35)] // more than the total counts as the full weight, never more
    public void Advance_RunningStep_CountsByProcessedShare(long processed, long total, int expected)
    {
        var run = Start();
        Finish(run, CloseStep.CUTOFF);
        run.Begin(CloseStep.INTEREST, total, Now);

        run.Advance(CloseStep.INTEREST, processed);

        run.Progress.Should().Be(expected);
    }

    [Fact]
    public void Begin_RunningStepWithZeroTotal_CountsNothingForIt()
    {
        var run = Start();
        Finish(run, CloseStep.CUTOFF);

        run.Begin(CloseStep.INTEREST, 0, Now);

        run.Progress.Should().Be(5);
    }

    [Fact]
    public void Advance_LastStepFullyProcessedButRunning_IsCappedAtNinetyNine()
    {
        // 95 finished + FINALIZE 5 * 1/1 = 100, but the run is not over until FINALIZE is done.
        var run = Start();
        Finish(run, CloseStep.CUTOFF, CloseStep.INTEREST, CloseStep.PROVISION, CloseStep.RECONCILIATION, CloseStep.SNAPSHOTS, CloseStep.STATEMENTS);
        run.Begin(CloseStep.FINALIZE, 1, Now);

        run.Advance(CloseStep.FINALIZE, 1);

        run.Progress.Should().Be(99);
    }

    [Fact]
    public void Complete_LastStep_IsHundred()
    {
        var run = Start();

        Finish(run, Enum.GetValues<CloseStep>());

        run.Progress.Should().Be(100);
    }

    [Fact]
    public void Complete_LastStepWithSkippedSteps_IsHundred()
    {
        var run = Start(includeAccruals: false, runProvision: false);

        Finish(run, CloseStep.CUTOFF, CloseStep.RECONCILIATION, CloseStep.SNAPSHOTS, CloseStep.STATEMENTS, CloseStep.FINALIZE);

        run.Progress.Should().Be(100);
    }

    [Fact]
    public void Of_InterestAThirdDone_CountsTheFullThirdOfItsWeight()
    {
        // CUTOFF 5 + a third of INTEREST's 30 (10) = 15, not 14: dividing first gives 9.999... points.
        var run = Start();
        Finish(run, CloseStep.CUTOFF);
        run.Begin(CloseStep.INTEREST, 3, Now);
        run.Advance(CloseStep.INTEREST, 1);

        run.Progress.Should().Be(15);
    }

    [Fact]
    public void Advance_PastTheTotal_StopsAtTheTotal()
    {
        var run = Start();
        run.Begin(CloseStep.INTEREST, 4, Now);

        run.Advance(CloseStep.INTEREST, 5);

        run.Step(CloseStep.INTEREST).Processed.Should().Be(4);
    }
}
