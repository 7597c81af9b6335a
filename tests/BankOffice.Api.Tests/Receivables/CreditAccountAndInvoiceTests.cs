using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Credit accounts, invoice creation (totals, due date, credit limit) and what invoices post to the ledger.</summary>
public sealed class CreditAccountAndInvoiceTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    [Fact]
    public async Task OpenAccount_ByCreditOfficer_Returns201WithTheAccount()
    {
        var customerId = await Factory.CreateCustomerAsync();

        using var response = await OpenAccountAsync(CreditOfficer, customerId, 5_000m, "2/10 NET30", "C");

        var account = await response.ReadAsync<CreditAccountDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/receivables/accounts/{customerId}");
        account.CustomerId.Should().Be(customerId);
        account.CreditLimit.Should().Be(5_000m);
        account.CurrentBalance.Should().Be(0m);
        account.AvailableCredit.Should().Be(5_000m);
        account.UnallocatedCredit.Should().Be(0m);
        account.PaymentTerms.Should().Be("2/10 NET30");
        account.RiskCategory.Should().Be(RiskCategory.C);
        account.CreditStatus.Should().Be(CreditStatus.GOOD);
        account.AccountStatus.Should().Be(CreditAccountStatus.ACTIVE);
        account.Currency.Should().Be(Currency.TRY);
        (await AccountAsync(customerId)).Should().BeEquivalentTo(account);
    }

    [Fact]
    public async Task OpenAccount_Twice_Returns409()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await OpenAccountAsync(CreditOfficer, customerId, 1_000m, "NET30");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
    }

    [Fact]
    public async Task OpenAccount_ByTeller_Returns403AndOpensNothing()
    {
        var customerId = await Factory.CreateCustomerAsync();

        using var response = await OpenAccountAsync(Teller, customerId, 1_000m, "NET30");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var read = await Teller.GetAsync($"{CreditAccounts}/{customerId}");
        await read.ShouldBeProblemAsync(HttpStatusCode.NotFound, ReceivablesService.CreditAccountNotFound);
    }

    [Fact]
    public async Task OpenAccount_UnknownCustomer_Returns404CustomerNotFound()
    {
        using var response = await OpenAccountAsync(CreditOfficer, "C999999", 1_000m, "NET30");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.CustomerNotFound);
    }

    [Theory]
    [InlineData("NET")]
    [InlineData("30 DAYS")]
    [InlineData("2/40 NET30")] // discount window longer than the net days
    [InlineData("NET400")]
    public async Task OpenAccount_BadTerms_Returns400AndOpensNothing(string terms)
    {
        var customerId = await Factory.CreateCustomerAsync();

        using var response = await OpenAccountAsync(CreditOfficer, customerId, 1_000m, terms);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        using var read = await Teller.GetAsync($"{CreditAccounts}/{customerId}");
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateInvoice_TwoTaxedLines_TotalsRoundedPerLineAndDueDateFromTerms()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoiceDate = Today.AddDays(-3);

        // 3 × 19.99 = 59.97, tax 18% = 10.7946 → 10.79; 2.5 × 10.00 = 25.00, tax 8% = 2.00.
        var invoice = await CreateInvoiceAsync(Teller, customerId, [Item(3m, 19.99m, 0.18m, "P-1"), Item(2.5m, 10.00m, 0.08m, "P-2")], invoiceDate).CreatedAsync<InvoiceDto>();

        invoice.Subtotal.Should().Be(84.97m);
        invoice.TaxAmount.Should().Be(12.79m);
        invoice.TotalAmount.Should().Be(97.76m);
        invoice.Balance.Should().Be(97.76m);
        invoice.PaidAmount.Should().Be(0m);
        invoice.Status.Should().Be(InvoiceStatus.OPEN);
        invoice.InvoiceDate.Should().Be(invoiceDate);
        invoice.DueDate.Should().Be(Today.AddDays(27));
        invoice.PaymentTerms.Should().Be("2/10 NET30");
        invoice.CreditOverrideReason.Should().BeNull();
        invoice.InvoiceNumber.Should().StartWith($"INV-{invoiceDate.Year}-");
        invoice.Items.Select(i => (i.LineNo, i.ProductCode, i.Subtotal, i.Tax)).Should().Equal((1, "P-1", 59.97m, 10.79m), (2, "P-2", 25.00m, 2.00m));
        (await InvoiceByIdAsync(invoice.InvoiceId)).Should().BeEquivalentTo(invoice);
        (await Teller.GetOkAsync<InvoiceDto>($"{Invoices}/{invoice.InvoiceNumber}")).InvoiceId.Should().Be(invoice.InvoiceId);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(97.76m);
    }

    [Fact]
    public async Task CreateInvoice_NoDate_IsDatedTodayAndDueAfterNetDays()
    {
        var customerId = await CustomerWithAccountAsync("NET45");

        var invoice = await InvoiceAsync(customerId, 10m);

        invoice.InvoiceDate.Should().Be(Today);
        invoice.DueDate.Should().Be(Today.AddDays(45));
    }

    public static TheoryData<string, object> BadInvoices => new()
    {
        { "no items", new { items = Array.Empty<object>() } },
        { "zero quantity", new { items = new[] { Item(0m, 10m) } } },
        { "negative price", new { items = new[] { Item(1m, -10m) } } },
        { "tax rate above 1", new { items = new[] { Item(1m, 10m, 1.5m) } } },
        { "price with 5 decimals", new { items = new[] { Item(1m, 10.00001m) } } },
        { "zero total", new { items = new[] { Item(1m, 0m) } } },
        { "future date", new { items = new[] { Item(1m, 10m) }, invoiceDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2) } },
    };

    [Theory]
    [MemberData(nameof(BadInvoices))]
    public async Task CreateInvoice_InvalidItemsOrDate_Returns400AndCreatesNothing(string why, object partial)
    {
        var customerId = await CustomerWithAccountAsync();
        var entries = await Ledger.LedgerApi.EntryCountAsync(Factory);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(partial, ApiFactory.Json)!.AsObject();
        body["customerId"] = customerId;

        using var response = await Ledger.LedgerApi.SendAsync(Teller, HttpMethod.Post, Invoices, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(0, why);
        (await Ledger.LedgerApi.EntryCountAsync(Factory)).Should().Be(entries, why);
    }

    [Fact]
    public async Task CreateInvoice_OverCreditLimit_Returns400WithDetailsAndCreatesNothing()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await InvoiceAsync(customerId, 800m);

        using var response = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 300m)]);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReceivablesService.CreditLimitExceeded);
        var details = problem.GetProperty("details");
        details.GetProperty("currentLimit").GetDecimal().Should().Be(1_000m);
        details.GetProperty("currentBalance").GetDecimal().Should().Be(800m);
        details.GetProperty("requestedAmount").GetDecimal().Should().Be(300m);
        details.GetProperty("availableCredit").GetDecimal().Should().Be(200m);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(1);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(800m);
    }

    [Fact]
    public async Task CreateInvoice_ExactlyUpToTheLimit_IsCreated()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await InvoiceAsync(customerId, 800m);

        var invoice = await InvoiceAsync(customerId, 200m);

        invoice.TotalAmount.Should().Be(200m);
        (await AccountAsync(customerId)).AvailableCredit.Should().Be(0m);
    }

    [Fact]
    public async Task CreateInvoice_OverLimitByManagerWithReason_IsCreatedWithTheReason()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await InvoiceAsync(customerId, 800m);

        var invoice = await CreateInvoiceAsync(Manager, customerId, [Item(1m, 300m)], creditOverrideReason: "  Seasonal order, approved by branch  ").CreatedAsync<InvoiceDto>();

        invoice.CreditOverrideReason.Should().Be("Seasonal order, approved by branch");
        invoice.TotalAmount.Should().Be(300m);
        (await InvoiceByIdAsync(invoice.InvoiceId)).CreditOverrideReason.Should().Be("Seasonal order, approved by branch");
        var account = await AccountAsync(customerId);
        account.CurrentBalance.Should().Be(1_100m);
        account.AvailableCredit.Should().Be(-100m);
    }

    [Fact]
    public async Task CreateInvoice_OverLimitByManagerWithoutReason_Returns400()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await InvoiceAsync(customerId, 800m);

        using var response = await CreateInvoiceAsync(Manager, customerId, [Item(1m, 300m)], creditOverrideReason: "   ");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReceivablesService.CreditLimitExceeded);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(1);
    }

    [Fact]
    public async Task CreateInvoice_OverLimitByTellerWithReason_ReasonIgnoredAndReturns400()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);
        await InvoiceAsync(customerId, 800m);

        using var response = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 300m)], creditOverrideReason: "I say so");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReceivablesService.CreditLimitExceeded);
        problem.GetProperty("details").GetProperty("availableCredit").GetDecimal().Should().Be(200m);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(1);
    }

    [Fact]
    public async Task CreateInvoice_WithinLimitWithReason_KeepsNoReason()
    {
        var customerId = await CustomerWithAccountAsync(creditLimit: 1_000m);

        var invoice = await CreateInvoiceAsync(Manager, customerId, [Item(1m, 100m)], creditOverrideReason: "Not needed").CreatedAsync<InvoiceDto>();

        invoice.CreditOverrideReason.Should().BeNull();
    }

    [Fact]
    public async Task CreateInvoice_ByCreditOfficer_Returns403()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await CreateInvoiceAsync(CreditOfficer, customerId, [Item(1m, 100m)]);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task CreateInvoice_CustomerWithoutCreditAccount_Returns404()
    {
        var customerId = await Factory.CreateCustomerAsync();

        using var response = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 100m)]);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ReceivablesService.CreditAccountNotFound);
    }

    [Fact]
    public async Task CreateInvoice_PostsReceivablesDebitAgainstRevenueAndTax()
    {
        var customerId = await CustomerWithAccountAsync();

        // 4 × 25.00 = 100.00 at 18% = 18.00; 1 × 50.00 untaxed.
        var invoice = await CreateInvoiceAsync(Teller, customerId, [Item(4m, 25m, 0.18m), Item(1m, 50m, 0m, "P-2")]).CreatedAsync<InvoiceDto>();

        invoice.TotalAmount.Should().Be(168m);
        var lines = await LedgerLinesAsync(Teller, invoice.TransactionId);
        lines.Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["RECEIVABLES-TRY"] = -168m,
            ["REVENUE-TRY"] = 150m,
            ["TAX_PAYABLE-TRY"] = 18m,
        });
    }

    [Fact]
    public async Task CreateInvoice_Untaxed_PostsNoTaxLine()
    {
        var customerId = await CustomerWithAccountAsync();

        var invoice = await InvoiceAsync(customerId, 75.5m);

        (await LedgerLinesAsync(Teller, invoice.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["RECEIVABLES-TRY"] = -75.5m,
            ["REVENUE-TRY"] = 75.5m,
        });
    }

    [Fact]
    public async Task CreateInvoice_SameKeyTwice_CreatesOneInvoiceAndReplays()
    {
        var customerId = await CustomerWithAccountAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 40m)], key: key);
        using var second = await CreateInvoiceAsync(Teller, customerId, [Item(1m, 40m)], key: key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.GetValues(BankOffice.Api.Ledger.Idempotency.ReplayedHeader).Should().Equal("true");
        (await second.Content.ReadFromJsonAsync<InvoiceDto>(ApiFactory.Json))!.InvoiceId.Should().Be((await first.Content.ReadFromJsonAsync<InvoiceDto>(ApiFactory.Json))!.InvoiceId);
        (await Factory.InvoiceCountAsync(customerId)).Should().Be(1);
    }

    [Fact]
    public async Task Aging_InvoicesDatedTodayMinus40AndMinus100OnNet30_LandIn1To30And61To90()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        // Due = date + 30: today−40 is due today−10 (10 days late), today−100 due today−70 (70 days late).
        // The 70-days-late one goes last: once it exists the customer is on HOLD and gets no new invoices.
        await InvoiceAsync(customerId, 300m, Today);
        await InvoiceAsync(customerId, 100m, Today.AddDays(-40));
        await InvoiceAsync(customerId, 200m, Today.AddDays(-100));

        var account = await AccountAsync(customerId);

        account.Aging.Should().Be(new AgingDto(300m, 100m, 0m, 200m, 0m));
        account.CurrentBalance.Should().Be(600m);
        account.DaysOverdue.Should().Be(70);
        account.CreditStatus.Should().Be(CreditStatus.HOLD);
        var overdue = await Teller.GetOkAsync<PagedResult<InvoiceDto>>($"{Invoices}?customerId={customerId}&status=OVERDUE");
        overdue.Data.Select(i => i.TotalAmount).Should().BeEquivalentTo([100m, 200m]);
        overdue.Data.Should().OnlyContain(i => i.Status == InvoiceStatus.OVERDUE);
        var open = await Teller.GetOkAsync<PagedResult<InvoiceDto>>($"{Invoices}?customerId={customerId}&status=OPEN");
        open.Data.Select(i => i.TotalAmount).Should().Equal(300m);
    }

    [Fact]
    public async Task CustomerLogin_SeesOwnAccountAndInvoices_ButNotAnotherCustomers()
    {
        var own = await CustomerWithAccountAsync();
        var other = await CustomerWithAccountAsync();
        var ownInvoice = await InvoiceAsync(own, 120m);
        var otherInvoice = await InvoiceAsync(other, 80m);
        var customer = await ClientAsync(Roles.Customer, own);

        (await customer.GetOkAsync<CreditAccountDto>($"{CreditAccounts}/{own}")).CurrentBalance.Should().Be(120m);
        (await customer.GetOkAsync<InvoiceDto>($"{Invoices}/{ownInvoice.InvoiceId}")).TotalAmount.Should().Be(120m);
        (await customer.GetOkAsync<PagedResult<InvoiceDto>>(Invoices)).Data.Select(i => i.InvoiceId).Should().Equal(ownInvoice.InvoiceId);
        (await customer.GetOkAsync<PagedResult<CreditAccountDto>>(CreditAccounts)).Data.Select(a => a.CustomerId).Should().Equal(own);

        using var account = await customer.GetAsync($"{CreditAccounts}/{other}");
        await account.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var invoice = await customer.GetAsync($"{Invoices}/{otherInvoice.InvoiceId}");
        await invoice.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var byNumber = await customer.GetAsync($"{Invoices}/{otherInvoice.InvoiceNumber}");
        await byNumber.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await customer.GetOkAsync<PagedResult<InvoiceDto>>($"{Invoices}?customerId={other}")).Data.Should().BeEmpty();
    }
}
