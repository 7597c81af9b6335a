using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Webhooks;

/// <summary>Admins (events.manage) register webhook endpoints and read their delivery logs.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/webhooks").WithTags("Webhooks").RequireAuthorization(Permissions.EventsManage);
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/deliveries", Deliveries);
        group.MapGet("/deliveries/{id:guid}/attempts", Attempts);
        group.MapPost("/deliveries/{id:guid}/retry", Retry);
        group.MapGet("/{id:guid}", Get);
        group.MapPut("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Deactivate);
        group.MapPost("/{id:guid}/rotate-secret", RotateSecret);
        group.MapPost("/{id:guid}/ping", Ping);
        return api;
    }

    /// <summary>Every subscription (inactive ones too, for their logs) with delivery counts; never the secret.</summary>
    public static async Task<Ok<IReadOnlyList<WebhookSubscriptionDto>>> List(WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(cancellationToken));

    /// <summary>201 with the secret, shown this once; 400 INVALID_WEBHOOK_URL or UNKNOWN_EVENT_TYPE.</summary>
    public static async Task<Created<WebhookSubscriptionDto>> Create(CreateWebhookRequest request, HttpContext http, WebhookService service, CancellationToken cancellationToken)
    {
        var subscription = await service.CreateAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/webhooks/{subscription.Id}", subscription);
    }

    public static async Task<Ok<WebhookSubscriptionDto>> Get(Guid id, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(id, cancellationToken));

    public static async Task<Ok<WebhookSubscriptionDto>> Update(Guid id, UpdateWebhookRequest request, HttpContext http, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.UpdateAsync(http.CurrentUser(), id, request, cancellationToken));

    /// <summary>204: deactivated, kept for its delivery log.</summary>
    public static async Task<NoContent> Deactivate(Guid id, HttpContext http, WebhookService service, CancellationToken cancellationToken)
    {
        await service.DeactivateAsync(http.CurrentUser(), id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The new secret, shown this once; the old one stops signing at once.</summary>
    public static async Task<Ok<WebhookSubscriptionDto>> RotateSecret(Guid id, HttpContext http, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.RotateSecretAsync(http.CurrentUser(), id, cancellationToken));

    /// <summary>A signed webhook.ping sent now; the answer is how the receiver took it (200 even when it refused).</summary>
    public static async Task<Ok<WebhookAttemptDto>> Ping(Guid id, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PingAsync(id, cancellationToken));

    public static async Task<Ok<PagedResult<WebhookDeliveryDto>>> Deliveries([AsParameters] WebhookDeliveryQuery query, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.DeliveriesAsync(query, cancellationToken));

    public static async Task<Ok<IReadOnlyList<WebhookAttemptDto>>> Attempts(Guid id, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.AttemptsAsync(id, cancellationToken));

    /// <summary>202: a FAILED delivery goes out again (409 DELIVERY_NOT_FAILED otherwise).</summary>
    public static async Task<Accepted<WebhookDeliveryDto>> Retry(Guid id, HttpContext http, WebhookService service, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/v1/admin/webhooks/deliveries/{id}/attempts", await service.RetryAsync(http.CurrentUser(), id, cancellationToken));
}
