using BankOffice.Core.Common;
using BankOffice.Core.Events;

namespace BankOffice.Web.Services;

/// <summary>
/// The webhook admin API (events.manage): subscriptions (the secret is in the answer to create and
/// rotate only), their delivery log with each try, and retrying a failed delivery.
/// </summary>
public interface IWebhooksClient
{
    Task<IReadOnlyList<WebhookSubscriptionDto>> ListAsync(CancellationToken ct = default);
    Task<WebhookSubscriptionDto> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>The new subscription with its <see cref="WebhookSubscriptionDto.Secret"/>, shown this once.</summary>
    Task<WebhookSubscriptionDto> CreateAsync(CreateWebhookRequest request, CancellationToken ct = default);
    Task<WebhookSubscriptionDto> UpdateAsync(Guid id, UpdateWebhookRequest request, CancellationToken ct = default);

    /// <summary>DELETE: the subscription stops receiving events but is kept with its delivery log.</summary>
    Task DeactivateAsync(Guid id, CancellationToken ct = default);

    /// <summary>A new secret (in the answer, shown this once); the old one stops signing at once.</summary>
    Task<WebhookSubscriptionDto> RotateSecretAsync(Guid id, CancellationToken ct = default);

    /// <summary>A signed <c>webhook.ping</c> sent now (nothing recorded); the answer is how the receiver took it.</summary>
    Task<WebhookAttemptDto> PingAsync(Guid id, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<PagedResult<WebhookDeliveryDto>> ListDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken ct = default);
    Task<IReadOnlyList<WebhookAttemptDto>> AttemptsAsync(Guid deliveryId, CancellationToken ct = default);

    /// <summary>A FAILED delivery back to PENDING with its tries counted from zero.</summary>
    Task RetryAsync(Guid deliveryId, CancellationToken ct = default);
}

public sealed class WebhooksClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IWebhooksClient
{
    private const string Webhooks = "admin/webhooks";

    public async Task<IReadOnlyList<WebhookSubscriptionDto>> ListAsync(CancellationToken ct = default) =>
        await GetAsync<List<WebhookSubscriptionDto>>(Webhooks, ct);

    public Task<WebhookSubscriptionDto> GetAsync(Guid id, CancellationToken ct = default) => GetAsync<WebhookSubscriptionDto>($"{Webhooks}/{id}", ct);

    public Task<WebhookSubscriptionDto> CreateAsync(CreateWebhookRequest request, CancellationToken ct = default) =>
        ReadAsync<WebhookSubscriptionDto>(HttpMethod.Post, Webhooks, request, ct);

    public Task<WebhookSubscriptionDto> UpdateAsync(Guid id, UpdateWebhookRequest request, CancellationToken ct = default) =>
        ReadAsync<WebhookSubscriptionDto>(HttpMethod.Put, $"{Webhooks}/{id}", request, ct);

    public Task DeactivateAsync(Guid id, CancellationToken ct = default) => SendNoContentAsync(HttpMethod.Delete, $"{Webhooks}/{id}", null, ct);

    public Task<WebhookSubscriptionDto> RotateSecretAsync(Guid id, CancellationToken ct = default) =>
        ReadAsync<WebhookSubscriptionDto>(HttpMethod.Post, $"{Webhooks}/{id}/rotate-secret", null, ct);

    public Task<WebhookAttemptDto> PingAsync(Guid id, CancellationToken ct = default) =>
        ReadAsync<WebhookAttemptDto>(HttpMethod.Post, $"{Webhooks}/{id}/ping", null, ct);

    public Task<PagedResult<WebhookDeliveryDto>> ListDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<WebhookDeliveryDto>>(
            QueryString.Build(
                Webhooks + "/deliveries",
                ("subscriptionId", query.SubscriptionId),
                ("status", query.Status),
                ("eventType", query.EventType),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public async Task<IReadOnlyList<WebhookAttemptDto>> AttemptsAsync(Guid deliveryId, CancellationToken ct = default) =>
        await GetAsync<List<WebhookAttemptDto>>($"{Webhooks}/deliveries/{deliveryId}/attempts", ct);

    // 202 with whatever the API says about the delivery: the log is read again after a retry.
    public Task RetryAsync(Guid deliveryId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Post, $"{Webhooks}/deliveries/{deliveryId}/retry", null, ct);
}
