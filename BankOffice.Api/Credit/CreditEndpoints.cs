using BankOffice.Api.Infrastructure;
using BankOffice.Core.Credit;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Credit;

public static class CreditEndpoints
{
    public static RouteGroupBuilder MapCreditEndpoints(this RouteGroupBuilder api)
    {
        var applications = api.MapGroup("/credit-applications").WithTags("Credit").RequireAuthorization(Permissions.AccountView);
        applications.MapPost("/", Submit).Validate<CreditApplicationRequest>();
        applications.MapGet("/", ListApplications);
        applications.MapGet("/{applicationId}", GetApplication);
        applications.MapPut("/{applicationId}/decision", Decide).RequireAuthorization(Permissions.CreditApprove).Validate<CreditDecisionRequest>();

        var limits = api.MapGroup("/accounts/{customerId}/credit-limit").WithTags("Credit").RequireAuthorization(Permissions.AccountView);
        limits.MapPut("/", ChangeLimit).RequireAuthorization(Permissions.CreditApprove).Validate<CreditLimitRequest>();
        limits.MapGet("/history", LimitHistory);

        var changes = api.MapGroup("/credit-limit-changes").WithTags("Credit").RequireAuthorization(Permissions.CreditApprove);
        changes.MapGet("/", ListChanges);
        changes.MapPost("/{approvalId}/approve", ApproveChange);
        changes.MapPost("/{approvalId}/reject", RejectChange).Validate<LimitChangeRejectRequest>();

        var reviews = api.MapGroup("/credit-reviews").WithTags("Credit").RequireAuthorization(Permissions.CreditApprove);
        reviews.MapGet("/due", ReviewsDue);
        reviews.MapPost("/{customerId}", CompleteReview).Validate<CompleteReviewRequest>();
        return api;
    }

    /// <summary>By the customer for themselves, or by staff with account.manage or credit.approve; one pending application per customer.</summary>
    public static async Task<Created<CreditApplicationDto>> Submit(CreditApplicationRequest request, HttpContext http, CreditService service, CancellationToken cancellationToken)
    {
        var application = await service.SubmitAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/credit-applications/{application.ApplicationId}", application);
    }

    public static async Task<Ok<Core.Common.PagedResult<CreditApplicationDto>>> ListApplications([AsParameters] CreditApplicationQuery query, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListApplicationsAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Ok<CreditApplicationDto>> GetApplication(string applicationId, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetApplicationAsync(http.CurrentUser(), applicationId, cancellationToken));

    /// <summary>Maker-checker: 403 MAKER_CHECKER_VIOLATION for the submitter; 409 APPLICATION_ALREADY_DECIDED the second time.</summary>
    public static async Task<Ok<CreditApplicationDto>> Decide(string applicationId, CreditDecisionRequest request, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.DecideAsync(http.CurrentUser(), applicationId, request, cancellationToken));

    /// <summary>200 when applied or scheduled; 202 when the increase waits for a second approver.</summary>
    public static async Task<Results<Ok<CreditLimitResponse>, Accepted<CreditLimitResponse>>> ChangeLimit(
        string customerId, CreditLimitRequest request, HttpContext http, CreditService service, CancellationToken cancellationToken)
    {
        var response = await service.ChangeLimitAsync(http.CurrentUser(), customerId, request, cancellationToken);
        return response.Status == LimitChangeStatus.PENDING_APPROVAL
            ? TypedResults.Accepted($"/api/v1/credit-limit-changes/{response.ApprovalId}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Ok<IReadOnlyList<CreditLimitChangeDto>>> LimitHistory(string customerId, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.HistoryAsync(http.CurrentUser(), customerId, cancellationToken));

    public static async Task<Ok<IReadOnlyList<CreditLimitChangeDto>>> ListChanges(CreditService service, CancellationToken cancellationToken, LimitChangeStatus? status = null) =>
        TypedResults.Ok(await service.ListChangesAsync(status, cancellationToken));

    /// <summary>The second approver: never the requester (403 MAKER_CHECKER_VIOLATION).</summary>
    public static async Task<Ok<CreditLimitChangeDto>> ApproveChange(string approvalId, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ApproveChangeAsync(http.CurrentUser(), approvalId, cancellationToken));

    public static async Task<Ok<CreditLimitChangeDto>> RejectChange(string approvalId, LimitChangeRejectRequest request, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.RejectChangeAsync(http.CurrentUser(), approvalId, request, cancellationToken));

    public static async Task<Ok<Core.Common.PagedResult<CreditReviewDueDto>>> ReviewsDue([AsParameters] CreditReviewQuery query, HttpContext http, CreditService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReviewsDueAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Created<CreditReviewDto>> CompleteReview(string customerId, CompleteReviewRequest request, HttpContext http, CreditService service, CancellationToken cancellationToken)
    {
        var review = await service.CompleteReviewAsync(http.CurrentUser(), customerId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/credit-reviews/{review.ReviewId}", review);
    }
}
