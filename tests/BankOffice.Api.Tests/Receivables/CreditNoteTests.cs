using System.Net;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Credit notes reduce what is owed on one invoice, are approved by credit.approve, and post revenue and tax back.</summary>
public sealed class CreditNoteTests(ApiFactory factory) : ReceivablesTestBase(factory)
{
    private static Task<HttpResponseMessage> IssueAsync(HttpClient client, string customerId, string invoice, params object[] items) =>
        Ledger.LedgerApi.SendAsync(client, HttpMethod.Post, "/api/v1/credit-notes", new { customerId, relatedInvoiceId = invoice, reason = "PRODUCT_RETURN", items });

    [Fact]
    public async Task Issue_ByCreditOfficer_ReducesTheInvoiceAndPostsRevenueAndTaxBack()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var invoice = await CreateInvoiceAsync(Teller, customerId, [Item(10, 100m, 0.18m)]).CreatedAsync<InvoiceDto>();

        // 2 returned of 10: 200.00 + 36.00 tax = 236.00 off the 1,180.00 invoice.
        var note = await IssueAsync(CreditOfficer, customerId, invoice.InvoiceNumber, Item(2, 100m, 0.18m)).CreatedAsync<CreditNoteDto>();

        note.TotalAmount.Should().Be(236m);
        note.RelatedInvoiceId.Should().Be(invoice.InvoiceId);
        note.CreditNoteNumber.Should().MatchRegex("^CN-[0-9]{4}-[0-9]{6}$");
        var read = await InvoiceByIdAsync(invoice.InvoiceId);
        read.Balance.Should().Be(944m);
        read.Status.Should().Be(InvoiceStatus.PARTIAL);
        (await AccountAsync(customerId)).CurrentBalance.Should().Be(944m);
        (await LedgerLinesAsync(Teller, note.TransactionId)).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["RECEIVABLES-TRY"] = 236m,
            ["REVENUE-TRY"] = -200m,
            ["TAX_PAYABLE-TRY"] = -36m,
        });
        var statement = await Teller.GetOkAsync<CustomerStatementDto>($"/api/v1/accounts/{customerId}/statement");
        statement.Transactions.Should().Contain(t => t.Type == "CREDIT_NOTE" && t.Credit == 236m);
        statement.ClosingBalance.Should().Be(944m);
    }

    [Fact]
    public async Task Issue_MoreThanIsOwed_Returns400AndChangesNothing()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var invoice = await CreateInvoiceAsync(Teller, customerId, [Item(1, 100m)]).CreatedAsync<InvoiceDto>();

        using var response = await IssueAsync(CreditOfficer, customerId, invoice.InvoiceId.ToString(), Item(2, 100m));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "CREDIT_NOTE_EXCEEDS_BALANCE");
        (await InvoiceByIdAsync(invoice.InvoiceId)).Balance.Should().Be(100m);
    }

    [Fact]
    public async Task Issue_ByTeller_Returns403()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var invoice = await CreateInvoiceAsync(Teller, customerId, [Item(1, 100m)]).CreatedAsync<InvoiceDto>();

        using var response = await IssueAsync(Teller, customerId, invoice.InvoiceNumber, Item(1, 10m));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Issue_OtherCustomersInvoice_Returns404()
    {
        var customerId = await CustomerWithAccountAsync("NET30");
        var other = await CustomerWithAccountAsync("NET30");
        var invoice = await CreateInvoiceAsync(Teller, other, [Item(1, 100m)]).CreatedAsync<InvoiceDto>();

        using var response = await IssueAsync(CreditOfficer, customerId, invoice.InvoiceNumber, Item(1, 10m));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
    }
}
