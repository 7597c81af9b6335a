using System.Net;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Parallel documents for one customer queue on the credit account; account listing; fractional discounts.</summary>
public sealed class ReceivablesConcurrencyAndListTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    [Fact]
    public async Task CreateInvoice_TenInParallelAgainstLimit_ExactlyFiveFit()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CreateInvoiceAsync(Teller, customerId, [Item(1m, 200m)])));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(5);
        responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).Should().Be(5);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        (await Factory.InvoiceCountAsync(customerId)).Should().Be(5);
        var account = await AccountAsync(customerId);
        account.CurrentBalance.Should().Be(1_000m);
        account.AvailableCredit.Should().Be(0m);
    }

    [Fact]
    public async Task RecordPayment_TenInParallel_SettleTheInvoiceOnceAndKeepTheRestUnallocated()
    {
        var customerId = await CustomerWithAccountAsync();
        var invoice = await InvoiceAsync(customerId, 450m);

        var payments = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => RecordPaymentAsync(Teller, customerId, 100m, $"PAR-{i}-{ApiFactory.Unique()}").CreatedAsync<PaymentDto>()));

        // 10 × 100 = 1,000 against 450: 450 allocated in all, 550 left as credit.
        payments.Sum(p => p.Allocations.Sum(a => a.Amount)).Should().Be(450m);
        payments.Sum(p => p.Unallocated).Should().Be(550m);
        var read = await InvoiceByIdAsync(invoice.InvoiceId);
        read.Status.Should().Be(InvoiceStatus.PAID);
        read.PaidAmount.Should().Be(450m);
        var account = await AccountAsync(customerId);
        account.UnallocatedCredit.Should().Be(550m);
        account.CurrentBalance.Should().Be(-550m);
    }

    [Fact]
    public async Task RecordPayment_FractionalDiscountPercent_RoundsDiscountToCents()
    {
        var customerId = await CustomerWithAccountAsync("1.5/10 NET30");
        var invoice = await InvoiceAsync(customerId, 333.33m);

        // 1.5% of 333.33 = 4.99995 → 5.00 (half away from zero); cash 328.33 settles it.
        var payment = await RecordPaymentAsync(Teller, customerId, 328.33m, "FR-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(a => (a.Amount, a.Discount)).Should().Equal((328.33m, 5.00m));
        payment.Unallocated.Should().Be(0m);
        (await InvoiceByIdAsync(invoice.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
    }

    [Fact]
    public async Task RecordPayment_FullTotalInsideWindow_DiscountGrantedAndDifferenceUnallocated()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        await InvoiceAsync(customerId, 1_000m);

        // 1,000 covers 980: 980 cash + 20 discount, the other 20 stays as credit.
        var payment = await RecordPaymentAsync(Teller, customerId, 1_000m, "FULL-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(a => (a.Amount, a.Discount)).Should().Equal((980m, 20m));
        payment.Unallocated.Should().Be(20m);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(-20m);
    }

    [Fact]
    public async Task RecordPayment_PartPaidInvoicePastDue_IsListedOverdue()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var invoice = await InvoiceAsync(customerId, 100m, Today.AddDays(-31));
        await RecordPaymentAsync(Teller, customerId, 40m, "OD-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        var read = await InvoiceByIdAsync(invoice.InvoiceId);

        read.Status.Should().Be(InvoiceStatus.OVERDUE);
        read.Balance.Should().Be(60m);
        (await Teller.GetOkAsync<PagedResult<InvoiceDto>>($"{Invoices}?customerId={customerId}&status=OVERDUE")).Data.Select(i => i.InvoiceId).Should().Equal(invoice.InvoiceId);
        (await Teller.GetOkAsync<PagedResult<InvoiceDto>>($"{Invoices}?customerId={customerId}&status=PARTIAL")).Data.Should().BeEmpty();
        (await AccountAsync(customerId)).Aging.Days1_30.Should().Be(60m);
    }

    [Fact]
    public async Task RecordPayment_CustomerWithoutCreditAccount_Returns404()
    {
        var customerId = await Factory.CreateCustomerAsync();

        using var response = await RecordPaymentAsync(Teller, customerId, 10m, "NA-" + ApiFactory.Unique());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ReceivablesService.CreditAccountNotFound);
    }

    [Fact]
    public async Task GetPayment_Unknown_Returns404()
    {
        using var response = await Teller.GetAsync($"{Payments}/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ReceivablesService.PaymentNotFound);
    }

    [Fact]
    public async Task GetInvoice_Unknown_Returns404()
    {
        using var response = await Teller.GetAsync($"{Invoices}/INV-1999-000001");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ReceivablesService.InvoiceNotFound);
    }

    [Fact]
    public async Task ListAccounts_SearchAndSortByBalance_ReturnsMatchingInOrder()
    {
        var tag = ApiFactory.Unique();
        var ids = new List<string>();
        foreach (var (suffix, owed) in new[] { ("a", 300m), ("b", 100m), ("c", 200m) })
        {
            var customerId = await Factory.CreateCustomerAsync($"Rcv {tag} {suffix}");
            await OpenAccountAsync(CreditOfficer, customerId, 10_000m, "NET30").CreatedAsync<CreditAccountDto>();
            await InvoiceAsync(customerId, owed);
            ids.Add(customerId);
        }

        var byBalance = await Teller.GetOkAsync<PagedResult<CreditAccountDto>>($"{CreditAccounts}?search={tag}&sortBy=balance&sortOrder=desc");
        var byName = await Teller.GetOkAsync<PagedResult<CreditAccountDto>>($"{CreditAccounts}?search={tag}");

        byBalance.Data.Select(a => (a.CustomerId, a.CurrentBalance)).Should().Equal((ids[0], 300m), (ids[2], 200m), (ids[1], 100m));
        byBalance.Pagination.Total.Should().Be(3);
        byName.Data.Select(a => a.CustomerId).Should().Equal(ids[0], ids[1], ids[2]);
    }

    [Fact]
    public async Task ListAccounts_UnknownSortBy_Returns400()
    {
        using var response = await Teller.GetAsync($"{CreditAccounts}?sortBy=risk");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task CustomerLogin_CannotCreateInvoice()
    {
        var customerId = await CustomerWithAccountAsync();
        var customer = await ClientAsync(Roles.Customer, customerId);

        using var response = await CreateInvoiceAsync(customer, customerId, [Item(1m, 10m)]);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task LedgerCheck_AfterParallelDocuments_IsOk()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30", creditLimit: 5_000m);
        var documents = Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? CreateInvoiceAsync(Teller, customerId, [Item(2m, 150m, 0.18m)], Today.AddDays(-i))
            : RecordPaymentAsync(Teller, customerId, 200m + i, $"LC-{i}-{ApiFactory.Unique()}"));
        foreach (var response in await Task.WhenAll(documents))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        var admin = await ClientAsync(Roles.Admin);

        (await admin.GetOkAsync<LedgerCheckDto>("/api/v1/admin/ledger/check")).Ok.Should().BeTrue();
    }
}
