using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class ReceivablesReversalTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReceivablesClient receivables = new();
    private readonly LookupReceivablesClient lookup;

    public ReceivablesReversalTests()
    {
        lookup = new LookupReceivablesClient(receivables);
        ctx.Services.AddSingleton<IReceivablesClient>(lookup);
        ctx.SignIn("Mona Manager", [Roles.Manager], RolePermissions.For(Roles.Manager));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Reversal_PostsOnlyOnConfirm_AndRetriesWithTheSameKey()
    {
        lookup.Payment = RecordedPayment();
        receivables.Errors.Enqueue(new ApiException(503, "UNAVAILABLE", "Unavailable", "Try again."));
        var cut = ctx.Render<ReversePaymentPage>(p => p.Add(c => c.PaymentId, "PAY-2026-000001"));
        cut.Find("[data-testid=reverse-payment-number]").TextContent.Should().Be("PAY-2026-000001");
        cut.FindAll("[data-testid=reverse-allocations] [data-testid=allocation-row]").Should().HaveCount(2);

        cut.Find("[data-testid=reverse-continue]").Click();
        cut.Find("[data-testid=reverse-problem]").TextContent.Should().Be("Choose a reason.");

        cut.Find("[data-testid=reverse-reason]").Change("NSF_CHECK");
        cut.Find("[data-testid=reverse-notes]").Input("Bounced");
        cut.Find("[data-testid=reverse-continue]").Click();
        receivables.Posted.Should().BeEmpty("nothing is posted before Confirm");
        cut.Find("[data-testid=reverse-impact]").TextContent.Should().Be(
            "This re-opens 2 invoices and takes back 50.00 TRY unallocated credit. You approve it as Mona Manager.");

        cut.Find("[data-testid=reverse-confirm]").Click();
        cut.Find("[data-testid=error-alert]").Should().NotBeNull();
        cut.Find("[data-testid=reverse-confirm]").Click();

        receivables.Posted.Should().HaveCount(2);
        receivables.Posted[1].Key.Should().Be(receivables.Posted[0].Key).And.NotBeNullOrWhiteSpace();
        ((ReversePaymentRequest)receivables.Posted[0].Request).Should().BeEquivalentTo(new { Reason = "NSF_CHECK", Notes = "Bounced" });
        lookup.ReversedIds.Should().AllBe(lookup.Payment.PaymentId.ToString());
        cut.Find("[data-testid=reverse-result-status]").TextContent.Should().Be("REVERSED");
        cut.Find("[data-testid=reverse-result-payment-link]").GetAttribute("href").Should().Be("/payments/PAY-2026-000001");
        cut.FindAll("[data-testid=reverse-result-invoice-link]").Select(a => a.GetAttribute("href")).Should().Equal("/invoices/INV-2026-000001", "/invoices/INV-2026-000002");
    }

    [Fact]
    public void Reversal_FreeTextReason_IsSent()
    {
        lookup.Payment = RecordedPayment();
        var cut = ctx.Render<ReversePaymentPage>(p => p.Add(c => c.PaymentId, "PAY-2026-000001"));
        cut.Find("[data-testid=reverse-reason]").Change("__free");
        cut.Find("[data-testid=reverse-reason-text]").Input("Bank recalled the wire");
        cut.Find("[data-testid=reverse-continue]").Click();
        cut.Find("[data-testid=reverse-confirm]").Click();

        ((ReversePaymentRequest)receivables.Posted.Should().ContainSingle().Subject.Request).Reason.Should().Be("Bank recalled the wire");
        cut.Find("[data-testid=reverse-result]").Should().NotBeNull();
    }

    [Fact]
    public void Reversal_AlreadyReversedPayment_ShowsThatAndNoForm()
    {
        lookup.Payment = RecordedPayment() with { Status = "REVERSED" };
        var cut = ctx.Render<ReversePaymentPage>(p => p.Add(c => c.PaymentId, "PAY-2026-000001"));

        cut.Find("[data-testid=reverse-already]").TextContent.Should().Contain("already been reversed");
        cut.FindAll("[data-testid=reverse-reason]").Should().BeEmpty();
        cut.FindAll("[data-testid=reverse-continue]").Should().BeEmpty();
    }

    [Fact]
    public void Reversal_AlreadyReversedError_RendersReadably()
    {
        lookup.Payment = RecordedPayment();
        receivables.Errors.Enqueue(new ApiException(409, "ALREADY_REVERSED", "Conflict", "already reversed"));
        var cut = ctx.Render<ReversePaymentPage>(p => p.Add(c => c.PaymentId, "PAY-2026-000001"));
        cut.Find("[data-testid=reverse-reason]").Change("DUPLICATE");
        cut.Find("[data-testid=reverse-continue]").Click();
        cut.Find("[data-testid=reverse-confirm]").Click();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be("This payment has already been reversed.");
    }

    [Fact]
    public void Reversal_CreditOfficerWithoutPaymentProcess_IsDenied()
    {
        ctx.SignIn("Cora", [Roles.CreditOfficer], RolePermissions.For(Roles.CreditOfficer));
        lookup.Payment = RecordedPayment();
        var cut = ctx.Render<ReversePaymentPage>(p => p.Add(c => c.PaymentId, "PAY-2026-000001"));

        cut.Find("[data-testid=access-denied]").Should().NotBeNull();
        cut.FindAll("[data-testid=reverse-reason]").Should().BeEmpty();
    }

    [Fact]
    public void CreditNote_LiveTotalFollowsQuantities()
    {
        var cut = ctx.Render<CreditNoteForm>(p => p.Add(c => c.Invoice, Invoice(balance: 1000m)).Add(c => c.ApproverName, "Mona Manager"));
        cut.Find("[data-testid=cn-invoice-number]").TextContent.Should().Be("INV-2026-000001");
        cut.Find("[data-testid=cn-balance]").TextContent.Should().Be("1,000.00 TRY");
        cut.Find("[data-testid=cn-total]").TextContent.Should().Be("680.00 TRY", "pre-filled: 5 × 100 + 18% and 1 × 90 + 0%");

        cut.FindAll("[data-testid=cn-line-remove]")[1].Click();
        cut.Find("[data-testid=cn-line-quantity]").Input("2");

        cut.Find("[data-testid=cn-subtotal]").TextContent.Should().Be("200.00 TRY");
        cut.Find("[data-testid=cn-tax]").TextContent.Should().Be("36.00 TRY");
        cut.Find("[data-testid=cn-total]").TextContent.Should().Be("236.00 TRY");
    }

    [Fact]
    public void CreditNote_TotalAboveBalance_IsRefusedWithoutCallingTheApi()
    {
        var cut = ctx.Render<CreditNoteForm>(p => p.Add(c => c.Invoice, Invoice(balance: 200m)));
        cut.FindAll("[data-testid=cn-line-remove]")[1].Click();
        cut.Find("[data-testid=cn-line-quantity]").Input("2");
        cut.Find("[data-testid=cn-reason]").Change("PRODUCT_RETURN");

        cut.Find("[data-testid=cn-continue]").Click();

        cut.Find("[data-testid=cn-problems]").TextContent.Should().Contain("The credit note total 236.00 TRY is more than the invoice's open balance 200.00 TRY.");
        cut.FindAll("[data-testid=cn-confirm]").Should().BeEmpty();
        receivables.Posted.Should().BeEmpty();
    }

    [Fact]
    public void CreditNote_ConfirmPostsOnceWithKey_AndShowsTheNumber()
    {
        var cut = ctx.Render<CreditNoteForm>(p => p.Add(c => c.Invoice, Invoice(balance: 1000m)).Add(c => c.ApproverName, "Mona Manager"));
        cut.FindAll("[data-testid=cn-line-remove]")[1].Click();
        cut.Find("[data-testid=cn-line-quantity]").Input("2");
        cut.Find("[data-testid=cn-reason]").Change("DAMAGED");
        cut.Find("[data-testid=cn-continue]").Click();
        receivables.Posted.Should().BeEmpty();
        cut.Find("[data-testid=cn-confirm-total]").TextContent.Should().Be("236.00 TRY");

        cut.Find("[data-testid=cn-confirm]").Click();

        var (request, key) = receivables.Posted.Should().ContainSingle().Subject;
        key.Should().NotBeNullOrWhiteSpace();
        var sent = (CreateCreditNoteRequest)request;
        sent.Should().BeEquivalentTo(new { CustomerId = "C000003", Reason = "DAMAGED" });
        sent.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ProductCode = "P1", Quantity = 2m, UnitPrice = 100m, TaxRate = 0.18m });
        cut.Find("[data-testid=cn-result-number]").TextContent.Should().Be("CN-2026-000001");
        cut.Find("[data-testid=cn-result-invoice-link]").GetAttribute("href").Should().Be("/invoices/INV-2026-000001");
    }

    [Fact]
    public void CreditNote_ExceedsBalanceError_RendersReadably_AndRetryKeepsTheKey()
    {
        var details = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"invoiceBalance":150.5,"creditTotal":236}""")!;
        receivables.Errors.Enqueue(new ApiException(422, "CREDIT_NOTE_EXCEEDS_BALANCE", "Credit note exceeds balance", "exceeds", details: details));
        var cut = ctx.Render<CreditNoteForm>(p => p.Add(c => c.Invoice, Invoice(balance: 1000m)));
        cut.FindAll("[data-testid=cn-line-remove]")[1].Click();
        cut.Find("[data-testid=cn-line-quantity]").Input("2");
        cut.Find("[data-testid=cn-reason]").Change("OTHER");
        cut.Find("[data-testid=cn-continue]").Click();

        cut.Find("[data-testid=cn-confirm]").Click();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be(
            "The credit note total 236.00 TRY is more than the invoice's open balance 150.50 TRY. Lower the quantities or remove lines.");
        cut.Find("[data-testid=cn-confirm]").Click();
        receivables.Posted.Should().HaveCount(2);
        receivables.Posted[1].Key.Should().Be(receivables.Posted[0].Key);
    }

    private static PaymentDto RecordedPayment()
    {
        var request = new RecordPaymentRequest { CustomerId = "C000003", Amount = 300m, PaymentMethod = PaymentMethod.CHECK, Reference = "CHK-9" };
        return FakeReceivablesClient.Payment(request, "PAY-2026-000001") with { Unallocated = 50m };
    }

    private static InvoiceDto Invoice(decimal balance) =>
        new(Guid.NewGuid(), "INV-2026-000001", "C000003", Currency.TRY, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), "NET30",
            590m, 90m, 680m, 680m - balance, balance, InvoiceStatus.OPEN, null, Guid.NewGuid(),
            [new InvoiceItemDto(1, "P1", "Widget", 5m, 100m, 0.18m, 500m, 90m), new InvoiceItemDto(2, "P2", "Service", 1m, 90m, 0m, 90m, 0m)], []);

    /// <summary>The shared fake, plus GET of one payment or invoice set by the test.</summary>
    private sealed class LookupReceivablesClient(FakeReceivablesClient inner) : IReceivablesClient
    {
        public PaymentDto Payment { get; set; } = default!;
        public InvoiceDto? Invoice { get; set; }
        public List<string> ReversedIds { get; } = [];

        public Task<PaymentDto> GetPaymentAsync(string idOrNumber, CancellationToken ct = default) => Task.FromResult(Payment);

        public Task<InvoiceDto> GetInvoiceAsync(string idOrNumber, CancellationToken ct = default) =>
            Invoice is null ? Task.FromException<InvoiceDto>(new ApiException(404, "INVOICE_NOT_FOUND", "Not found", "There is no such invoice.")) : Task.FromResult(Invoice);

        public Task<PaymentDto> ReversePaymentAsync(string paymentId, ReversePaymentRequest request, string idempotencyKey, CancellationToken ct = default)
        {
            ReversedIds.Add(paymentId);
            return inner.ReversePaymentAsync(paymentId, request, idempotencyKey, ct);
        }

        public Task<CreditNoteDto> CreateCreditNoteAsync(CreateCreditNoteRequest request, string idempotencyKey, CancellationToken ct = default) =>
            inner.CreateCreditNoteAsync(request, idempotencyKey, ct);

        public Task<PagedResult<CreditAccountDto>> ListAccountsAsync(CreditAccountQuery query, CancellationToken ct = default) => inner.ListAccountsAsync(query, ct);
        public Task<CreditAccountDto> GetAccountAsync(string customerId, CancellationToken ct = default) => inner.GetAccountAsync(customerId, ct);
        public Task<InvoiceDto> CreateInvoiceAsync(CreateInvoiceRequest request, string idempotencyKey, CancellationToken ct = default) => inner.CreateInvoiceAsync(request, idempotencyKey, ct);
        public Task<PagedResult<InvoiceDto>> ListInvoicesAsync(InvoiceListQuery query, CancellationToken ct = default) => inner.ListInvoicesAsync(query, ct);
        public Task<PaymentDto> PreviewPaymentAsync(RecordPaymentRequest request, CancellationToken ct = default) => inner.PreviewPaymentAsync(request, ct);
        public Task<PaymentDto> RecordPaymentAsync(RecordPaymentRequest request, string idempotencyKey, CancellationToken ct = default) => inner.RecordPaymentAsync(request, idempotencyKey, ct);
        public Task<PagedResult<PaymentDto>> ListPaymentsAsync(PaymentQuery query, CancellationToken ct = default) => inner.ListPaymentsAsync(query, ct);
    }
}
