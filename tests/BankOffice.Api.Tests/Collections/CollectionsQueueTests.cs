using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Collections;

/// <summary>Seed 003's collections queue: who is in it, age group and priority, filters and order; claiming and assigning cases.</summary>
public sealed class CollectionsQueueTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task Queue_OnlyCustomersWithMoneyPastDueAndNoActivePlan()
    {
        // NET30: an invoice dated 40 days ago is 10 days past due; one dated 30 days ago is due today.
        var late = await CustomerWithAccountAsync();
        await InvoiceAsync(late, 5_000m, daysAgo: 40);
        var current = await CustomerWithAccountAsync();
        await InvoiceAsync(current, 5_000m);
        await InvoiceAsync(current, 5_000m, daysAgo: 30);
        var onPlan = await CustomerWithAccountAsync();
        await InvoiceAsync(onPlan, 5_000m, daysAgo: 40);
        (await QueueItemAsync(onPlan)).Should().NotBeNull();

        await PlanAsync(onPlan, 5_000m, 1_000m, (30, 2_000m), (60, 2_000m));

        var item = (await QueueItemAsync(late))!;
        item.Should().NotBeNull();
        (item.OverdueAmount, item.DaysOverdue, item.Status, item.AssignedTo).Should().Be((5_000m, 10, CaseStatus.PENDING, (string?)null));
        (await QueueItemAsync(current)).Should().BeNull();
        (await QueueItemAsync(onPlan)).Should().BeNull();
    }

    [Fact]
    public async Task Queue_DisputingTheWholeOverdueInvoice_RemovesTheCustomerAndResolvingBringsThemBack()
    {
        var customerId = await CustomerWithAccountAsync();
        var invoice = await InvoiceAsync(customerId, 5_000m, daysAgo: 40);

        var part = await RaiseDisputeAsync(invoice.InvoiceId, 2_000m);

        (part.Status, part.Amount, part.InvoiceNumber, part.RaisedBy).Should().Be((DisputeStatus.OPEN, 2_000m, invoice.InvoiceNumber, Staff.CollectorEmail));
        var partly = (await QueueItemAsync(customerId))!;
        (partly.OverdueAmount, partly.DisputedAmount, partly.TotalBalance).Should().Be((3_000m, 2_000m, 5_000m));

        var rest = await RaiseDisputeAsync(invoice.InvoiceId, 3_000m);

        (await QueueItemAsync(customerId)).Should().BeNull();
        var position = await CollectionsCustomerAsync(customerId);
        (position.OverdueAmount, position.DisputedAmount, position.TotalBalance, position.AgeGroup).Should().Be((0m, 5_000m, 5_000m, (string?)null));

        using var resolve = await Staff.Collector.PostAsJsonAsync($"/api/v1/disputes/{rest.DisputeId}/resolve", new { resolution = "Goods were delivered; signed note found" }, ApiFactory.Json);

        var resolved = await resolve.ReadAsync<InvoiceDisputeDto>(HttpStatusCode.OK);
        (resolved.Status, resolved.ResolvedBy).Should().Be((DisputeStatus.RESOLVED, Staff.CollectorEmail));
        var back = (await QueueItemAsync(customerId))!;
        back.Should().NotBeNull();
        (back.OverdueAmount, back.DisputedAmount, back.DaysOverdue).Should().Be((3_000m, 2_000m, 10));
    }

    [Fact]
    public async Task Queue_PagesBeyondTheFirst_KeepTheOrderAndTheTotal()
    {
        // Larger than anything the other tests of this class invoice, so these three lead the amount order.
        var customers = new List<string>();
        foreach (var amount in new[] { 3_000_000m, 2_000_000m, 1_000_000m })
        {
            var customerId = await CustomerWithAccountAsync(creditLimit: 5_000_000m);
            await InvoiceAsync(customerId, amount, daysAgo: 40);
            customers.Add(customerId);
        }

        var first = await Staff.Collector.GetOkAsync<PagedResult<QueueItemDto>>($"{Queue}?sortBy=amount&sortOrder=desc&size=2&page=1");
        var second = await Staff.Collector.GetOkAsync<PagedResult<QueueItemDto>>($"{Queue}?sortBy=amount&sortOrder=desc&size=2&page=2");
        var beyond = await Staff.Collector.GetOkAsync<PagedResult<QueueItemDto>>($"{Queue}?sortBy=amount&sortOrder=desc&size=2&page=1000");

        first.Data.Select(i => i.CustomerId).Should().Equal(customers[0], customers[1]);
        second.Data[0].CustomerId.Should().Be(customers[2]);
        first.Pagination.Total.Should().BeGreaterThanOrEqualTo(3);
        (second.Pagination.Total, beyond.Pagination.Total).Should().Be((first.Pagination.Total, first.Pagination.Total));
        first.Pagination.TotalPages.Should().Be((int)((first.Pagination.Total + 1) / 2));
        beyond.Data.Should().BeEmpty();
    }

    [Fact]
    public async Task Queue_AgeGroupDaysAndPriority_FollowTheScoreTableAndTheFilters()
    {
        // Score = amount points + age points + risk points (README's table, CollectionPriority.Score).
        var low = await CustomerWithAccountAsync(risk: "B");
        await InvoiceAsync(low, 5_000m, daysAgo: 40);   // 10 days: 10 (≥1,000) + 10 (8–15 days) + 5 (B) = 25 → LOW
        await InvoiceAsync(low, 1_000m);                // not due yet: in the balance, not in the overdue amount
        var medium = await CustomerWithAccountAsync(risk: "C");
        await InvoiceAsync(medium, 20_000m, daysAgo: 50); // 20 days: 20 (≥10,000) + 15 (16–30) + 10 (C) = 45 → MEDIUM
        var high = await CustomerWithAccountAsync(risk: "D");
        await InvoiceAsync(high, 60_000m, daysAgo: 100);  // 70 days: 30 (≥50,000) + 40 (>60) + 20 (D) = 90 → HIGH

        var queue = await QueueAsync();

        var rows = queue.Where(i => i.CustomerId == low || i.CustomerId == medium || i.CustomerId == high).ToDictionary(i => i.CustomerId);
        rows.Should().HaveCount(3);
        Expect(rows[low], 5_000m, 6_000m, Today.AddDays(-10), 10, AgeGroups.Days8To15, new PriorityScore(10, 10, 5, 0, 0), Priority.LOW);
        Expect(rows[medium], 20_000m, 20_000m, Today.AddDays(-20), 20, AgeGroups.Days16To30, new PriorityScore(20, 15, 10, 0, 0), Priority.MEDIUM);
        Expect(rows[high], 60_000m, 60_000m, Today.AddDays(-70), 70, AgeGroups.Over60, new PriorityScore(30, 40, 20, 0, 0), Priority.HIGH);
        queue.Select(i => i.PriorityScore).Should().BeInDescendingOrder();
        queue.Select(i => i.CustomerId).Where(rows.ContainsKey).Should().Equal(high, medium, low);

        (await QueueAsync("ageGroup=8_15")).Select(i => i.CustomerId).Should().Contain(low).And.NotContain([medium, high]);
        (await QueueAsync("ageGroup=OVER_60")).Select(i => i.CustomerId).Should().Contain(high).And.NotContain([low, medium]);
        (await QueueAsync("priority=HIGH")).Select(i => i.CustomerId).Should().Contain(high).And.NotContain([low, medium]);
        (await QueueAsync("priority=MEDIUM")).Select(i => i.CustomerId).Should().Contain(medium).And.NotContain([low, high]);
        (await QueueAsync("priority=LOW")).Select(i => i.CustomerId).Should().Contain(low).And.NotContain([medium, high]);
        (await QueueAsync("sortBy=priority&sortOrder=asc")).Select(i => i.CustomerId).Where(rows.ContainsKey).Should().Equal(low, medium, high);
        using var badGroup = await Staff.Collector.GetAsync($"{Queue}?ageGroup=9_99");
        await badGroup.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Claim_TwoCollectorsAtOnce_ExactlyOneGetsTheCase()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 5_000m, daysAgo: 40);

        // Both claims race for a case row that does not exist yet: the insert-then-lock must let one win, not both.
        var responses = await Task.WhenAll(
            Staff.Collector.PostAsync($"/api/v1/collections/cases/{customerId}/claim", null),
            Staff.OtherCollector.PostAsync($"/api/v1/collections/cases/{customerId}/claim", null));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? Staff.CollectorEmail : Staff.OtherCollectorEmail;
        (await QueueItemAsync(customerId))!.AssignedTo.Should().Be(winner);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ClaimAndAssign_CollectorClaimsManagerReassigns()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 5_000m, daysAgo: 40);
        (await QueueAsync("collector=unassigned&status=PENDING")).Select(i => i.CustomerId).Should().Contain(customerId);

        using var claim = await Staff.Collector.PostAsync($"/api/v1/collections/cases/{customerId}/claim", null);

        var claimed = await claim.ReadAsync<CollectionCaseDto>(HttpStatusCode.OK);
        (claimed.Status, claimed.AssignedTo).Should().Be((CaseStatus.IN_PROGRESS, Staff.CollectorEmail));
        (await QueueAsync("collector=me&status=IN_PROGRESS")).Select(i => i.CustomerId).Should().Contain(customerId);
        (await QueueAsync("collector=unassigned")).Select(i => i.CustomerId).Should().NotContain(customerId);
        (await QueueAsync("status=PENDING")).Select(i => i.CustomerId).Should().NotContain(customerId);
        (await QueueAsync("collector=me", Staff.OtherCollector)).Select(i => i.CustomerId).Should().NotContain(customerId);

        using var otherClaim = await Staff.OtherCollector.PostAsync($"/api/v1/collections/cases/{customerId}/claim", null);
        await otherClaim.ShouldBeProblemAsync(HttpStatusCode.Conflict, CollectionsErrors.CaseAssigned);

        using var byCollector = await AssignAsync(Staff.Collector, customerId, Staff.OtherCollectorEmail);
        await byCollector.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await QueueItemAsync(customerId))!.AssignedTo.Should().Be(Staff.CollectorEmail);

        using var byManager = await AssignAsync(Staff.Manager, customerId, Staff.OtherCollectorEmail);

        var reassigned = await byManager.ReadAsync<CollectionCaseDto>(HttpStatusCode.OK);
        (reassigned.Status, reassigned.AssignedTo).Should().Be((CaseStatus.IN_PROGRESS, Staff.OtherCollectorEmail));
        (await QueueAsync("collector=me", Staff.OtherCollector)).Select(i => i.CustomerId).Should().Contain(customerId);
        (await QueueAsync($"collector={Staff.OtherCollectorEmail}")).Select(i => i.CustomerId).Should().Contain(customerId);

        using var toTeller = await AssignAsync(Staff.Manager, customerId, Staff.TellerEmail);
        await toTeller.ShouldBeProblemAsync(HttpStatusCode.BadRequest, CollectionsErrors.NotACollector);
        (await QueueItemAsync(customerId))!.AssignedTo.Should().Be(Staff.OtherCollectorEmail);

        using var unassign = await AssignAsync(Staff.Manager, customerId, null);

        (await unassign.ReadAsync<CollectionCaseDto>(HttpStatusCode.OK)).Should().Match<CollectionCaseDto>(c => c.Status == CaseStatus.PENDING && c.AssignedTo == null);
        (await QueueAsync("collector=unassigned&status=PENDING")).Select(i => i.CustomerId).Should().Contain(customerId);
    }

    private static void Expect(QueueItemDto item, decimal overdue, decimal balance, DateOnly oldestDue, int days, string ageGroup, PriorityScore score, Priority priority)
    {
        (item.OverdueAmount, item.TotalBalance, item.OverdueInvoices, item.OldestDueDate, item.DaysOverdue, item.AgeGroup)
            .Should().Be((overdue, balance, 1, oldestDue, days, ageGroup), item.CustomerId);
        item.ScoreBreakdown.Should().Be(score);
        item.ScoreBreakdown.Should().Be(CollectionPriority.Score(overdue, days, item.RiskCategory, 0, false));
        (item.PriorityScore, item.Priority).Should().Be((score.Total, priority));
        (item.Status, item.BrokenPromises, item.OpenPromise, item.EscalationLevel).Should().Be((CaseStatus.PENDING, 0, (PromiseDto?)null, (EscalationLevel?)null));
    }

    private Task<HttpResponseMessage> AssignAsync(HttpClient client, string customerId, string? collector) =>
        client.PutAsJsonAsync($"/api/v1/collections/cases/{customerId}/assignment", new { collector }, ApiFactory.Json);

    private Task<InvoiceDisputeDto> RaiseDisputeAsync(Guid invoiceId, decimal amount) =>
        Staff.Collector.PostAsJsonAsync($"{Invoices}/{invoiceId}/disputes", new { amount, reason = "Goods not received" }, ApiFactory.Json).CreatedAsync<InvoiceDisputeDto>();
}
