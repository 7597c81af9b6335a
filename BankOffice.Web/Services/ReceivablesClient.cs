using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;

namespace BankOffice.Web.Services;

/// <summary>Invoice list filters.</summary>
public sealed record InvoiceListQuery(int Page = 1, int Size = PageRequest.DefaultSize, string? CustomerId = null, InvoiceStatus? Status = null);

/// <summary>The receivables API: credit accounts, invoices (created with an <c>Idempotency-Key</c>), payments (preview, then record with a key).</summary>
public interface IReceivablesClient
{
    Task<PagedResult<CreditAccountDto>> ListAccountsAsync(CreditAccountQuery query, CancellationToken ct = default);
    Task<CreditAccountDto> GetAccountAsync(string customerId, CancellationToken ct = default);
    Task<InvoiceDto> CreateInvoiceAsync(CreateInvoiceRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<PagedResult<InvoiceDto>> ListInvoicesAsync(InvoiceListQuery query, CancellationToken ct = default);
    Task<InvoiceDto> GetInvoiceAsync(string idOrNumber, CancellationToken ct = default);
    Task<PaymentDto> PreviewPaymentAsync(RecordPaymentRequest request, CancellationToken ct = default);
    Task<PaymentDto> RecordPaymentAsync(RecordPaymentRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<PaymentDto> GetPaymentAsync(string idOrNumber, CancellationToken ct = default);
    Task<PagedResult<PaymentDto>> ListPaymentsAsync(PaymentQuery query, CancellationToken ct = default);
    Task<PaymentDto> ReversePaymentAsync(string paymentId, ReversePaymentRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<CreditNoteDto> CreateCreditNoteAsync(CreateCreditNoteRequest request, string idempotencyKey, CancellationToken ct = default);
}

public sealed class ReceivablesClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IReceivablesClient
{
    public Task<PagedResult<CreditAccountDto>> ListAccountsAsync(CreditAccountQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<CreditAccountDto>>(
            QueryString.Build(
                "receivables/accounts",
                ("page", query.Page),
                ("size", query.Size),
                ("status", query.Status),
                ("creditStatus", query.CreditStatus),
                ("search", query.Search),
                ("sortBy", query.SortBy),
                ("sortOrder", query.SortOrder)),
            ct);

    public Task<CreditAccountDto> GetAccountAsync(string customerId, CancellationToken ct = default) =>
        GetAsync<CreditAccountDto>($"receivables/accounts/{Uri.EscapeDataString(customerId)}", ct);

    public Task<InvoiceDto> CreateInvoiceAsync(CreateInvoiceRequest request, string idempotencyKey, CancellationToken ct = default) =>
        ReadAsync<InvoiceDto>(HttpMethod.Post, "invoices", request, ct, Key(idempotencyKey));

    public Task<PagedResult<InvoiceDto>> ListInvoicesAsync(InvoiceListQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<InvoiceDto>>(
            QueryString.Build("invoices", ("customerId", query.CustomerId), ("status", query.Status), ("page", query.Page), ("size", query.Size)), ct);

    public Task<InvoiceDto> GetInvoiceAsync(string idOrNumber, CancellationToken ct = default) =>
        GetAsync<InvoiceDto>($"invoices/{Uri.EscapeDataString(idOrNumber)}", ct);

    public Task<PaymentDto> PreviewPaymentAsync(RecordPaymentRequest request, CancellationToken ct = default) =>
        ReadAsync<PaymentDto>(HttpMethod.Post, "payments/preview", request, ct);

    public Task<PaymentDto> RecordPaymentAsync(RecordPaymentRequest request, string idempotencyKey, CancellationToken ct = default) =>
        ReadAsync<PaymentDto>(HttpMethod.Post, "payments", request, ct, Key(idempotencyKey));

    public Task<PaymentDto> GetPaymentAsync(string idOrNumber, CancellationToken ct = default) =>
        GetAsync<PaymentDto>($"payments/{Uri.EscapeDataString(idOrNumber)}", ct);

    public Task<PagedResult<PaymentDto>> ListPaymentsAsync(PaymentQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<PaymentDto>>(
            QueryString.Build(
                "payments",
                ("customerId", query.CustomerId),
                ("fromDate", TransactionsClient.Date(query.FromDate)),
                ("toDate", TransactionsClient.Date(query.ToDate)),
                ("method", query.Method),
                ("status", query.Status),
                ("minAmount", query.MinAmount),
                ("maxAmount", query.MaxAmount),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public Task<PaymentDto> ReversePaymentAsync(string paymentId, ReversePaymentRequest request, string idempotencyKey, CancellationToken ct = default) =>
        ReadAsync<PaymentDto>(HttpMethod.Post, $"payments/{Uri.EscapeDataString(paymentId)}/reverse", request, ct, Key(idempotencyKey));

    public Task<CreditNoteDto> CreateCreditNoteAsync(CreateCreditNoteRequest request, string idempotencyKey, CancellationToken ct = default) =>
        ReadAsync<CreditNoteDto>(HttpMethod.Post, "credit-notes", request, ct, Key(idempotencyKey));

    private static Dictionary<string, string> Key(string idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyHeader.MaxLength)
        {
            throw new ArgumentException($"An idempotency key has 1 to {IdempotencyHeader.MaxLength} characters.", nameof(idempotencyKey));
        }

        return new Dictionary<string, string> { [IdempotencyHeader.Name] = idempotencyKey };
    }
}
