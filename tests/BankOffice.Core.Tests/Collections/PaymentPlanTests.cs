using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using static BankOffice.Core.Tests.Collections.SeedPaymentPlan;

namespace BankOffice.Core.Tests.Collections;

public class PaymentPlanTests
{
    private static readonly Guid PlanId = Guid.Parse("5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716");
    private static readonly DateTimeOffset CreatedAt = new(2024, 1, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ResolvedAt = new(2024, 4, 2, 8, 0, 0, TimeSpan.Zero);

    private static PaymentPlan Create(decimal total = Total, decimal downPayment = DownPayment, string? notes = null) =>
        PaymentPlan.Create(PlanId, "PP-2024-000001", "C001234", Currency.TRY, total, downPayment, StartDate, Schedule(), notes, Today, "collector.can", CreatedAt);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Fact]
    public void FormatNumber_YearAndSequence_PadsToSixDigits() => PaymentPlan.FormatNumber(2024, 12).Should().Be("PP-2024-000012");

    [Fact]
    public void Create_SeedExample_DownPaymentIsSequenceZeroDueOnTheStartDate()
    {
        var plan = Create(notes: "  Agreed by phone ");

        plan.Installments.Select(i => (i.PlanId, i.Sequence, i.DueDate, i.Amount)).Should().Equal(
            (PlanId, 0, new DateOnly(2024, 2, 1), 30_000m),
            (PlanId, 1, new DateOnly(2024, 2, 1), 30_000m),
            (PlanId, 2, new DateOnly(2024, 3, 1), 40_000m),
            (PlanId, 3, new DateOnly(2024, 4, 1), 50_000m));
        plan.InstallmentCount.Should().Be(3);
        plan.Status.Should().Be(PlanStatus.ACTIVE);
        plan.AgreedOn.Should().Be(Today);
        plan.Notes.Should().Be("Agreed by phone");
        plan.ResolvedAt.Should().BeNull();
    }

    [Fact]
    public void Create_NoDownPayment_HasNoSequenceZero()
    {
        var plan = Create(total: 120_000m, downPayment: 0m, notes: "  ");

        plan.Installments.Select(i => i.Sequence).Should().Equal(1, 2, 3);
        plan.Notes.Should().BeNull();
    }

    [Fact]
    public void Create_ScheduleNotAddingUp_IsRefusedAsInvalidSchedule() =>
        Refusal(() => Create(total: 150_000.01m)).Code.Should().Be("INVALID_PAYMENT_SCHEDULE");

    [Fact]
    public void Progress_PartPaid_EvaluatesTheStoredInstallments()
    {
        // 45,000 by 7 February with 5 grace days: installment 1 (due 1 February) is 15,000 short and missed.
        var progress = Create().Progress(45_000m, new DateOnly(2024, 2, 7), 5);

        progress.Installments.Select(i => i.Status).Should().Equal(InstallmentStatus.PAID, InstallmentStatus.MISSED, InstallmentStatus.PENDING, InstallmentStatus.PENDING);
        (progress.Status, progress.Remaining).Should().Be((PlanStatus.BREACHED, 105_000m));
    }

    // ---- Settle / Cancel ----

    [Theory]
    [InlineData(PlanStatus.COMPLETED)]
    [InlineData(PlanStatus.BREACHED)]
    public void Settle_Active_RecordsTheOutcome(PlanStatus outcome)
    {
        var plan = Create();

        plan.Settle(outcome, ResolvedAt).Should().BeTrue();

        plan.Status.Should().Be(outcome);
        plan.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Fact]
    public void Settle_AlreadySettled_ChangesNothing()
    {
        var plan = Create();
        plan.Settle(PlanStatus.BREACHED, ResolvedAt);

        plan.Settle(PlanStatus.COMPLETED, ResolvedAt.AddDays(1)).Should().BeFalse();

        plan.Status.Should().Be(PlanStatus.BREACHED);
        plan.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Theory]
    [InlineData(PlanStatus.ACTIVE)]
    [InlineData(PlanStatus.CANCELLED)] // cancelling needs who and why: Cancel
    public void Settle_ToActiveOrCancelled_ChangesNothing(PlanStatus status)
    {
        var plan = Create();

        plan.Settle(status, ResolvedAt).Should().BeFalse();

        plan.Status.Should().Be(PlanStatus.ACTIVE);
        plan.ResolvedAt.Should().BeNull();
    }

    [Fact]
    public void Cancel_Active_RecordsWhoAndWhy()
    {
        var plan = Create();

        plan.Cancel("manager.selin", "  Customer disputes the debt ", ResolvedAt);

        plan.Status.Should().Be(PlanStatus.CANCELLED);
        plan.CancelledBy.Should().Be("manager.selin");
        plan.CancelReason.Should().Be("Customer disputes the debt");
        plan.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Fact]
    public void Cancel_Completed_IsConflict()
    {
        var plan = Create();
        plan.Settle(PlanStatus.COMPLETED, ResolvedAt);

        var refusal = Refusal(() => plan.Cancel("manager.selin", "Too late", ResolvedAt.AddDays(1)));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be(ErrorCodes.Conflict);
        plan.Status.Should().Be(PlanStatus.COMPLETED);
        plan.CancelledBy.Should().BeNull();
    }

    [Fact]
    public void Cancel_Twice_IsConflict()
    {
        var plan = Create();
        plan.Cancel("manager.selin", "Replaced", ResolvedAt);

        Refusal(() => plan.Cancel("manager.okan", "Again", ResolvedAt.AddDays(1))).Code.Should().Be(ErrorCodes.Conflict);
        plan.CancelledBy.Should().Be("manager.selin");
    }
}
