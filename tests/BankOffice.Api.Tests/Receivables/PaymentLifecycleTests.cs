using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Ledger;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>After a payment: preview, manual allocation, reversal, search and the statement that ties to the account.</summary>
public sealed class PaymentLifecycleTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key = null) =>
        Ledger.LedgerApi.SendAsync(client, HttpMethod.Post, path, body, key);

    [Fact]
    public async Task Preview_MatchesWhatTheRecordedPaymentAllocates_AndPostsNothing()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var older = await InvoiceAsync(customerId, 100m, Today.AddDays(-10));
        var newer = await InvoiceAsync(customerId, 200m, Today.AddDays(-1));
        var body = new { customerId, amount = 150m, paymentMethod = "CASH", reference = "PV-" + ApiFactory.Unique() };

        using var previewResponse = await Teller.PostAsJsonAsync($"{Payments}/preview", body, ApiFactory.Json);
        var preview = await previewResponse.ReadAsync<PaymentDto>(HttpStatusCode.OK);
        (await Factory.PaymentCountAsync(customerId)).Should().Be(0);
        var recorded = await PostAsync(Teller, Payments, body).CreatedAsync<PaymentDto>();

        // Oldest first: 100.00 settles the older invoice, 50.00 goes to the newer one.
        preview.Allocations.Select(a => (a.InvoiceId, a.Amount, a.Discount)).Should().Equal((older.InvoiceId, 100m, 0m), (newer.InvoiceId, 50m, 0m));
        recorded.Allocations.Select(a => (a.InvoiceId, a.Amount, a.Discount)).Should().Equal(preview.Allocations.Select(a => (a.InvoiceId, a.Amount, a.Discount)));
        recorded.Unallocated.Should().Be(preview.Unallocated).And.Be(0m);
    }

    [Fact]
    public async Task Allocate_UnallocatedMoney_SettlesTheInvoicePostsUnappliedToReceivablesAndReplays()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var invoice = await InvoiceAsync(customerId, 1_000m);
        var payment = await RecordPaymentAsync(Teller, customerId, 1_000m, "AL-" + ApiFactory.Unique(), allocationType: "MANUAL").CreatedAsync<PaymentDto>();
        var key = Guid.NewGuid().ToString();
        var body = new { allocations = new[] { new { invoiceId = invoice.InvoiceId, amount = 400m } } };

        using var first = await PostAsync(Teller, $"{Payments}/{payment.PaymentId}/allocate", body, key);
        using var replay = await PostAsync(Teller, $"{Payments}/{payment.PaymentId}/allocate", body, key);
        using var tooMuch = await PostAsync(Teller, $"{Payments}/{payment.PaymentId}/allocate", new { allocations = new[] { new { invoiceId = invoice.InvoiceId, amount = 700m } } });

        var allocated = await first.ReadAsync<PaymentDto>(HttpStatusCode.OK);
        allocated.Unallocated.Should().Be(600m);
        allocated.Allocations.Should().ContainSingle().Which.Amount.Should().Be(400m);
        replay.Headers.GetValues(Idempotency.ReplayedHeader).Should().Equal("true");
        await tooMuch.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        var read = await InvoiceByIdAsync(invoice.InvoiceId);
        read.Status.Should().Be(InvoiceStatus.PARTIAL);
        read.Balance.Should().Be(600m);
        var account = await AccountAsync(customerId);
        account.UnallocatedCredit.Should().Be(600m);
        account.CurrentBalance.Should().Be(0m, "1,000 invoiced, 1,000 paid: allocating moves money between them, it does not change what is owed");
        var entries = await Manager.GetOkAsync<PagedResult<TransactionDto>>("/api/v1/transactions?kind=ALLOCATION&size=100");
        var entry = entries.Data.Single(e => e.Description.Contains(payment.PaymentNumber));
        (await LedgerLinesAsync(Teller, entry.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["UNAPPLIED_CASH-TRY"] = -400m, ["RECEIVABLES-TRY"] = 400m });
    }

    [Fact]
    public async Task Reverse_AfterAutoAndManualAllocation_RestoresInvoicesAndBalanceOnceAndKeepsTheLedgerBalanced()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var a = await InvoiceAsync(customerId, 300m, Today.AddDays(-20));
        var b = await InvoiceAsync(customerId, 500m, Today.AddDays(-5));
        var before = await AccountAsync(customerId);
        var payment = await RecordPaymentAsync(Teller, customerId, 600m, "NSF-" + ApiFactory.Unique(), paymentMethod: "CHECK").CreatedAsync<PaymentDto>();

        using var byTeller = await PostAsync(Teller, $"{Payments}/{payment.PaymentId}/reverse", new { reason = "NSF_CHECK" });
        using var reversed = await PostAsync(Manager, $"{Payments}/{payment.PaymentId}/reverse", new { reason = "NSF_CHECK" });
        using var again = await PostAsync(Manager, $"{Payments}/{payment.PaymentId}/reverse", new { reason = "NSF_CHECK" });

        // A teller records payments but may not approve their reversal (credit.approve).
        await byTeller.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await reversed.ReadAsync<PaymentDto>(HttpStatusCode.OK)).Status.Should().Be("REVERSED");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.AlreadyReversed);
        (await InvoiceByIdAsync(a.InvoiceId)).Should().Match<InvoiceDto>(i => i.Balance == 300m && i.Status == InvoiceStatus.OPEN && i.Payments.Count == 0);
        (await InvoiceByIdAsync(b.InvoiceId)).Should().Match<InvoiceDto>(i => i.Balance == 500m && i.Status == InvoiceStatus.OPEN);
        var after = await AccountAsync(customerId);
        after.CurrentBalance.Should().Be(before.CurrentBalance);
        after.UnallocatedCredit.Should().Be(0m);
        using var admin = await ClientAsync(Core.Security.Roles.Admin);
        (await admin.GetOkAsync<LedgerCheckDto>("/api/v1/admin/ledger/check")).Ok.Should().BeTrue();
        var search = await Teller.GetOkAsync<PagedResult<PaymentDto>>($"{Payments}?customerId={customerId}&status=REVERSED");
        search.Data.Should().ContainSingle().Which.PaymentId.Should().Be(payment.PaymentId);
    }

    [Fact]
    public async Task Statement_ClosingBalanceTiesToTheAccountAndOpeningToWhatCameBefore()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        await InvoiceAsync(customerId, 1_000m, Today.AddDays(-40));
        await InvoiceAsync(customerId, 250m, Today.AddDays(-3));
        await RecordPaymentAsync(Teller, customerId, 400m, "ST-" + ApiFactory.Unique(), paymentDate: Today.AddDays(-2)).CreatedAsync<PaymentDto>();

        var statement = await Teller.GetOkAsync<CustomerStatementDto>($"/api/v1/accounts/{customerId}/statement?fromDate={Today.AddDays(-10):yyyy-MM-dd}&toDate={Today:yyyy-MM-dd}&format=json");

        // Before the period: the 1,000.00 invoice. In it: +250.00 invoice, −400.00 payment.
        statement.OpeningBalance.Should().Be(1_000m);
        statement.Transactions.Select(t => (t.Type, t.Debit, t.Credit, t.Balance)).Should().Equal(("INVOICE", 250m, 0m, 1_250m), ("PAYMENT", 0m, 400m, 850m));
        statement.ClosingBalance.Should().Be(850m).And.Be((await AccountAsync(customerId)).CurrentBalance);
        using var unknown = await Teller.GetAsync($"/api/v1/accounts/{customerId}/statement?format=doc");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Core.Statements.StatementErrorCodes.InvalidFormat);
    }

    [Fact]
    public async Task GetAccount_Seed003PathWithCustomerId_AnswersTheCreditAccount()
    {
        var customerId = await CustomerWithAccountAsync("2/10 NET30", creditLimit: 5_000m);

        var viaSeedPath = await Teller.GetOkAsync<CreditAccountDto>($"/api/v1/accounts/{customerId}");

        viaSeedPath.CustomerId.Should().Be(customerId);
        viaSeedPath.CreditLimit.Should().Be(5_000m);
        viaSeedPath.PaymentTerms.Should().Be("2/10 NET30");
    }

    [Fact]
    public async Task Ledger_ReceivablesControlAndUnappliedCash_EqualTheSumOfCustomerBalances()
    {
        // Statements tie to the accounts (above); this ties the accounts to the ledger: whatever
        // documents were posted, RECEIVABLES (debit-negative) plus UNAPPLIED_CASH equals minus the
        // sum of what every customer owes net of their unallocated credit.
        var customerId = await CustomerWithAccountAsync("2/10 NET30");
        var invoice = await InvoiceAsync(customerId, 700m, Today.AddDays(-3));
        await InvoiceAsync(customerId, 300m, Today.AddDays(-40));
        var payment = await RecordPaymentAsync(Teller, customerId, 1_200m, "TIE-" + ApiFactory.Unique(), allocationType: "MANUAL").CreatedAsync<PaymentDto>();
        using var allocate = await Ledger.LedgerApi.SendAsync(Teller, HttpMethod.Post, $"{Payments}/{payment.PaymentId}/allocate",
            new { allocations = new[] { new { invoiceId = invoice.InvoiceId, amount = 500m } } });
        allocate.StatusCode.Should().Be(HttpStatusCode.OK);

        var accounts = await Manager.GetOkAsync<PagedResult<CreditAccountDto>>($"{CreditAccounts}?size=100");
        var ledger = await Factory.WithDbAsync(db => (from l in db.JournalLines
                                                      join a in db.LedgerAccounts on l.LedgerAccountId equals a.Id
                                                      where a.Code == "RECEIVABLES-TRY" || a.Code == "UNAPPLIED_CASH-TRY"
                                                      select l.Amount).SumAsync());

        accounts.Pagination.Total.Should().BeLessThanOrEqualTo(100);
        ledger.Should().Be(-accounts.Data.Sum(a => a.CurrentBalance));
        accounts.Data.Single(a => a.CustomerId == customerId).CurrentBalance.Should().Be(-200m, "1,000 invoiced, 1,200 received");
    }
}
