using System.Net;
using BankOffice.Api.Ledger;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Invoices and payments need an Idempotency-Key; a key is bound to one body and one operation.</summary>
public sealed class ReceivablesIdempotencyTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    [Fact]
    public async Task RecordPayment_WithoutKey_Returns400AndPostsNothing()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await RecordPaymentAsync(Teller, customerId, 10m, "NK-" + ApiFactory.Unique(), key: string.Empty);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Idempotency.Required);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task CreateInvoice_WithoutKey_Returns400AndCreatesNothing()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 10m)], key: string.Empty);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Idempotency.Required);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task RecordPayment_SameKeyOtherAmount_Returns409AndPostsOnce()
    {
        var customerId = await CustomerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        var reference = "K-" + ApiFactory.Unique();
        await RecordPaymentAsync(Teller, customerId, 10m, reference, key: key).CreatedAsync<PaymentDto>();

        using var response = await RecordPaymentAsync(Teller, customerId, 11m, reference, key: key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(1);
        (await AccountAsync(customerId)).UnallocatedCredit.Should().Be(10m);
    }

    [Fact]
    public async Task RecordPayment_KeyOfAnInvoice_Returns409()
    {
        var customerId = await CustomerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        await CreateInvoiceAsync(Teller, customerId, [Item(1m, 10m)], key: key).CreatedAsync<InvoiceDto>();

        using var response = await RecordPaymentAsync(Teller, customerId, 10m, "X-" + ApiFactory.Unique(), key: key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task RecordPayment_ReplayAfterLaterPayments_StillAnswersTheOriginalAllocation()
    {
        var customerId = await CustomerWithAccountAsync();
        var invoice = await InvoiceAsync(customerId, 500m);
        var key = Guid.NewGuid().ToString();
        var reference = "RP-" + ApiFactory.Unique();
        var original = await RecordPaymentAsync(Teller, customerId, 100m, reference, key: key).CreatedAsync<PaymentDto>();
        await RecordPaymentAsync(Teller, customerId, 400m, "RP2-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        var replay = await RecordPaymentAsync(Teller, customerId, 100m, reference, key: key).CreatedAsync<PaymentDto>();

        replay.Should().BeEquivalentTo(original);
        replay.Allocations.Select(a => (a.InvoiceId, a.Amount)).Should().Equal((invoice.InvoiceId, 100m));
        (await Factory.PaymentCountAsync(customerId)).Should().Be(2);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(0m);
    }
}
