using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written ICreditClient fake: records what the screens send; answers queued errors first on writes.</summary>
public sealed class FakeCreditClient : ICreditClient
{
    public List<CreditApplicationDto> Applications { get; } = [];
    public List<CreditApplicationQuery> ApplicationQueries { get; } = [];
    public List<CreditApplicationRequest> Submitted { get; } = [];
    public List<(string Id, CreditDecisionRequest Request)> Decisions { get; } = [];
    public List<CreditLimitChangeDto> History { get; } = [];
    public List<CreditLimitRequest> LimitRequests { get; } = [];
    public List<CreditLimitChangeDto> Pending { get; } = [];
    public List<string> Approved { get; } = [];
    public List<(string Id, string Reason)> Rejected { get; } = [];
    public List<CreditReviewDueDto> ReviewsDue { get; } = [];
    public List<CreditReviewQuery> ReviewQueries { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    /// <summary>How the next limit change ends up.</summary>
    public LimitChangeStatus NextLimitStatus { get; set; } = LimitChangeStatus.APPLIED;

    public static CreditApplicationDto Application(string submittedBy = "credit@bankoffice.local", CreditApplicationStatus status = CreditApplicationStatus.PENDING) =>
        new(Guid.Parse("11111111-2222-3333-4444-555555555555"), "CA-2026-000001", "C000003", "Acme Ltd", Currency.TRY, 10000m, 50000m, "Seasonal stock build-up",
            new FinancialDataDto(1200000m, 1.8m, 0.4m), [new TradeReferenceDto("Supplier A", "Ayse", "+90 212 000 00 00")], status, submittedBy,
            DateTimeOffset.UnixEpoch, null, null, null, [], null, null, null, null);

    public static CreditLimitChangeDto Change(string approvalId, string requestedBy, LimitChangeStatus status = LimitChangeStatus.PENDING_APPROVAL) =>
        new(approvalId, "C000003", Currency.TRY, 10000m, 250000m, new DateOnly(2026, 11, 21), null, "Large new contract", LimitChangeSource.MANUAL, null, status,
            requestedBy, DateTimeOffset.UnixEpoch, null, null, null, null, null);

    public static CreditReviewDueDto ReviewDue() =>
        new("C000003", "Acme Ltd", Currency.TRY, RiskCategory.B, 10000m, 8500m, 85m, 12, CreditStatus.WARNING, new DateOnly(2026, 11, 1), "credit@bankoffice.local", -20);

    public Task<CreditApplicationDto> SubmitApplicationAsync(CreditApplicationRequest request, CancellationToken ct = default)
    {
        Submitted.Add(request);
        return Answer(() => Application("someone") with { CustomerId = request.CustomerId!, RequestedLimit = request.RequestedLimit!.Value, ApplicationNumber = "CA-2026-000042" });
    }

    public Task<PagedResult<CreditApplicationDto>> ListApplicationsAsync(CreditApplicationQuery query, CancellationToken ct = default)
    {
        ApplicationQueries.Add(query);
        return Task.FromResult(new PagedResult<CreditApplicationDto>(Applications, Pagination.Of(query.Page, query.Size, Applications.Count)));
    }

    public Task<CreditApplicationDto> GetApplicationAsync(string idOrNumber, CancellationToken ct = default) =>
        Applications.FirstOrDefault(a => a.ApplicationNumber == idOrNumber || a.ApplicationId.ToString() == idOrNumber) is { } a
            ? Task.FromResult(a)
            : Task.FromException<CreditApplicationDto>(new ApiException(404, CreditErrors.ApplicationNotFound, "Not found", "There is no such credit application."));

    public Task<CreditApplicationDto> DecideAsync(string applicationId, CreditDecisionRequest request, CancellationToken ct = default)
    {
        Decisions.Add((applicationId, request));
        return Answer(() => Applications[0] with
        {
            Status = Enum.Parse<CreditApplicationStatus>(request.Decision!.Value.ToString()), DecidedBy = "manager@bankoffice.local", ApprovedLimit = request.ApprovedLimit ?? Applications[0].RequestedLimit,
            Conditions = request.Conditions, Notes = request.Notes, ApprovalId = request.Decision == CreditDecisionType.REJECTED ? null : "APR-2026-000007",
        });
    }

    public Task<CreditLimitResponse> ChangeLimitAsync(string customerId, CreditLimitRequest request, CancellationToken ct = default)
    {
        LimitRequests.Add(request);
        var effective = request.EffectiveDate ?? new DateOnly(2026, 11, 21);
        return Answer(() =>
        {
            History.Insert(0, Change("APR-2026-000009", "credit@bankoffice.local", NextLimitStatus) with { NewLimit = request.NewLimit!.Value, Reason = request.Reason! });
            return new CreditLimitResponse(true, 10000m, request.NewLimit!.Value, "APR-2026-000009", NextLimitStatus, effective, "ok");
        });
    }

    public Task<IReadOnlyList<CreditLimitChangeDto>> LimitHistoryAsync(string customerId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CreditLimitChangeDto>>(History.ToList());

    public Task<IReadOnlyList<CreditLimitChangeDto>> PendingLimitChangesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CreditLimitChangeDto>>(Pending.ToList());

    public Task<CreditLimitChangeDto> ApproveLimitChangeAsync(string approvalId, CancellationToken ct = default)
    {
        Approved.Add(approvalId);
        return Answer(() => Resolve(approvalId, LimitChangeStatus.APPLIED));
    }

    public Task<CreditLimitChangeDto> RejectLimitChangeAsync(string approvalId, LimitChangeRejectRequest request, CancellationToken ct = default)
    {
        Rejected.Add((approvalId, request.Reason!));
        return Answer(() => Resolve(approvalId, LimitChangeStatus.REJECTED));
    }

    public Task<PagedResult<CreditReviewDueDto>> ReviewsDueAsync(CreditReviewQuery query, CancellationToken ct = default)
    {
        ReviewQueries.Add(query);
        return Task.FromResult(new PagedResult<CreditReviewDueDto>(ReviewsDue, Pagination.Of(query.Page, query.Size, ReviewsDue.Count)));
    }

    public Task<CreditReviewDto> CompleteReviewAsync(string customerId, CompleteReviewRequest request, CancellationToken ct = default) =>
        Answer(() => new CreditReviewDto(Guid.NewGuid(), customerId, RiskCategory.B, request.RiskCategory!.Value, request.NextReviewDate!.Value, request.Notes, "manager", DateTimeOffset.UnixEpoch));

    private CreditLimitChangeDto Resolve(string approvalId, LimitChangeStatus status)
    {
        var change = Pending.Single(c => c.ApprovalId == approvalId);
        Pending.Remove(change);
        return change with { Status = status };
    }

    private Task<T> Answer<T>(Func<T> result) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(result());
}
