using System.Net;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Collections;

/// <summary>Promises to pay (kept or broken by the sweep on the test clock) and payment plans (schedule, progress, breach).</summary>
public sealed class PromiseAndPlanTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task RecordActivity_PromiseWithoutDateOrAmount_Returns400AndRecordsNothing()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 10_000m, daysAgo: 40);

        using var noDate = await RecordActivityAsync(Staff.Collector, Activity(customerId, ActivityOutcome.PROMISE_TO_PAY, promiseAmount: 1_000m));
        using var noAmount = await RecordActivityAsync(Staff.Collector, Activity(customerId, ActivityOutcome.PROMISE_TO_PAY, Today.AddDays(5)));
        using var amountWithoutPromise = await RecordActivityAsync(Staff.Collector, Activity(customerId, ActivityOutcome.CONTACTED, promiseAmount: 1_000m));

        await noDate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await noAmount.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await amountWithoutPromise.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        var position = await CollectionsCustomerAsync(customerId);
        position.Timeline.Should().BeEmpty();
        position.OpenPromise.Should().BeNull();
        (await QueueItemAsync(customerId))!.Status.Should().Be(CaseStatus.PENDING);
    }

    [Fact]
    public async Task Promise_PaidBeforeThePromiseDate_IsKeptAndTheCaseIsBackInProgress()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 10_000m, daysAgo: 40);

        var activity = await PromiseAsync(customerId, 4_000m, Today.AddDays(5));

        activity.CaseStatus.Should().Be(CaseStatus.PROMISED);
        (activity.Promise!.Status, activity.Promise.Amount, activity.Promise.PromiseDate, activity.Promise.MadeOn).Should().Be((PromiseStatus.OPEN, 4_000m, Today.AddDays(5), Today));
        var promised = (await QueueItemAsync(customerId))!;
        (promised.Status, promised.AssignedTo, promised.OpenPromise!.PromiseId, promised.OpenPromise.Amount).Should().Be((CaseStatus.PROMISED, Staff.CollectorEmail, activity.Promise.PromiseId, 4_000m));
        (await QueueAsync("status=PROMISED")).Select(i => i.CustomerId).Should().Contain(customerId);

        await PayAsync(customerId, 4_000m);
        await SweepAsync(customerId);

        var promise = await Factory.WithDbAsync(db => db.PromisesToPay.AsNoTracking().SingleAsync(p => p.Id == activity.Promise.PromiseId));
        (promise.Status, promise.PaidAmount).Should().Be((PromiseStatus.KEPT, 4_000m));
        var item = (await QueueItemAsync(customerId))!;
        (item.Status, item.OpenPromise, item.BrokenPromises, item.OverdueAmount).Should().Be((CaseStatus.IN_PROGRESS, (PromiseDto?)null, 0, 6_000m));
        (await CollectionsCustomerAsync(customerId)).Timeline.Select(e => e.Kind).Should().Contain("PROMISE_KEPT");
    }

    [Fact]
    public async Task Promise_NotPaidByItsDate_IsBrokenBySweepAndRaisesThePriorityBy15()
    {
        var customerId = await CustomerWithAccountAsync(risk: "A");
        await InvoiceAsync(customerId, 10_000m, daysAgo: 38); // 8 days: 20 (≥10,000) + 10 (8–15) + 0 (A) = 30 → LOW
        await PromiseAsync(customerId, 5_000m, Today.AddDays(2));
        var before = (await QueueItemAsync(customerId))!;
        (before.PriorityScore, before.Priority).Should().Be((30, Priority.LOW));

        Clock.AdvanceDays(2);
        (await SweepAsync(customerId)).PromisesBroken.Should().Be(0, "the promise date is today: still open");
        Clock.AdvanceDays(1);
        var sweep = await SweepAsync(customerId);

        sweep.PromisesBroken.Should().Be(1);
        var after = (await QueueItemAsync(customerId))!;
        (after.Status, after.OpenPromise, after.BrokenPromises, after.DaysOverdue).Should().Be((CaseStatus.IN_PROGRESS, (PromiseDto?)null, 1, 11));
        after.ScoreBreakdown.Should().Be(new PriorityScore(20, 10, 0, 15, 0));
        (after.PriorityScore, after.Priority).Should().Be((45, Priority.MEDIUM));
        (await CollectionsCustomerAsync(customerId)).Timeline.Select(e => e.Kind).Should().Contain("PROMISE_BROKEN");
    }

    [Fact]
    public async Task CreatePlan_SeedShape_ScheduleWithDownPaymentFollowsPaymentsAndAMissedInstallmentBreachesIt()
    {
        var customerId = await CustomerWithAccountAsync(200_000m);
        await InvoiceAsync(customerId, 150_000m, daysAgo: 45); // 15 days past due

        // Seed 003's example: 30,000 down + 30,000 + 40,000 + 50,000 = 150,000.
        using var response = await CreatePlanAsync(PlanBody(customerId, 150_000m, 30_000m, [(0, 30_000m), (30, 40_000m), (60, 50_000m)]));

        var plan = await response.ReadAsync<PaymentPlanDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{PaymentPlans}/{plan.PlanId}");
        plan.PlanNumber.Should().MatchRegex($@"^PP-{Today.Year}-\d{{6}}$");
        (plan.Status, plan.TotalAmount, plan.DownPayment, plan.Installments, plan.StartDate, plan.AgreedOn, plan.Paid, plan.Remaining, plan.CreatedBy)
            .Should().Be((PlanStatus.ACTIVE, 150_000m, 30_000m, 3, Today, Today, 0m, 150_000m, Staff.CollectorEmail));
        plan.Schedule.Should().Equal(
            new InstallmentDto(0, Today, 30_000m, 0m, InstallmentStatus.PENDING, true),
            new InstallmentDto(1, Today, 30_000m, 0m, InstallmentStatus.PENDING, false),
            new InstallmentDto(2, Today.AddDays(30), 40_000m, 0m, InstallmentStatus.PENDING, false),
            new InstallmentDto(3, Today.AddDays(60), 50_000m, 0m, InstallmentStatus.PENDING, false));
        (await QueueItemAsync(customerId)).Should().BeNull();

        using var second = await CreatePlanAsync(PlanBody(customerId, 10_000m, 0m, [(30, 10_000m)]));
        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, CollectionsErrors.PlanExists);

        await PayAsync(customerId, 45_000m);

        var paying = await Staff.Collector.GetOkAsync<PaymentPlanDto>($"{PaymentPlans}/{plan.PlanId}");
        (paying.Status, paying.Paid, paying.Remaining).Should().Be((PlanStatus.ACTIVE, 45_000m, 105_000m));
        paying.Schedule.Select(i => (i.Sequence, i.Paid, i.Status)).Should().Equal(
            (0, 30_000m, InstallmentStatus.PAID), (1, 15_000m, InstallmentStatus.PARTIAL), (2, 0m, InstallmentStatus.PENDING), (3, 0m, InstallmentStatus.PENDING));

        Clock.AdvanceDays(1);
        var sweep = await SweepAsync(customerId);

        sweep.PlansBreached.Should().Be(1);
        var breached = await Staff.Collector.GetOkAsync<PaymentPlanDto>($"{PaymentPlans}/{plan.PlanId}");
        breached.Status.Should().Be(PlanStatus.BREACHED);
        breached.Schedule[1].Status.Should().Be(InstallmentStatus.MISSED);
        // Back in the queue: 105,000 overdue 16 days: 40 (≥100,000) + 15 (16–30) + 5 (B) + 20 (plan breached) = 80 → HIGH.
        var item = (await QueueItemAsync(customerId))!;
        item.Should().NotBeNull();
        (item.OverdueAmount, item.DaysOverdue).Should().Be((105_000m, 16));
        item.ScoreBreakdown.Should().Be(new PriorityScore(40, 15, 5, 0, CollectionPriority.PlanBreachPoints));
        (item.PriorityScore, item.Priority).Should().Be((80, Priority.HIGH));
        var position = await CollectionsCustomerAsync(customerId);
        position.ActivePlan.Should().BeNull();
        position.Case.PlanBreachedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task CreatePlan_NotAddingUpOrAboveWhatIsOwed_Returns400WithTheProblemsAndCreatesNothing()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 10_000m, daysAgo: 40);

        using var notAddingUp = await CreatePlanAsync(PlanBody(customerId, 10_000m, 2_000m, [(30, 4_000m), (60, 3_000m)], installments: 3));
        using var tooMuch = await CreatePlanAsync(PlanBody(customerId, 12_000m, 2_000m, [(30, 5_000m), (60, 5_000m)]));

        var problem = await notAddingUp.ShouldBeProblemAsync(HttpStatusCode.BadRequest, CollectionsErrors.InvalidSchedule);
        problem.GetProperty("details").GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().Equal(
            "The schedule has 2 installment(s) but installments says 3.",
            "The down payment plus the installments come to 9000.00, not the total 10000.00 (difference 1000.00).");
        var exceeds = await tooMuch.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "PLAN_EXCEEDS_BALANCE");
        exceeds.GetProperty("details").GetProperty("currentBalance").GetDecimal().Should().Be(10_000m);
        (await Staff.Collector.GetOkAsync<PagedResult<PaymentPlanDto>>($"{PaymentPlans}?customerId={customerId}")).Data.Should().BeEmpty();
        (await QueueItemAsync(customerId)).Should().NotBeNull();
    }
}
