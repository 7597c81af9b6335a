using BankOffice.Core.Collections;
using BankOffice.Core.Common;

namespace BankOffice.Web.Services;

/// <summary>The collections API: the queue, a customer's case and timeline, activities and promises, payment plans, escalation and invoice disputes.</summary>
public interface ICollectionsClient
{
    Task<PagedResult<QueueItemDto>> QueueAsync(CollectionQueueQuery query, CancellationToken ct = default);
    Task<IReadOnlyList<CollectorDto>> CollectorsAsync(CancellationToken ct = default);
    Task<CollectionsCustomerDto> CustomerAsync(string customerId, CancellationToken ct = default);
    Task<CollectionCaseDto> ClaimAsync(string customerId, CancellationToken ct = default);
    Task<CollectionCaseDto> AssignAsync(string customerId, AssignCaseRequest request, CancellationToken ct = default);
    Task<CollectionActivityDto> RecordActivityAsync(CollectionActivityRequest request, CancellationToken ct = default);
    Task<EscalationDto> EscalateAsync(string customerId, EscalationRequest request, CancellationToken ct = default);
    Task<PaymentPlanDto> CreatePlanAsync(PaymentPlanRequest request, CancellationToken ct = default);
    Task<PagedResult<PaymentPlanDto>> ListPlansAsync(string? customerId, PlanStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default);
    Task<PaymentPlanDto> GetPlanAsync(string idOrNumber, CancellationToken ct = default);
    Task<PaymentPlanDto> CancelPlanAsync(string planId, CancelPlanRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<InvoiceDisputeDto>> DisputesAsync(string invoiceId, CancellationToken ct = default);
    Task<InvoiceDisputeDto> RaiseDisputeAsync(string invoiceId, RaiseDisputeRequest request, CancellationToken ct = default);
    Task<InvoiceDisputeDto> ResolveDisputeAsync(string disputeId, ResolveDisputeRequest request, CancellationToken ct = default);
}

public sealed class CollectionsClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), ICollectionsClient
{
    public Task<PagedResult<QueueItemDto>> QueueAsync(CollectionQueueQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<QueueItemDto>>(
            QueryString.Build(
                "collections/queue",
                ("collector", query.Collector),
                ("ageGroup", query.AgeGroup),
                ("priority", query.Priority),
                ("status", query.Status),
                ("search", query.Search),
                ("sortBy", query.SortBy),
                ("sortOrder", query.SortOrder),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public async Task<IReadOnlyList<CollectorDto>> CollectorsAsync(CancellationToken ct = default) =>
        await GetAsync<List<CollectorDto>>("collections/collectors", ct);

    public Task<CollectionsCustomerDto> CustomerAsync(string customerId, CancellationToken ct = default) =>
        GetAsync<CollectionsCustomerDto>($"collections/customers/{Uri.EscapeDataString(customerId)}", ct);

    public Task<CollectionCaseDto> ClaimAsync(string customerId, CancellationToken ct = default) =>
        ReadAsync<CollectionCaseDto>(HttpMethod.Post, $"collections/cases/{Uri.EscapeDataString(customerId)}/claim", new { }, ct);

    public Task<CollectionCaseDto> AssignAsync(string customerId, AssignCaseRequest request, CancellationToken ct = default) =>
        ReadAsync<CollectionCaseDto>(HttpMethod.Put, $"collections/cases/{Uri.EscapeDataString(customerId)}/assignment", request, ct);

    public Task<CollectionActivityDto> RecordActivityAsync(CollectionActivityRequest request, CancellationToken ct = default) =>
        ReadAsync<CollectionActivityDto>(HttpMethod.Post, "collections/activities", request, ct);

    public Task<EscalationDto> EscalateAsync(string customerId, EscalationRequest request, CancellationToken ct = default) =>
        ReadAsync<EscalationDto>(HttpMethod.Post, $"collections/cases/{Uri.EscapeDataString(customerId)}/escalate", request, ct);

    public Task<PaymentPlanDto> CreatePlanAsync(PaymentPlanRequest request, CancellationToken ct = default) =>
        ReadAsync<PaymentPlanDto>(HttpMethod.Post, "payment-plans", request, ct);

    public Task<PagedResult<PaymentPlanDto>> ListPlansAsync(string? customerId, PlanStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default) =>
        GetAsync<PagedResult<PaymentPlanDto>>(QueryString.Build("payment-plans", ("customerId", customerId), ("status", status), ("page", page), ("size", size)), ct);

    public Task<PaymentPlanDto> GetPlanAsync(string idOrNumber, CancellationToken ct = default) =>
        GetAsync<PaymentPlanDto>($"payment-plans/{Uri.EscapeDataString(idOrNumber)}", ct);

    public Task<PaymentPlanDto> CancelPlanAsync(string planId, CancelPlanRequest request, CancellationToken ct = default) =>
        ReadAsync<PaymentPlanDto>(HttpMethod.Post, $"payment-plans/{Uri.EscapeDataString(planId)}/cancel", request, ct);

    public async Task<IReadOnlyList<InvoiceDisputeDto>> DisputesAsync(string invoiceId, CancellationToken ct = default) =>
        await GetAsync<List<InvoiceDisputeDto>>($"invoices/{Uri.EscapeDataString(invoiceId)}/disputes", ct);

    public Task<InvoiceDisputeDto> RaiseDisputeAsync(string invoiceId, RaiseDisputeRequest request, CancellationToken ct = default) =>
        ReadAsync<InvoiceDisputeDto>(HttpMethod.Post, $"invoices/{Uri.EscapeDataString(invoiceId)}/disputes", request, ct);

    public Task<InvoiceDisputeDto> ResolveDisputeAsync(string disputeId, ResolveDisputeRequest request, CancellationToken ct = default) =>
        ReadAsync<InvoiceDisputeDto>(HttpMethod.Post, $"disputes/{Uri.EscapeDataString(disputeId)}/resolve", request, ct);
}
