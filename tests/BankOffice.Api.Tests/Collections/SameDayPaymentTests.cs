using BankOffice.Core.Collections;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Collections;

/// <summary>
/// A payment recorded before a promise or plan was agreed (earlier the same day) already lowered
/// what the customer owes, so it must not count again towards that promise or plan.
/// </summary>
public sealed class SameDayPaymentTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task Promise_PaymentRecordedBeforeThePromiseTheSameDay_DoesNotKeepIt()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 10_000m, daysAgo: 40);
        await PayAsync(customerId, 4_000m);
        await PromiseAsync(customerId, 4_000m, Today.AddDays(5));

        var sweep = await SweepAsync(customerId);

        sweep.PromisesKept.Should().Be(0, "nothing was paid since the promise was given");
        var item = (await QueueItemAsync(customerId))!;
        (item.Status, item.OpenPromise?.Amount, item.OverdueAmount).Should().Be((CaseStatus.PROMISED, 4_000m, 6_000m));
    }

    [Fact]
    public async Task PaymentPlan_PaymentRecordedBeforeThePlanTheSameDay_DoesNotCountTowardsIt()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 20_000m, daysAgo: 40);
        await PayAsync(customerId, 5_000m);

        // The plan covers the 15,000 still owed after that payment.
        var plan = await PlanAsync(customerId, 15_000m, 5_000m, (30, 5_000m), (60, 5_000m));

        (plan.Paid, plan.Remaining).Should().Be((0m, 15_000m));
        plan.Schedule[0].Status.Should().Be(InstallmentStatus.PENDING, "the down payment has not been paid");

        await PayAsync(customerId, 10_000m);

        var after = await Staff.Collector.GetOkAsync<PaymentPlanDto>($"{PaymentPlans}/{plan.PlanId}");
        (after.Status, after.Paid, after.Remaining).Should().Be((PlanStatus.ACTIVE, 10_000m, 5_000m), "the customer still owes 5,000 of the plan");
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(5_000m);
    }
}
