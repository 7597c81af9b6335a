using System.Net;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Races and the credit limit against unallocated credit.</summary>
public sealed class ReceivablesEdgeTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    [Fact]
    public async Task OpenAccount_FiveInParallel_OneCreatedFourConflicts()
    {
        var customerId = await Factory.CreateCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => OpenAccountAsync(CreditOfficer, customerId, 1_000m + i, "NET30")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(4, string.Join(", ", statuses));
    }

    [Fact]
    public async Task RecordPayment_SameReferenceAndAmountInParallel_OneRecordedOthers409()
    {
        var customerId = await CustomerWithAccountAsync();
        var reference = "PD-" + ApiFactory.Unique();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RecordPaymentAsync(Teller, customerId, 75m, reference)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(3, string.Join(", ", statuses));
        (await Factory.PaymentCountAsync(customerId)).Should().Be(1);
        (await AccountAsync(customerId)).UnallocatedCredit.Should().Be(75m);
    }

    [Fact]
    public async Task CreateInvoice_UnallocatedCreditRaisesAvailableCredit()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await RecordPaymentAsync(Teller, customerId, 200m, "PRE-" + ApiFactory.Unique(), allocationType: "MANUAL").CreatedAsync<PaymentDto>();

        // Balance −200 + 1,100 = 900 ≤ 1,000: allowed; then −200 + 1,100 + 150 = 1,050 > 1,000: refused.
        await InvoiceAsync(customerId, 1_100m);
        using var response = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 150m)]);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReceivablesService.CreditLimitExceeded);
        problem.GetProperty("details").GetProperty("currentBalance").GetDecimal().Should().Be(900m);
        problem.GetProperty("details").GetProperty("availableCredit").GetDecimal().Should().Be(100m);
    }

    [Fact]
    public async Task RecordPayment_ReferenceWithSurroundingSpaces_IsTheSameReference()
    {
        var customerId = await CustomerWithAccountAsync();
        var reference = "SP-" + ApiFactory.Unique();
        var first = await RecordPaymentAsync(Teller, customerId, 30m, reference).CreatedAsync<PaymentDto>();

        using var response = await RecordPaymentAsync(Teller, customerId, 30m, "  " + reference + " ");

        first.Reference.Should().Be(reference);
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ReceivablesService.DuplicatePayment);
    }
}
