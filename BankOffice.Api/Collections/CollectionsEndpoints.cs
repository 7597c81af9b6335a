using BankOffice.Api.Infrastructure;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Collections;

public static class CollectionsEndpoints
{
    public static RouteGroupBuilder MapCollectionsEndpoints(this RouteGroupBuilder api)
    {
        var collections = api.MapGroup("/collections").WithTags("Collections").RequireAuthorization(Permissions.CollectionManage);
        collections.MapGet("/queue", Queue);
        collections.MapGet("/collectors", Collectors);
        collections.MapGet("/customers/{customerId}", Customer);
        collections.MapPost("/cases/{customerId}/claim", Claim);
        collections.MapPut("/cases/{customerId}/assignment", Assign).RequireAuthorization(Permissions.CollectionAssign).Validate<AssignCaseRequest>();
        collections.MapPost("/cases/{customerId}/escalate", Escalate).Validate<EscalationRequest>();
        collections.MapPost("/activities", RecordActivity).Validate<CollectionActivityRequest>();
        collections.MapPost("/sweep", Sweep).RequireAuthorization(Permissions.CollectionAssign);

        var plans = api.MapGroup("/payment-plans").WithTags("Collections").RequireAuthorization(Permissions.AccountView);
        plans.MapPost("/", CreatePlan).RequireAuthorization(Permissions.CollectionManage).Validate<PaymentPlanRequest>();
        plans.MapGet("/", ListPlans);
        plans.MapGet("/{planId}", GetPlan);
        plans.MapPost("/{planId}/cancel", CancelPlan).RequireAuthorization(Permissions.CollectionManage).Validate<CancelPlanRequest>();
        return api;
    }

    /// <summary>Seed 003's queue filters: collector (a user name, me, unassigned), ageGroup, priority, status; sorted by priority unless sortBy says otherwise.</summary>
    public static async Task<Ok<PagedResult<QueueItemDto>>> Queue([AsParameters] CollectionQueueQuery query, HttpContext http, CollectionsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.QueueAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Ok<IReadOnlyList<CollectorDto>>> Collectors(CollectionsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CollectorsAsync(cancellationToken));

    public static async Task<Ok<CollectionsCustomerDto>> Customer(string customerId, HttpContext http, CollectionsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CustomerAsync(http.CurrentUser(), customerId, cancellationToken));

    /// <summary>Takes an unassigned case; 409 CASE_ASSIGNED when another collector has it.</summary>
    public static async Task<Ok<CollectionCaseDto>> Claim(string customerId, HttpContext http, CollectionsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ClaimAsync(http.CurrentUser(), customerId, cancellationToken));

    public static async Task<Ok<CollectionCaseDto>> Assign(string customerId, AssignCaseRequest request, HttpContext http, CollectionsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.AssignAsync(http.CurrentUser(), customerId, request, cancellationToken));

    /// <summary>Records collection.escalated with the overdue amount in the same transaction.</summary>
    public static async Task<Created<EscalationDto>> Escalate(string customerId, EscalationRequest request, HttpContext http, CollectionsService service, CancellationToken cancellationToken)
    {
        var escalation = await service.EscalateAsync(http.CurrentUser(), customerId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/collections/customers/{customerId}", escalation);
    }

    public static async Task<Created<CollectionActivityDto>> RecordActivity(CollectionActivityRequest request, HttpContext http, CollectionsService service, CancellationToken cancellationToken)
    {
        var activity = await service.RecordActivityAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/collections/customers/{activity.CustomerId}", activity);
    }

    /// <summary>Runs the sweep now (it also runs in the background): promises kept/broken, plans completed/breached, due limit changes applied.</summary>
    public static async Task<Ok<SweepResultDto>> Sweep(CollectionsSweep sweep, CancellationToken cancellationToken, string? customerId = null) =>
        TypedResults.Ok(await sweep.RunAsync(customerId, cancellationToken));

    /// <summary>Seed 003's body; 400 INVALID_PAYMENT_SCHEDULE when the down payment and schedule do not add up to the total.</summary>
    public static async Task<Created<PaymentPlanDto>> CreatePlan(PaymentPlanRequest request, HttpContext http, PaymentPlanService service, CancellationToken cancellationToken)
    {
        var plan = await service.CreateAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/payment-plans/{plan.PlanId}", plan);
    }

    public static async Task<Ok<PagedResult<PaymentPlanDto>>> ListPlans(
        HttpContext http, PaymentPlanService service, CancellationToken cancellationToken, string? customerId = null, PlanStatus? status = null, int page = 1, int size = PageRequest.DefaultSize) =>
        TypedResults.Ok(await service.ListAsync(http.CurrentUser(), customerId, status, page, size, cancellationToken));

    public static async Task<Ok<PaymentPlanDto>> GetPlan(string planId, HttpContext http, PaymentPlanService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(http.CurrentUser(), planId, cancellationToken));

    public static async Task<Ok<PaymentPlanDto>> CancelPlan(string planId, CancelPlanRequest request, HttpContext http, PaymentPlanService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CancelAsync(http.CurrentUser(), planId, request, cancellationToken));
}
