using System.Globalization;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using static BankOffice.Core.Tests.Collections.SeedPaymentPlan;

namespace BankOffice.Core.Tests.Collections;

public class PaymentPlanRulesTests
{
    private const string SumMismatchFormat = "The down payment plus the installments come to {0}, not the total {1} (difference {2}).";
    private const int GraceDays = 5;

    private static DateOnly Day(int month, int day) => new(2024, month, day);

    /// <summary>The seed plan with one part changed; amounts in the messages are formatted in the current culture, so pin it.</summary>
    private static IReadOnlyList<string> Problems(decimal total = Total, decimal downPayment = DownPayment, int? installments = null,
        DateOnly? startDate = null, IReadOnlyList<ScheduleLine>? schedule = null, DateOnly? today = null)
    {
        schedule ??= Schedule();
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return PaymentPlanRules.Problems(total, downPayment, installments ?? schedule.Count, startDate ?? StartDate, schedule, today ?? Today);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static IReadOnlyList<ScheduleLine> ScheduleWith(params decimal[] amounts) =>
        [.. Schedule().Zip(amounts, (line, amount) => line with { Amount = amount })];

    private static IReadOnlyList<ScheduleLine> ScheduleOn(params DateOnly[] dueDates) =>
        [.. Schedule().Zip(dueDates, (line, due) => line with { DueDate = due })];

    private static string SumMismatch(string scheduled, string total, string difference) => string.Format(CultureInfo.InvariantCulture, SumMismatchFormat, scheduled, total, difference);

    // ---- Problems ----

    [Fact]
    public void Problems_SeedExample_IsValid() => Problems().Should().BeEmpty();

    [Fact]
    public void Problems_StartDateToday_IsValid() => Problems(today: StartDate).Should().BeEmpty();

    [Fact]
    public void Problems_InstallmentsShortOfTotal_ReportsTheDifference() =>
        Problems(schedule: ScheduleWith(30_000m, 40_000m, 49_999.50m)).Should().Equal(SumMismatch("149999.50", "150000.00", "0.50"));

    [Fact]
    public void Problems_InstallmentsOverTotal_ReportsANegativeDifference() =>
        Problems(schedule: ScheduleWith(30_000m, 40_000m, 50_000.25m)).Should().Equal(SumMismatch("150000.25", "150000.00", "-0.25"));

    [Fact]
    public void Problems_CountDiffersFromSchedule_SaysBoth() =>
        Problems(installments: 4).Should().Equal("The schedule has 3 installment(s) but installments says 4.");

    [Fact]
    public void Problems_NoInstallments_IsRefusedAndTheSumIsShort() =>
        Problems(installments: 0, schedule: []).Should().Equal(
            "There are 1 to 60 installments.",
            SumMismatch("30000.00", "150000.00", "120000.00"));

    [Theory]
    [InlineData(2, 1, 3, 1)] // the second on the same day as the first
    [InlineData(3, 1, 2, 15)] // the third before the second
    public void Problems_DueDatesNotIncreasing_IsRefused(int secondMonth, int secondDay, int thirdMonth, int thirdDay) =>
        Problems(schedule: ScheduleOn(Day(2, 1), Day(secondMonth, secondDay), Day(thirdMonth, thirdDay)))
            .Should().Equal("Installment due dates are in increasing order, one per date.");

    [Fact]
    public void Problems_FirstDueBeforeStartDate_IsRefused() =>
        Problems(schedule: ScheduleOn(Day(1, 31), Day(3, 1), Day(4, 1))).Should().Equal("No installment is due before the start date.");

    [Fact]
    public void Problems_StartDateInThePast_IsRefused() =>
        Problems(today: Day(2, 2)).Should().Equal("The start date cannot be in the past.");

    [Fact]
    public void Problems_DownPaymentEqualToTotal_IsRefused() =>
        Problems(downPayment: Total).Should().Equal(
            "The down payment is zero or more and less than the total, with at most 2 decimals.",
            SumMismatch("270000.00", "150000.00", "-120000.00"));

    [Fact]
    public void Problems_InstallmentWithThreeDecimals_IsRefusedEvenWhenTheSumIsRight()
    {
        // 30,000.005 + 39,999.995 = 70,000: only the precision is wrong.
        Problems(schedule: ScheduleWith(30_000.005m, 39_999.995m, 50_000m)).Should().Equal("Every installment is greater than zero, with at most 2 decimals.");
    }

    [Fact]
    public void Problems_DownPaymentWithThreeDecimals_IsRefused() =>
        Problems(downPayment: 29_999.995m, schedule: ScheduleWith(30_000.005m, 40_000m, 50_000m)).Should().Equal(
            "The down payment is zero or more and less than the total, with at most 2 decimals.",
            "Every installment is greater than zero, with at most 2 decimals.");

    [Fact]
    public void Problems_NoDownPayment_IsValid() =>
        Problems(total: 120_000m, downPayment: 0m).Should().BeEmpty();

    // ---- Validate ----

    [Fact]
    public void Validate_SeedExample_DoesNotThrow()
    {
        var act = () => PaymentPlanRules.Validate(Total, DownPayment, 3, StartDate, Schedule(), Today);

        act.Should().NotThrow();
    }

    [Fact]
    public void Validate_InvalidPlan_ThrowsInvalidScheduleWithEveryProblem()
    {
        var act = () => PaymentPlanRules.Validate(Total, DownPayment, 4, StartDate, Schedule(), Day(2, 2));

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Code.Should().Be("INVALID_PAYMENT_SCHEDULE");
        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Details["problems"].Should().BeAssignableTo<IReadOnlyList<string>>().Which.Should().Equal(
            "The start date cannot be in the past.",
            "The schedule has 3 installment(s) but installments says 4.");
        refusal.Message.Should().Be("The start date cannot be in the past. The schedule has 3 installment(s) but installments says 4.");
    }

    // ---- Evaluate ----

    private static PlanProgress Evaluate(decimal paid, DateOnly today, int graceDays = GraceDays) =>
        PaymentPlanRules.Evaluate([.. Installments().Reverse()], paid, today, graceDays);

    private static IEnumerable<(int, decimal, InstallmentStatus)> Lines(PlanProgress progress) =>
        progress.Installments.Select(i => (i.Sequence, i.Paid, i.Status));

    [Fact]
    public void Evaluate_NothingPaidBeforeAnyDueDate_AllPending()
    {
        var progress = Evaluate(0m, Day(1, 25));

        Lines(progress).Should().Equal((0, 0m, InstallmentStatus.PENDING), (1, 0m, InstallmentStatus.PENDING), (2, 0m, InstallmentStatus.PENDING), (3, 0m, InstallmentStatus.PENDING));
        (progress.Status, progress.Paid, progress.Remaining).Should().Be((PlanStatus.ACTIVE, 0m, 150_000m));
    }

    [Fact]
    public void Evaluate_PaymentGivenOutOfOrder_GoesToDownPaymentFirstThenInSequence()
    {
        // 45,000 on the start date: 30,000 down payment, 15,000 towards installment 1, nothing after.
        var progress = Evaluate(45_000m, Day(2, 1));

        Lines(progress).Should().Equal((0, 30_000m, InstallmentStatus.PAID), (1, 15_000m, InstallmentStatus.PARTIAL), (2, 0m, InstallmentStatus.PENDING), (3, 0m, InstallmentStatus.PENDING));
        progress.Installments[0].IsDownPayment.Should().BeTrue();
        progress.Installments[1].IsDownPayment.Should().BeFalse();
        (progress.Status, progress.Paid, progress.Remaining).Should().Be((PlanStatus.ACTIVE, 45_000m, 105_000m));
    }

    [Fact]
    public void Evaluate_ShortOnTheLastGraceDay_IsNotMissedYet()
    {
        // Due 1 February + 5 grace days = 6 February.
        var progress = Evaluate(45_000m, Day(2, 6));

        progress.Installments[1].Status.Should().Be(InstallmentStatus.PARTIAL);
        progress.Status.Should().Be(PlanStatus.ACTIVE);
    }

    [Fact]
    public void Evaluate_ShortTheDayAfterGrace_IsMissedAndBreachesThePlan()
    {
        var progress = Evaluate(45_000m, Day(2, 7));

        Lines(progress).Should().Equal((0, 30_000m, InstallmentStatus.PAID), (1, 15_000m, InstallmentStatus.MISSED), (2, 0m, InstallmentStatus.PENDING), (3, 0m, InstallmentStatus.PENDING));
        progress.Status.Should().Be(PlanStatus.BREACHED);
    }

    [Fact]
    public void Evaluate_NoGraceDays_MissedTheDayAfterDue()
    {
        Evaluate(60_000m, Day(3, 2), graceDays: 0).Installments[2].Status.Should().Be(InstallmentStatus.MISSED);
        Evaluate(60_000m, Day(3, 1), graceDays: 0).Installments[2].Status.Should().Be(InstallmentStatus.PENDING);
    }

    [Fact]
    public void Evaluate_FullyPaid_IsCompletedEvenAfterTheLastDueDate()
    {
        var progress = Evaluate(150_000m, Day(5, 1));

        progress.Installments.Should().OnlyContain(i => i.Status == InstallmentStatus.PAID && i.Paid == i.Amount);
        (progress.Status, progress.Paid, progress.Remaining).Should().Be((PlanStatus.COMPLETED, 150_000m, 0m));
    }

    [Fact]
    public void Evaluate_Overpaid_PaidIsCappedAtTheTotal()
    {
        var progress = Evaluate(160_000m, Day(4, 1));

        (progress.Status, progress.Paid, progress.Remaining).Should().Be((PlanStatus.COMPLETED, 150_000m, 0m));
    }
}
