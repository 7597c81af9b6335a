using System.Net;
using BankOffice.Api.Ledger;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Payments: automatic allocation (oldest due first, early-payment discount), unallocated credit, duplicates, replays, ledger.</summary>
public sealed class PaymentTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    [Fact]
    public async Task RecordPayment_WorkedExampleInsideDiscountWindow_SettlesBothWithDiscountsAndLeaves10Unallocated()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var a = await InvoiceAsync(customerId, 1_000m, Today.AddDays(-5));
        var b = await InvoiceAsync(customerId, 500m, Today.AddDays(-5));

        // A: untouched, inside the window, 1,480 covers 1,000 − 20 → 980 cash + 20 discount; 500 left.
        // B: same terms and date, untouched, 500 covers 500 − 10 → 490 cash + 10 discount; 10 left.
        var payment = await RecordPaymentAsync(Teller, customerId, 1_480m, "WIRE-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Status.Should().Be("RECORDED");
        payment.Amount.Should().Be(1_480m);
        payment.PaymentDate.Should().Be(Today);
        payment.PaymentNumber.Should().StartWith($"PAY-{Today.Year}-");
        payment.Allocations.Select(l => (l.InvoiceId, l.InvoiceNumber, l.Amount, l.Discount))
            .Should().Equal((a.InvoiceId, a.InvoiceNumber, 980m, 20m), (b.InvoiceId, b.InvoiceNumber, 490m, 10m));
        payment.Unallocated.Should().Be(10m);
        (await Teller.GetOkAsync<PaymentDto>($"{Payments}/{payment.PaymentId}")).Should().BeEquivalentTo(payment);
        (await Teller.GetOkAsync<PaymentDto>($"{Payments}/{payment.PaymentNumber}")).Should().BeEquivalentTo(payment);

        var invoiceA = await InvoiceByIdAsync(a.InvoiceId);
        invoiceA.Status.Should().Be(InvoiceStatus.PAID);
        invoiceA.Balance.Should().Be(0m);
        invoiceA.PaidAmount.Should().Be(1_000m);
        invoiceA.Payments.Select(p => (p.PaymentId, p.Amount, p.Discount)).Should().Equal((payment.PaymentId, 980m, 20m));
        var invoiceB = await InvoiceByIdAsync(b.InvoiceId);
        invoiceB.Status.Should().Be(InvoiceStatus.PAID);
        invoiceB.Balance.Should().Be(0m);
        invoiceB.Payments.Select(p => (p.Amount, p.Discount)).Should().Equal((490m, 10m));

        var account = await AccountAsync(customerId);
        account.UnallocatedCredit.Should().Be(10m);
        account.CurrentBalance.Should().Be(-10m);
        account.AvailableCredit.Should().Be(100_010m);
        account.LastPaymentDate.Should().Be(Today);

        (await LedgerLinesAsync(Teller, payment.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["BANK-TRY"] = -1_480m,
            ["DISCOUNTS_ALLOWED-TRY"] = -30m,
            // Receivables goes down by what was settled (cash + discount); the 10.00 left over is
            // unapplied cash until it is allocated or paid back.
            ["RECEIVABLES-TRY"] = 1_500m,
            ["UNAPPLIED_CASH-TRY"] = 10m,
        });
    }

    [Fact]
    public async Task RecordPayment_PartialInsideWindow_InvoicePartialWithNoDiscount()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoice = await InvoiceAsync(customerId, 1_000m, Today.AddDays(-2));

        // 600 does not cover 1,000 − 20 = 980: applied as cash, no discount.
        var payment = await RecordPaymentAsync(Teller, customerId, 600m, "P-" + ApiFactory.Unique(), "CASH").CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.InvoiceId, l.Amount, l.Discount)).Should().Equal((invoice.InvoiceId, 600m, 0m));
        payment.Unallocated.Should().Be(0m);
        var read = await InvoiceByIdAsync(invoice.InvoiceId);
        read.Status.Should().Be(InvoiceStatus.PARTIAL);
        read.PaidAmount.Should().Be(600m);
        read.Balance.Should().Be(400m);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(400m);
        (await LedgerLinesAsync(Teller, payment.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["CASH-TRY"] = -600m,
            ["RECEIVABLES-TRY"] = 600m,
        });
    }

    [Fact]
    public async Task RecordPayment_RestOfPartPaidInvoiceInsideWindow_GetsNoDiscount()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoice = await InvoiceAsync(customerId, 1_000m, Today.AddDays(-2));
        await RecordPaymentAsync(Teller, customerId, 600m, "P1-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        // Already touched: the remaining 400 is owed in full.
        var payment = await RecordPaymentAsync(Teller, customerId, 400m, "P2-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.Amount, l.Discount)).Should().Equal((400m, 0m));
        payment.Unallocated.Should().Be(0m);
        (await InvoiceByIdAsync(invoice.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(0m);
    }

    [Fact]
    public async Task RecordPayment_OutsideDiscountWindow_NoDiscount()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        // Window ends at today−10; due today+10, so still OPEN.
        var invoice = await InvoiceAsync(customerId, 1_000m, Today.AddDays(-20));

        var payment = await RecordPaymentAsync(Teller, customerId, 1_000m, "CHK-" + ApiFactory.Unique(), "CHECK").CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.InvoiceId, l.Amount, l.Discount)).Should().Equal((invoice.InvoiceId, 1_000m, 0m));
        payment.Unallocated.Should().Be(0m);
        (await InvoiceByIdAsync(invoice.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(0m);
        (await LedgerLinesAsync(Teller, payment.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["CLEARING-TRY"] = -1_000m,
            ["RECEIVABLES-TRY"] = 1_000m,
        });
    }

    [Fact]
    public async Task RecordPayment_OnLastDayOfWindow_GetsDiscount()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoice = await InvoiceAsync(customerId, 250m, Today.AddDays(-10));

        // 2% of 250.00 = 5.00; the payment 245.00 settles it.
        var payment = await RecordPaymentAsync(Teller, customerId, 245m, "W-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.Amount, l.Discount)).Should().Equal((245m, 5m));
        (await InvoiceByIdAsync(invoice.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
    }

    [Fact]
    public async Task RecordPayment_OldestDueFirst_PaysOlderInvoiceBeforeNewer()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var newer = await InvoiceAsync(customerId, 100m, Today.AddDays(-1));
        var older = await InvoiceAsync(customerId, 100m, Today.AddDays(-8));

        var payment = await RecordPaymentAsync(Teller, customerId, 150m, "O-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.InvoiceId, l.Amount)).Should().Equal((older.InvoiceId, 100m), (newer.InvoiceId, 50m));
        (await InvoiceByIdAsync(older.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
        (await InvoiceByIdAsync(newer.InvoiceId)).Balance.Should().Be(50m);
    }

    [Fact]
    public async Task RecordPayment_Overpayment_LeavesUnallocatedCreditAndNegativeBalance()
    {
        var customerId = await CustomerWithAccountAsync("NET30", creditLimit: 1_000m);
        var invoice = await InvoiceAsync(customerId, 300m);

        var payment = await RecordPaymentAsync(Teller, customerId, 500m, "OV-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();

        payment.Allocations.Select(l => (l.InvoiceId, l.Amount, l.Discount)).Should().Equal((invoice.InvoiceId, 300m, 0m));
        payment.Unallocated.Should().Be(200m);
        (await InvoiceByIdAsync(invoice.InvoiceId)).Status.Should().Be(InvoiceStatus.PAID);
        var account = await AccountAsync(customerId);
        account.UnallocatedCredit.Should().Be(200m);
        account.CurrentBalance.Should().Be(-200m);
        account.AvailableCredit.Should().Be(1_200m);
        (await LedgerLinesAsync(Teller, payment.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["BANK-TRY"] = -500m,
            ["RECEIVABLES-TRY"] = 300m,
            ["UNAPPLIED_CASH-TRY"] = 200m,
        });
    }

    [Fact]
    public async Task RecordPayment_Manual_LeavesEverythingUnallocated()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoice = await InvoiceAsync(customerId, 300m);

        var payment = await RecordPaymentAsync(Teller, customerId, 300m, "M-" + ApiFactory.Unique(), allocationType: "MANUAL").CreatedAsync<PaymentDto>();

        payment.Allocations.Should().BeEmpty();
        payment.Unallocated.Should().Be(300m);
        var read = await InvoiceByIdAsync(invoice.InvoiceId);
        read.Status.Should().Be(InvoiceStatus.OPEN);
        read.Balance.Should().Be(300m);
        var account = await AccountAsync(customerId);
        account.UnallocatedCredit.Should().Be(300m);
        account.CurrentBalance.Should().Be(0m);
        (await LedgerLinesAsync(Teller, payment.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["BANK-TRY"] = -300m,
            ["UNAPPLIED_CASH-TRY"] = 300m,
        });
    }

    [Fact]
    public async Task RecordPayment_SameReferenceAndAmountAgain_Returns409AndPostsNothing()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 500m);
        var reference = "DUP-" + ApiFactory.Unique();
        await RecordPaymentAsync(Teller, customerId, 100m, reference).CreatedAsync<PaymentDto>();
        var entries = await Ledger.LedgerApi.EntryCountAsync(Factory);

        using var response = await RecordPaymentAsync(Teller, customerId, 100m, reference);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ReceivablesService.DuplicatePayment);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(1);
        (await Ledger.LedgerApi.EntryCountAsync(Factory)).Should().Be(entries);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(400m);
    }

    [Fact]
    public async Task RecordPayment_SameReferenceOtherAmount_IsRecorded()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 500m);
        var reference = "REF-" + ApiFactory.Unique();
        await RecordPaymentAsync(Teller, customerId, 100m, reference).CreatedAsync<PaymentDto>();

        await RecordPaymentAsync(Teller, customerId, 150m, reference).CreatedAsync<PaymentDto>();

        (await Factory.PaymentCountAsync(customerId)).Should().Be(2);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(250m);
    }

    [Fact]
    public async Task RecordPayment_SameKeyAndBodyTwice_ReplaysSameBodyAndPostsOnce()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        await InvoiceAsync(customerId, 200m);
        var key = Guid.NewGuid().ToString();
        var reference = "IDEM-" + ApiFactory.Unique();
        var entries = await Ledger.LedgerApi.EntryCountAsync(Factory);

        using var first = await RecordPaymentAsync(Teller, customerId, 250m, reference, key: key);
        using var second = await RecordPaymentAsync(Teller, customerId, 250m, reference, key: key);

        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.Created, firstBody);
        second.StatusCode.Should().Be(HttpStatusCode.Created, secondBody);
        first.Headers.Contains(Idempotency.ReplayedHeader).Should().BeFalse();
        second.Headers.GetValues(Idempotency.ReplayedHeader).Should().Equal("true");
        secondBody.Should().Be(firstBody);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(1);
        (await Ledger.LedgerApi.EntryCountAsync(Factory)).Should().Be(entries + 1);
        // 200 less 2% = 196 settles it; 54 left once, not twice.
        (await AccountAsync(customerId)).UnallocatedCredit.Should().Be(54m);
    }

    [Fact]
    public async Task RecordPayment_ByCustomer_Returns403()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 100m);
        var customer = await ClientAsync(Roles.Customer, customerId);

        using var response = await RecordPaymentAsync(customer, customerId, 100m, "SELF-" + ApiFactory.Unique());

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.00001")] // money keeps 4 decimals
    public async Task RecordPayment_BadAmount_Returns400AndPostsNothing(string amount)
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await RecordPaymentAsync(Teller, customerId, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "BAD-" + ApiFactory.Unique());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task RecordPayment_FutureDate_Returns400()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await RecordPaymentAsync(Teller, customerId, 10m, "F-" + ApiFactory.Unique(), paymentDate: Today.AddDays(1));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
    }

    [Fact]
    public async Task CustomerLogin_SeesOwnPayment_ButNotAnotherCustomers()
    {
        var own = await CustomerWithAccountAsync();
        var other = await CustomerWithAccountAsync();
        var ownPayment = await RecordPaymentAsync(Teller, own, 10m, "C1-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();
        var otherPayment = await RecordPaymentAsync(Teller, other, 10m, "C2-" + ApiFactory.Unique()).CreatedAsync<PaymentDto>();
        var customer = await ClientAsync(Roles.Customer, own);

        (await customer.GetOkAsync<PaymentDto>($"{Payments}/{ownPayment.PaymentId}")).Amount.Should().Be(10m);
        using var response = await customer.GetAsync($"{Payments}/{otherPayment.PaymentId}");
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task LedgerCheck_AfterInvoicesAndPaymentsOfEveryKind_IsOk()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30", creditLimit: 2_000m);
        await CreateInvoiceAsync(Teller, customerId, [Item(3m, 19.99m, 0.18m), Item(1m, 1_000m)], Today.AddDays(-5)).CreatedAsync<InvoiceDto>();
        await InvoiceAsync(customerId, 500m, Today.AddDays(-20));
        await CreateInvoiceAsync(Manager, customerId, [Item(1m, 900m, 0.18m)], creditOverrideReason: "Approved").CreatedAsync<InvoiceDto>();
        await RecordPaymentAsync(Teller, customerId, 700m, "L1-" + ApiFactory.Unique(), "CASH").CreatedAsync<PaymentDto>();
        await RecordPaymentAsync(Teller, customerId, 1_200m, "L2-" + ApiFactory.Unique(), "CREDIT_CARD").CreatedAsync<PaymentDto>();
        await RecordPaymentAsync(Teller, customerId, 2_000m, "L3-" + ApiFactory.Unique(), allocationType: "MANUAL").CreatedAsync<PaymentDto>();
        var admin = await ClientAsync(Roles.Admin);

        var check = await admin.GetOkAsync<LedgerCheckDto>("/api/v1/admin/ledger/check");

        check.Ok.Should().BeTrue();
    }
}
