using BankOffice.Core.Common;
using BankOffice.Core.Credit;

namespace BankOffice.Web.Services;

/// <summary>The credit API: applications and their maker-checker decisions, limit changes (with a second approver above the threshold) and reviews.</summary>
public interface ICreditClient
{
    Task<CreditApplicationDto> SubmitApplicationAsync(CreditApplicationRequest request, CancellationToken ct = default);
    Task<PagedResult<CreditApplicationDto>> ListApplicationsAsync(CreditApplicationQuery query, CancellationToken ct = default);
    Task<CreditApplicationDto> GetApplicationAsync(string idOrNumber, CancellationToken ct = default);
    Task<CreditApplicationDto> DecideAsync(string applicationId, CreditDecisionRequest request, CancellationToken ct = default);
    Task<CreditLimitResponse> ChangeLimitAsync(string customerId, CreditLimitRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<CreditLimitChangeDto>> LimitHistoryAsync(string customerId, CancellationToken ct = default);
    Task<IReadOnlyList<CreditLimitChangeDto>> PendingLimitChangesAsync(CancellationToken ct = default);
    Task<CreditLimitChangeDto> ApproveLimitChangeAsync(string approvalId, CancellationToken ct = default);
    Task<CreditLimitChangeDto> RejectLimitChangeAsync(string approvalId, LimitChangeRejectRequest request, CancellationToken ct = default);
    Task<PagedResult<CreditReviewDueDto>> ReviewsDueAsync(CreditReviewQuery query, CancellationToken ct = default);
    Task<CreditReviewDto> CompleteReviewAsync(string customerId, CompleteReviewRequest request, CancellationToken ct = default);
}

public sealed class CreditClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), ICreditClient
{
    public Task<CreditApplicationDto> SubmitApplicationAsync(CreditApplicationRequest request, CancellationToken ct = default) =>
        ReadAsync<CreditApplicationDto>(HttpMethod.Post, "credit-applications", request, ct);

    public Task<PagedResult<CreditApplicationDto>> ListApplicationsAsync(CreditApplicationQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<CreditApplicationDto>>(
            QueryString.Build(
                "credit-applications",
                ("status", query.Status),
                ("customerId", query.CustomerId),
                ("awaitingMe", query.AwaitingMe ? "true" : null),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public Task<CreditApplicationDto> GetApplicationAsync(string idOrNumber, CancellationToken ct = default) =>
        GetAsync<CreditApplicationDto>($"credit-applications/{Uri.EscapeDataString(idOrNumber)}", ct);

    public Task<CreditApplicationDto> DecideAsync(string applicationId, CreditDecisionRequest request, CancellationToken ct = default) =>
        ReadAsync<CreditApplicationDto>(HttpMethod.Put, $"credit-applications/{Uri.EscapeDataString(applicationId)}/decision", request, ct);

    public Task<CreditLimitResponse> ChangeLimitAsync(string customerId, CreditLimitRequest request, CancellationToken ct = default) =>
        ReadAsync<CreditLimitResponse>(HttpMethod.Put, $"accounts/{Uri.EscapeDataString(customerId)}/credit-limit", request, ct);

    public async Task<IReadOnlyList<CreditLimitChangeDto>> LimitHistoryAsync(string customerId, CancellationToken ct = default) =>
        await GetAsync<List<CreditLimitChangeDto>>($"accounts/{Uri.EscapeDataString(customerId)}/credit-limit/history", ct);

    public async Task<IReadOnlyList<CreditLimitChangeDto>> PendingLimitChangesAsync(CancellationToken ct = default) =>
        await GetAsync<List<CreditLimitChangeDto>>("credit-limit-changes?status=PENDING_APPROVAL", ct);

    public Task<CreditLimitChangeDto> ApproveLimitChangeAsync(string approvalId, CancellationToken ct = default) =>
        ReadAsync<CreditLimitChangeDto>(HttpMethod.Post, $"credit-limit-changes/{Uri.EscapeDataString(approvalId)}/approve", new { }, ct);

    public Task<CreditLimitChangeDto> RejectLimitChangeAsync(string approvalId, LimitChangeRejectRequest request, CancellationToken ct = default) =>
        ReadAsync<CreditLimitChangeDto>(HttpMethod.Post, $"credit-limit-changes/{Uri.EscapeDataString(approvalId)}/reject", request, ct);

    public Task<PagedResult<CreditReviewDueDto>> ReviewsDueAsync(CreditReviewQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<CreditReviewDueDto>>(
            QueryString.Build(
                "credit-reviews/due",
                ("dueDate", TransactionsClient.Date(query.DueDate)),
                ("category", query.Category),
                ("reviewer", query.Reviewer),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public Task<CreditReviewDto> CompleteReviewAsync(string customerId, CompleteReviewRequest request, CancellationToken ct = default) =>
        ReadAsync<CreditReviewDto>(HttpMethod.Post, $"credit-reviews/{Uri.EscapeDataString(customerId)}", request, ct);
}
