using BankOffice.Api.Collections;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Receivables;

public static class ReceivablesEndpoints
{
    public static RouteGroupBuilder MapReceivablesEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/receivables/accounts").WithTags("Receivables").RequireAuthorization(Permissions.AccountView);
        accounts.MapGet("/", ListAccounts);
        accounts.MapGet("/{customerId}", GetAccount);
        accounts.MapPost("/", OpenAccount).RequireAuthorization(Permissions.CreditApprove).Validate<OpenCreditAccountRequest>();

        var invoices = api.MapGroup("/invoices").WithTags("Receivables").RequireAuthorization(Permissions.AccountView);
        invoices.MapPost("/", CreateInvoice).RequireAuthorization(Permissions.AccountManage).Validate<CreateInvoiceRequest>();
        invoices.MapGet("/", ListInvoices);
        invoices.MapGet("/{invoiceId}", GetInvoice);

        var payments = api.MapGroup("/payments").WithTags("Receivables").RequireAuthorization(Permissions.AccountView);
        payments.MapPost("/", RecordPayment).RequireAuthorization(Permissions.PaymentProcess).Validate<RecordPaymentRequest>();
        payments.MapPost("/preview", PreviewPayment).RequireAuthorization(Permissions.PaymentProcess).Validate<RecordPaymentRequest>();
        payments.MapPost("/{paymentId}/allocate", Allocate).RequireAuthorization(Permissions.PaymentProcess).Validate<AllocatePaymentRequest>();
        payments.MapPost("/{paymentId}/reverse", ReversePayment).RequireAuthorization(Permissions.PaymentProcess).Validate<ReversePaymentRequest>();
        payments.MapGet("/", SearchPayments);
        payments.MapGet("/{paymentId}", GetPayment);

        var creditNotes = api.MapGroup("/credit-notes").WithTags("Receivables").RequireAuthorization(Permissions.AccountView);
        creditNotes.MapPost("/", IssueCreditNote).RequireAuthorization(Permissions.CreditApprove).Validate<CreateCreditNoteRequest>();
        creditNotes.MapGet("/{creditNoteId}", GetCreditNote);

        invoices.MapGet("/{invoiceId}/disputes", ListDisputes);
        invoices.MapPost("/{invoiceId}/disputes", RaiseDispute).Validate<RaiseDisputeRequest>();
        api.MapGroup("/disputes").WithTags("Receivables").RequireAuthorization(Permissions.AccountView)
            .MapPost("/{disputeId:guid}/resolve", ResolveDispute).Validate<ResolveDisputeRequest>();

        // Seed 003's customer statement (/accounts/{customerId}/statement) is mapped by StatementEndpoints with its other formats.
        return api;
    }

    public static async Task<Created<CreditAccountDto>> OpenAccount(OpenCreditAccountRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken)
    {
        var account = await service.OpenAccountAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/receivables/accounts/{account.CustomerId}", account);
    }

    public static async Task<Ok<CreditAccountDto>> GetAccount(string customerId, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAccountAsync(http.CurrentUser(), customerId, cancellationToken));

    public static async Task<Ok<PagedResult<CreditAccountDto>>> ListAccounts([AsParameters] CreditAccountQuery query, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAccountsAsync(http.CurrentUser(), query, cancellationToken));

    /// <summary>Needs an Idempotency-Key; refused with CREDIT_LIMIT_EXCEEDED unless credit.approve overrides with a reason.</summary>
    public static async Task<Created<InvoiceDto>> CreateInvoice(CreateInvoiceRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken)
    {
        var (invoice, replayed) = await service.CreateInvoiceAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken);
        Idempotency.MarkReplay(http, replayed);
        return TypedResults.Created($"/api/v1/invoices/{invoice.InvoiceId}", invoice);
    }

    public static async Task<Ok<InvoiceDto>> GetInvoice(string invoiceId, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetInvoiceAsync(http.CurrentUser(), invoiceId, cancellationToken));

    public static async Task<Ok<PagedResult<InvoiceDto>>> ListInvoices(
        HttpContext http, ReceivablesService service, CancellationToken cancellationToken, string? customerId = null, InvoiceStatus? status = null, int page = 1, int size = PageRequest.DefaultSize) =>
        TypedResults.Ok(await service.ListInvoicesAsync(http.CurrentUser(), customerId, status, page, size, cancellationToken));

    /// <summary>Needs an Idempotency-Key; DUPLICATE_PAYMENT 409 for the same customer, reference and amount.</summary>
    public static async Task<Created<PaymentDto>> RecordPayment(
        RecordPaymentRequest request, HttpContext http, ReceivablesService service, CollectionsSweep sweep, ILogger<ReceivablesService> logger, CancellationToken cancellationToken)
    {
        var (payment, replayed) = await service.RecordPaymentAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken);
        Idempotency.MarkReplay(http, replayed);
        if (!replayed)
        {
            // A payment can keep a promise or complete a plan at once; the background sweep would get there later anyway.
            try
            {
                await sweep.RunAsync(payment.CustomerId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Collections sweep after payment {Payment} failed; the background sweep retries", payment.PaymentNumber);
            }
        }

        return TypedResults.Created($"/api/v1/payments/{payment.PaymentId}", payment);
    }

    /// <summary>Needs an Idempotency-Key and credit.approve; at most what is still owed on the invoice.</summary>
    public static async Task<Created<CreditNoteDto>> IssueCreditNote(CreateCreditNoteRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken)
    {
        var (note, replayed) = await service.IssueCreditNoteAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken);
        Idempotency.MarkReplay(http, replayed);
        return TypedResults.Created($"/api/v1/credit-notes/{note.CreditNoteId}", note);
    }

    public static async Task<Ok<CreditNoteDto>> GetCreditNote(string creditNoteId, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetCreditNoteAsync(http.CurrentUser(), creditNoteId, cancellationToken));

    public static async Task<Ok<PaymentDto>> PreviewPayment(RecordPaymentRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PreviewPaymentAsync(http.CurrentUser(), request, cancellationToken));

    /// <summary>Needs an Idempotency-Key; moves unallocated money onto invoices.</summary>
    public static async Task<Ok<PaymentDto>> Allocate(string paymentId, AllocatePaymentRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken)
    {
        var (payment, replayed) = await service.AllocateAsync(http.CurrentUser(), paymentId, request, Idempotency.From(http, new { paymentId, request.Allocations }), cancellationToken);
        Idempotency.MarkReplay(http, replayed);
        return TypedResults.Ok(payment);
    }

    /// <summary>Needs an Idempotency-Key; restores the invoices the payment paid; once only (409 ALREADY_REVERSED).</summary>
    public static async Task<Ok<PaymentDto>> ReversePayment(string paymentId, ReversePaymentRequest request, HttpContext http, ReceivablesService service, CancellationToken cancellationToken)
    {
        var (payment, replayed) = await service.ReversePaymentAsync(http.CurrentUser(), paymentId, request, Idempotency.From(http, new { paymentId, request.Reason, request.ReversalDate, request.Notes }), cancellationToken);
        Idempotency.MarkReplay(http, replayed);
        return TypedResults.Ok(payment);
    }

    public static async Task<Ok<PagedResult<PaymentDto>>> SearchPayments([AsParameters] PaymentQuery query, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchPaymentsAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Ok<IReadOnlyList<InvoiceDisputeDto>>> ListDisputes(string invoiceId, HttpContext http, DisputeService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(http.CurrentUser(), invoiceId, cancellationToken));

    /// <summary>Staff with collection.manage or account.manage; at most the balance not already in an open dispute.</summary>
    public static async Task<Created<InvoiceDisputeDto>> RaiseDispute(string invoiceId, RaiseDisputeRequest request, HttpContext http, DisputeService service, CancellationToken cancellationToken)
    {
        var dispute = await service.RaiseAsync(http.CurrentUser(), invoiceId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/invoices/{dispute.InvoiceId}/disputes", dispute);
    }

    public static async Task<Ok<InvoiceDisputeDto>> ResolveDispute(Guid disputeId, ResolveDisputeRequest request, HttpContext http, DisputeService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ResolveAsync(http.CurrentUser(), disputeId, request, cancellationToken));

    public static async Task<Ok<PaymentDto>> GetPayment(string paymentId, HttpContext http, ReceivablesService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetPaymentAsync(http.CurrentUser(), paymentId, cancellationToken));

}
