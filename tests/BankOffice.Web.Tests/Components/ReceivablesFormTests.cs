using System.Text.Json;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class ReceivablesFormTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReceivablesClient receivables = new();

    public ReceivablesFormTests()
    {
        receivables.Accounts.Add(FakeReceivablesClient.Account());
        ctx.Services.AddSingleton<IReceivablesClient>(receivables);
        ctx.SignIn("Tess Teller", [Roles.Teller], RolePermissions.For(Roles.Teller));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void InvoiceLines_TypedValues_ShowLiveTotalsWithApiRounding()
    {
        var cut = ctx.Render<InvoiceForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));

        cut.Find("[data-testid=line-quantity]").Input("3");
        cut.Find("[data-testid=line-price]").Input("33.335");
        cut.Find("[data-testid=line-tax]").Input("18");

        cut.Find("[data-testid=total-subtotal]").TextContent.Should().Be("100.01 TRY");
        cut.Find("[data-testid=total-tax]").TextContent.Should().Be("18.00 TRY");
        cut.Find("[data-testid=total-total]").TextContent.Should().Be("118.01 TRY");

        cut.Find("[data-testid=line-add]").Click();
        cut.FindAll("[data-testid=invoice-line]")[1].QuerySelector("[data-testid=line-quantity]")!.Should().NotBeNull();
        cut.FindAll("[data-testid=line-quantity]")[1].Input("2");
        cut.FindAll("[data-testid=line-price]")[1].Input("10");
        cut.FindAll("[data-testid=line-tax]")[1].Input("0");
        cut.Find("[data-testid=total-total]").TextContent.Should().Be("138.01 TRY");

        cut.FindAll("[data-testid=line-remove]")[1].Click();
        cut.FindAll("[data-testid=invoice-line]").Should().HaveCount(1);
        cut.Find("[data-testid=total-total]").TextContent.Should().Be("118.01 TRY");
    }

    [Fact]
    public void InvoiceLines_MissingOrInvalidValues_BlockContinueWithReadableProblems()
    {
        var cut = ctx.Render<InvoiceForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));

        cut.Find("[data-testid=line-quantity]").Input("0");
        cut.Find("[data-testid=line-price]").Input("5");
        cut.Find("[data-testid=invoice-form]").Submit();

        cut.Find("[data-testid=lines-errors]").TextContent.Should().Contain("Line 1: product code and description are required.");
        cut.Find("[data-testid=line-product]").Input("P1");
        cut.Find("[data-testid=line-description]").Input("Widget");
        cut.Find("[data-testid=invoice-form]").Submit();
        cut.Find("[data-testid=lines-errors]").TextContent.Should().Contain("quantity must be a number above 0");
        cut.FindAll("[data-testid=confirm-panel]").Should().BeEmpty();
        receivables.Posted.Should().BeEmpty();
    }

    [Fact]
    public void InvoiceConfirm_CreditLimitExceeded_ShowsReadableNumbers()
    {
        receivables.Errors.Enqueue(CreditLimitError());
        var cut = ctx.Render<InvoiceForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));
        FillLine(cut);
        cut.Find("[data-testid=invoice-form]").Submit();
        cut.Find("[data-testid=confirm-total]").TextContent.Should().Be("118.01 TRY");

        cut.Find("[data-testid=confirm-submit]").Click();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be(
            "Credit limit exceeded: limit 10,000.00 TRY, current balance 9,950.00 TRY, this invoice 118.01 TRY, available credit 50.00 TRY.");
        cut.FindAll("[data-testid=invoice-override-reason]").Should().BeEmpty("a teller has no credit.approve");
        var (request, _) = receivables.Posted.Should().ContainSingle().Subject;
        ((CreateInvoiceRequest)request).Items.Should().ContainSingle().Which.TaxRate.Should().Be(0.18m);
    }

    [Fact]
    public void InvoiceConfirm_CreditApproverGivesReason_RetriesWithOverrideAndNewKey()
    {
        ctx.SignIn("Mona Manager", [Roles.Manager], RolePermissions.For(Roles.Manager));
        receivables.Errors.Enqueue(CreditLimitError());
        var cut = ctx.Render<InvoiceForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));
        FillLine(cut);
        cut.Find("[data-testid=invoice-form]").Submit();
        cut.Find("[data-testid=confirm-submit]").Click();

        cut.Find("[data-testid=invoice-override-reason]").Change("Long-standing customer, approved by phone");
        cut.Find("[data-testid=confirm-submit]").Click();

        cut.Find("[data-testid=invoice-result]").TextContent.Should().Contain("INV-2026-000099");
        receivables.Posted.Should().HaveCount(2);
        ((CreateInvoiceRequest)receivables.Posted[1].Request).CreditOverrideReason.Should().Be("Long-standing customer, approved by phone");
        receivables.Posted[1].Key.Should().NotBe(receivables.Posted[0].Key);
    }

    [Fact]
    public void Payment_Preview_ShowsAllocationAndPostsOnlyOnConfirmWithKey()
    {
        var cut = ctx.Render<PaymentForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));
        cut.Find("[data-testid=payment-customer-info]").TextContent.Should().Contain("NET30");

        cut.Find("[data-testid=amount-input]").Change("250");
        cut.Find("[data-testid=payment-reference]").Change("WIRE-42");
        cut.Find("[data-testid=payment-preview]").Click();

        receivables.Previews.Should().ContainSingle().Which.Amount.Should().Be(250m);
        receivables.Posted.Should().BeEmpty();
        var rows = cut.FindAll("[data-testid=preview-allocations] [data-testid=allocation-row]");
        rows.Should().HaveCount(2);
        rows[1].QuerySelector("[data-testid=allocation-amount]")!.TextContent.Should().Be("150.00 TRY");
        cut.Find("[data-testid=allocation-unallocated]").TextContent.Should().Be("0.00 TRY");

        cut.Find("[data-testid=confirm-submit]").Click();

        var (request, key) = receivables.Posted.Should().ContainSingle().Subject;
        key.Should().NotBeNullOrWhiteSpace();
        ((RecordPaymentRequest)request).Should().BeEquivalentTo(new { CustomerId = "C000003", Amount = 250m, Reference = "WIRE-42", AllocationType = AllocationType.AUTO, PaymentMethod = PaymentMethod.BANK_TRANSFER });
        cut.Find("[data-testid=result-payment-number]").TextContent.Should().Be("PAY-2026-000001");
        cut.FindAll("[data-testid=allocation-invoice-link]").Select(a => a.GetAttribute("href")).Should().Equal("/invoices/INV-2026-000001", "/invoices/INV-2026-000002");
    }

    [Fact]
    public void Payment_RetryAfterError_SendsTheSameKey()
    {
        receivables.Errors.Enqueue(new ApiException(503, "UNAVAILABLE", "Unavailable", "Try again."));
        var cut = ctx.Render<PaymentForm>(p => p.Add(c => c.InitialCustomerId, "C000003"));
        cut.Find("[data-testid=amount-input]").Change("120");
        cut.Find("[data-testid=payment-reference]").Change("R1");
        cut.Find("[data-testid=payment-preview]").Click();

        cut.Find("[data-testid=confirm-submit]").Click();
        cut.Find("[data-testid=confirm-submit]").Click();

        receivables.Posted.Should().HaveCount(2);
        receivables.Posted[1].Key.Should().Be(receivables.Posted[0].Key);
        cut.Find("[data-testid=payment-result]").Should().NotBeNull();
    }

    private static void FillLine(IRenderedComponent<InvoiceForm> cut)
    {
        cut.Find("[data-testid=line-product]").Input("P1");
        cut.Find("[data-testid=line-description]").Input("Widget");
        cut.Find("[data-testid=line-quantity]").Input("3");
        cut.Find("[data-testid=line-price]").Input("33.335");
        cut.Find("[data-testid=line-tax]").Input("18");
    }

    private static ApiException CreditLimitError()
    {
        var details = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"currentLimit":10000,"currentBalance":9950,"requestedAmount":118.01,"availableCredit":50}""")!;
        return new ApiException(422, "CREDIT_LIMIT_EXCEEDED", "Credit limit exceeded", "Credit limit exceeded", details: details);
    }
}
