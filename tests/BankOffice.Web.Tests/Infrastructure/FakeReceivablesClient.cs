using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written IReceivablesClient fake: records previews and postings (with keys); answers queued errors first.</summary>
public sealed class FakeReceivablesClient : IReceivablesClient
{
    public List<CreditAccountDto> Accounts { get; } = [];
    public List<RecordPaymentRequest> Previews { get; } = [];
    public List<(object Request, string Key)> Posted { get; } = [];
    public Queue<Exception> Errors { get; } = new();
    public List<PaymentQuery> PaymentSearches { get; } = [];

    public static CreditAccountDto Account(string customerId = "C000003", string terms = "NET30") =>
        new(customerId, "Acme Ltd", "1234567890", Currency.TRY, 10000m, 2500m, 7500m, 0m, CreditStatus.GOOD, terms, RiskCategory.B, null, CreditAccountStatus.ACTIVE,
            new AgingDto(1000m, 500m, 400m, 300m, 300m));

    public static PaymentDto Payment(RecordPaymentRequest r, string number = "PREVIEW") =>
        new(number == "PREVIEW" ? Guid.Empty : Guid.NewGuid(), number, r.CustomerId!, Currency.TRY, r.Amount!.Value, new DateOnly(2026, 11, 21), r.PaymentMethod!.Value, r.Reference!, "RECORDED",
            [new PaymentAllocationDto(Guid.NewGuid(), "INV-2026-000001", 100m, 0m), new PaymentAllocationDto(Guid.NewGuid(), "INV-2026-000002", r.Amount!.Value - 100m, 0m)], 0m, null, Guid.NewGuid());

    public Task<PagedResult<CreditAccountDto>> ListAccountsAsync(CreditAccountQuery query, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<CreditAccountDto>(Accounts, Pagination.Of(query.Page, query.Size, Accounts.Count)));

    public Task<CreditAccountDto> GetAccountAsync(string customerId, CancellationToken ct = default) =>
        Accounts.FirstOrDefault(a => a.CustomerId == customerId) is { } a
            ? Task.FromResult(a)
            : Task.FromException<CreditAccountDto>(new ApiException(404, "CREDIT_ACCOUNT_NOT_FOUND", "Not found", "The customer has no credit account."));

    public Task<InvoiceDto> CreateInvoiceAsync(CreateInvoiceRequest request, string idempotencyKey, CancellationToken ct = default)
    {
        Posted.Add((request, idempotencyKey));
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<InvoiceDto>(error);
        }

        var totals = InvoiceTotals.Of(request.Items.Select(i => i.ToLine()).ToList());
        return Task.FromResult(new InvoiceDto(Guid.NewGuid(), "INV-2026-000099", request.CustomerId!, Currency.TRY, new DateOnly(2026, 11, 21), new DateOnly(2026, 12, 21), "NET30",
            totals.Subtotal, totals.Tax, totals.Total, 0m, totals.Total, InvoiceStatus.OPEN, request.CreditOverrideReason, Guid.NewGuid(), [], []));
    }

    public Task<PagedResult<InvoiceDto>> ListInvoicesAsync(InvoiceListQuery query, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<InvoiceDto>([], Pagination.Of(query.Page, query.Size, 0)));

    public Task<InvoiceDto> GetInvoiceAsync(string idOrNumber, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PaymentDto> PreviewPaymentAsync(RecordPaymentRequest request, CancellationToken ct = default)
    {
        Previews.Add(request);
        return Task.FromResult(Payment(request));
    }

    public Task<PaymentDto> RecordPaymentAsync(RecordPaymentRequest request, string idempotencyKey, CancellationToken ct = default)
    {
        Posted.Add((request, idempotencyKey));
        return Errors.TryDequeue(out var error) ? Task.FromException<PaymentDto>(error) : Task.FromResult(Payment(request, "PAY-2026-000001"));
    }

    public Task<PaymentDto> GetPaymentAsync(string idOrNumber, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<PaymentDto>> ListPaymentsAsync(PaymentQuery query, CancellationToken ct = default)
    {
        PaymentSearches.Add(query);
        var request = new RecordPaymentRequest { CustomerId = "C000003", Amount = 250m, PaymentMethod = PaymentMethod.CASH, Reference = "R1" };
        return Task.FromResult(new PagedResult<PaymentDto>([Payment(request, "PAY-2026-000007")], Pagination.Of(query.Page, query.Size, 1)));
    }

    public Task<PaymentDto> ReversePaymentAsync(string paymentId, ReversePaymentRequest request, string idempotencyKey, CancellationToken ct = default)
    {
        Posted.Add((request, idempotencyKey));
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<PaymentDto>(error);
        }

        var recorded = new RecordPaymentRequest { CustomerId = "C000003", Amount = 250m, PaymentMethod = PaymentMethod.CHECK, Reference = "CHK-1" };
        return Task.FromResult(Payment(recorded, "PAY-2026-000001") with { Status = "REVERSED" });
    }

    public Task<CreditNoteDto> CreateCreditNoteAsync(CreateCreditNoteRequest request, string idempotencyKey, CancellationToken ct = default)
    {
        Posted.Add((request, idempotencyKey));
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<CreditNoteDto>(error);
        }

        var totals = InvoiceTotals.Of(request.Items.Select(i => i.ToLine()).ToList());
        return Task.FromResult(new CreditNoteDto(Guid.NewGuid(), "CN-2026-000001", request.CustomerId!, Guid.NewGuid(), "INV-2026-000001", new DateOnly(2026, 11, 21), request.Reason!, "manager",
            totals.Subtotal, totals.Tax, totals.Total, Guid.NewGuid(), []));
    }
}
