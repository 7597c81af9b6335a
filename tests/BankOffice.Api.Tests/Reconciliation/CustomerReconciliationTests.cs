using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Reconciliation;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Reconciliation;

public sealed class CustomerReconciliationTests(ClockedApiFactory factory) : ReconciliationTestBase(factory)
{
    private static object Body(DateOnly date, decimal customerBalance, params object[] disputes) =>
        new { reconciliationDate = date, customerBalance, disputes, notes = "Confirmed by e-mail" };

    private static object Dispute(string invoiceId, decimal disputeAmount, string reason = "Quantity difference") => new { invoiceId, disputeAmount, reason };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string customerId, object body) =>
        client.PostAsJsonAsync($"{CustomerPath}/{customerId}", body, ApiFactory.Json);

    /// <summary>1,000.00 invoiced 40 days ago (NET30: 10 days overdue) and 500.00 five days ago (not due yet).</summary>
    private async Task<(string CustomerId, InvoiceDto Overdue, InvoiceDto Current)> CustomerWithInvoicesAsync()
    {
        var customerId = await CustomerWithAccountAsync();
        return (customerId, await InvoiceAsync(customerId, 1_000.00m, daysAgo: 40), await InvoiceAsync(customerId, 500.00m, daysAgo: 5));
    }

    [Fact]
    public async Task Create_DisputeCoversTheDifference_NothingUnexplainedAndItLeavesTheQueue()
    {
        var (customerId, overdue, _) = await CustomerWithInvoicesAsync();
        await RecordPaymentAsync(Staff.Teller, customerId, 200.00m, "WIRE-" + ApiFactory.Unique(), paymentDate: Today, allocationType: "MANUAL").CreatedAsync<PaymentDto>();
        // Overdue: 1,000.00 past due − 200.00 unallocated credit = 800.00.
        (await QueueItemAsync(customerId))!.OverdueAmount.Should().Be(800.00m);

        using var response = await PostAsync(Staff.Collector, customerId, Body(Today, 1_000.00m, Dispute(overdue.InvoiceNumber.ToLowerInvariant(), 300.00m)));

        var created = await response.ReadAsync<CustomerReconciliationDto>(HttpStatusCode.Created);
        // Ours: 1,000.00 + 500.00 − 200.00 = 1,300.00; theirs 1,000.00; the 300.00 between is the dispute.
        created.Should().BeEquivalentTo(new
        {
            CustomerId = customerId, Currency = Currency.TRY, ReconciliationDate = Today, OurBalance = 1_300.00m, CustomerBalance = 1_000.00m, Difference = 300.00m,
            DisputedTotal = 300.00m, UnexplainedDifference = 0.00m, Notes = "Confirmed by e-mail", CreatedBy = Staff.CollectorEmail,
        });
        created.Disputes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { overdue.InvoiceNumber, Amount = 300.00m, Reason = "Quantity difference", Status = DisputeStatus.OPEN });
        // 1,000.00 past due − 300.00 disputed − 200.00 credit = 500.00.
        (await QueueItemAsync(customerId))!.Should().BeEquivalentTo(new { OverdueAmount = 500.00m, DisputedAmount = 300.00m });

        var listed = await Staff.Teller.GetOkAsync<PagedResult<CustomerReconciliationDto>>($"{CustomerPath}/{customerId}");
        listed.Data.Should().ContainSingle().Which.Should().BeEquivalentTo(created);
    }

    [Fact]
    public async Task Create_OnAnEarlierDate_CountsWhatWasOwedThen()
    {
        var (customerId, _, _) = await CustomerWithInvoicesAsync();
        // Today's 400.00 pays the oldest invoice now, not ten days ago; the 500.00 invoice did not exist yet then.
        await RecordPaymentAsync(Staff.Teller, customerId, 400.00m, "WIRE-" + ApiFactory.Unique(), paymentDate: Today).CreatedAsync<PaymentDto>();

        using var response = await PostAsync(Staff.Teller, customerId, Body(Today.AddDays(-10), 950.00m));

        var created = await response.ReadAsync<CustomerReconciliationDto>(HttpStatusCode.Created);
        // 1,000.00 owed then, no credit held now: 1,000.00 − 950.00 = 50.00 unexplained.
        (created.OurBalance, created.Difference, created.DisputedTotal, created.UnexplainedDifference).Should().Be((1_000.00m, 50.00m, 0.00m, 50.00m));
        created.Disputes.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_BadDisputes_RefusedWithTheirCodeAndNothingSaved()
    {
        var (customerId, overdue, current) = await CustomerWithInvoicesAsync();
        var (_, strangersInvoice, _) = await CustomerWithInvoicesAsync();

        // The first dispute is fine and is written first; the second asks for more than the 500.00 owed, so neither stays.
        using var tooMuch = await PostAsync(Staff.Collector, customerId, Body(Today, 400.00m, Dispute(overdue.InvoiceNumber, 100.00m), Dispute(current.InvoiceId.ToString(), 600.00m)));
        await tooMuch.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "DISPUTE_EXCEEDS_BALANCE");
        using var unknown = await PostAsync(Staff.Collector, customerId, Body(Today, 400.00m, Dispute("INV-1999-000001", 10.00m)));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        using var notTheirs = await PostAsync(Staff.Collector, customerId, Body(Today, 400.00m, Dispute(strangersInvoice.InvoiceNumber, 10.00m)));
        await notTheirs.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.InvoiceOfAnotherCustomer);
        using var badLines = await PostAsync(Staff.Collector, customerId, Body(Today, 400.00m, Dispute(overdue.InvoiceNumber, 10.00m), Dispute("", 0.001m, "x")));
        var problem = await badLines.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.InvalidDisputes);
        problem.GetProperty("details").GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("field").GetString())).Should().Equal((2, "invoiceId"), (2, "disputeAmount"), (2, "reason"));

        (await Factory.WithDbAsync(db => db.InvoiceDisputes.CountAsync(d => d.CustomerId == customerId))).Should().Be(0);
        (await Factory.WithDbAsync(db => db.CustomerReconciliations.CountAsync(r => r.CustomerId == customerId))).Should().Be(0);
    }

    [Fact]
    public async Task CustomerReconciliation_CustomerReadsOnlyTheirOwnAndNeverRecords()
    {
        var (customerId, customer) = await CustomerWithLoginAsync();
        var stranger = await CustomerWithAccountAsync();
        await PostAsync(Staff.Teller, customerId, Body(Today, 0m)).CreatedAsync<CustomerReconciliationDto>();

        using var ownPost = await PostAsync(customer, customerId, Body(Today, 0m));
        await ownPost.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await customer.GetOkAsync<PagedResult<CustomerReconciliationDto>>($"{CustomerPath}/{customerId}")).Data.Should().ContainSingle();
        using var strangersList = await customer.GetAsync($"{CustomerPath}/{stranger}");
        await strangersList.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        // A credit officer holds neither collection.manage nor payment.process.
        using var officerPost = await PostAsync(Staff.CreditOfficer, stranger, Body(Today, 0m));
        await officerPost.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
