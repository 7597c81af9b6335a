using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Collections;

/// <summary>Escalation with its collection.escalated event, a customer's collections timeline, and who may see and do what.</summary>
public sealed class EscalationTimelineAndAccessTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task Escalate_ToLegal_Returns201WithTheOverdueAmountRecordsTheEventAndRefusesTheSameLevelAgain()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 7_500.50m, daysAgo: 40);
        await InvoiceAsync(customerId, 1_000m); // not due: not part of the overdue amount

        using var response = await EscalateAsync(customerId, EscalationLevel.LEGAL);

        var escalation = await response.ReadAsync<EscalationDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/collections/customers/{customerId}");
        (escalation.CustomerId, escalation.EscalationLevel, escalation.OverdueAmount, escalation.EscalatedBy, escalation.Reason)
            .Should().Be((customerId, EscalationLevel.LEGAL, 7_500.50m, Staff.CollectorEmail, "No answer to three letters"));
        var item = (await QueueItemAsync(customerId))!;
        (item.Status, item.EscalationLevel, item.OverdueAmount).Should().Be((CaseStatus.ESCALATED, EscalationLevel.LEGAL, 7_500.50m));
        (await QueueAsync("status=ESCALATED")).Select(i => i.CustomerId).Should().Contain(customerId);

        using var again = await EscalateAsync(customerId, EscalationLevel.LEGAL);
        using var lower = await EscalateAsync(customerId, EscalationLevel.MANAGER);

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, CollectionsErrors.AlreadyEscalated);
        await lower.ShouldBeProblemAsync(HttpStatusCode.Conflict, CollectionsErrors.AlreadyEscalated);
        var escalated = (await OutboxAsync(EventTypes.CollectionEscalated, customerId)).Should().ContainSingle().Subject;
        escalated.GetProperty("customerId").GetString().Should().Be(customerId);
        escalated.GetProperty("escalationLevel").GetString().Should().Be("LEGAL");
        escalated.GetProperty("overdueAmount").GetDecimal().Should().Be(7_500.50m);
    }

    [Fact]
    public async Task Escalate_NothingOverdue_Returns400NothingOverdueAndRecordsNoEvent()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 5_000m);

        using var response = await EscalateAsync(customerId, EscalationLevel.MANAGER);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, CollectionsErrors.NothingOverdue);
        (await OutboxAsync(EventTypes.CollectionEscalated, customerId)).Should().BeEmpty();
        (await CollectionsCustomerAsync(customerId)).Case.EscalationLevel.Should().BeNull();
    }

    [Fact]
    public async Task CustomerTimeline_ListsActivityPaymentPromisePlanAndEscalationNewestFirst()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 20_000m, daysAgo: 40);
        await PromiseAsync(customerId, 5_000m, Today.AddDays(7));
        var payment = await PayAsync(customerId, 5_000m);
        var plan = await PlanAsync(customerId, 15_000m, 5_000m, (30, 5_000m), (60, 5_000m));
        (await EscalateAsync(customerId, EscalationLevel.MANAGER)).EnsureSuccessStatusCode();

        var position = await CollectionsCustomerAsync(customerId);

        position.Timeline.Select(e => (e.Kind, e.Amount, e.By, e.Reference)).Should().Equal(
            ("ESCALATION", 15_000m, Staff.CollectorEmail, (string?)null),
            ("PLAN_CREATED", 15_000m, Staff.CollectorEmail, plan.PlanNumber),
            ("PROMISE_KEPT", 5_000m, (string?)null, (string?)null),
            ("PAYMENT", 5_000m, Staff.TellerEmail, payment.PaymentNumber),
            ("ACTIVITY", 5_000m, Staff.CollectorEmail, (string?)null));
        position.Timeline.Select(e => e.At).Should().BeInDescendingOrder();
        (position.TotalBalance, position.OverdueAmount).Should().Be((15_000m, 15_000m));
        position.ActivePlan!.PlanId.Should().Be(plan.PlanId);
        (position.Case.Status, position.Case.EscalationLevel).Should().Be((CaseStatus.ESCALATED, EscalationLevel.MANAGER));
    }

    [Fact]
    public async Task Collections_TellerAndCustomer_CannotWorkTheQueueButACustomerReadsOnlyTheirOwnPlans()
    {
        var (customerId, customer) = await CustomerWithLoginAsync();
        await InvoiceAsync(customerId, 10_000m, daysAgo: 40);
        var ownPlan = await PlanAsync(customerId, 10_000m, 0m, (30, 10_000m));
        var otherId = await CustomerWithAccountAsync();
        await InvoiceAsync(otherId, 10_000m, daysAgo: 40);
        var otherPlan = await PlanAsync(otherId, 10_000m, 0m, (30, 10_000m));

        using var tellerQueue = await Staff.Teller.GetAsync(Queue);
        using var customerQueue = await customer.GetAsync(Queue);
        using var ownCollections = await customer.GetAsync($"/api/v1/collections/customers/{customerId}");
        using var activity = await customer.PostAsJsonAsync(Activities, Activity(customerId, ActivityOutcome.CONTACTED), ApiFactory.Json);
        using var otherPlanRead = await customer.GetAsync($"{PaymentPlans}/{otherPlan.PlanId}");

        await tellerQueue.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await customerQueue.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ownCollections.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await activity.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await otherPlanRead.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await customer.GetOkAsync<PagedResult<PaymentPlanDto>>(PaymentPlans)).Data.Select(p => p.PlanId).Should().Equal(ownPlan.PlanId);
        (await customer.GetOkAsync<PagedResult<PaymentPlanDto>>($"{PaymentPlans}?customerId={otherId}")).Data.Should().BeEmpty();
        (await customer.GetOkAsync<PaymentPlanDto>($"{PaymentPlans}/{ownPlan.PlanNumber}")).Should().BeEquivalentTo(ownPlan);
        (await CollectionsCustomerAsync(customerId)).Timeline.Select(e => e.Kind).Should().Equal("PLAN_CREATED");
    }

    private Task<HttpResponseMessage> EscalateAsync(string customerId, EscalationLevel level) =>
        Staff.Collector.PostAsJsonAsync($"/api/v1/collections/cases/{customerId}/escalate", new { escalationLevel = level, reason = "No answer to three letters" }, ApiFactory.Json);
}
