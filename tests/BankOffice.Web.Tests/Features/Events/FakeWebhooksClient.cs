using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Features.Events;

/// <summary>
/// Hand-written IWebhooksClient fake. Like the API, only the answers to create and rotate carry the
/// secret; the list never does.
/// </summary>
public sealed class FakeWebhooksClient : IWebhooksClient
{
    public const string Secret = "whsec_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    public const string RotatedSecret = "whsec_aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999";
    public static readonly Guid DeliveryId = Guid.Parse("0193a000-0000-7000-8000-0000000000e1");

    public List<WebhookSubscriptionDto> Subscriptions { get; } = [];
    public List<CreateWebhookRequest> Created { get; } = [];
    public List<(Guid Id, UpdateWebhookRequest Request)> Updated { get; } = [];
    public List<Guid> Deactivated { get; } = [];
    public List<Guid> Rotated { get; } = [];
    public List<Guid> Pinged { get; } = [];
    public WebhookAttemptDto PingAnswer { get; set; } = new(1, FakeEventsClient.Now, 204, null, 41);
    public List<WebhookDeliveryDto> Deliveries { get; } = [];
    public List<WebhookDeliveryQuery> DeliveryQueries { get; } = [];
    public List<WebhookAttemptDto> Attempts { get; } = [];
    public List<Guid> Retried { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    public static WebhookSubscriptionDto Subscription(string url, params string[] types) =>
        new(Guid.NewGuid(), url, types, "ERP", true, "admin@bankoffice.local", FakeEventsClient.Now, FakeEventsClient.Now, 12, 1, 2, null);

    public static WebhookDeliveryDto Delivery(WebhookDeliveryStatus status, int attempts, int? statusCode, string? error) =>
        new(DeliveryId, Guid.Empty, "https://erp.example.com/hooks", FakeEventsClient.DeadId, EventTypes.PaymentReceived, status, attempts, FakeEventsClient.Now,
            statusCode, error, FakeEventsClient.Now.AddHours(-1), status == WebhookDeliveryStatus.DELIVERED ? FakeEventsClient.Now : null);

    public Task<IReadOnlyList<WebhookSubscriptionDto>> ListAsync(CancellationToken ct = default) =>
        Answer<IReadOnlyList<WebhookSubscriptionDto>>(Subscriptions.Select(s => s with { Secret = null }).ToList());

    public Task<WebhookSubscriptionDto> GetAsync(Guid id, CancellationToken ct = default) => Answer(Subscriptions.Single(s => s.Id == id) with { Secret = null });

    public Task<WebhookSubscriptionDto> CreateAsync(CreateWebhookRequest request, CancellationToken ct = default)
    {
        Created.Add(request);
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<WebhookSubscriptionDto>(error);
        }

        var created = new WebhookSubscriptionDto(Guid.NewGuid(), request.Url!, request.EventTypes!, request.Description, true, "admin@bankoffice.local",
            FakeEventsClient.Now, FakeEventsClient.Now, 0, 0, 0, Secret);
        Subscriptions.Add(created);
        return Task.FromResult(created);
    }

    public Task<WebhookSubscriptionDto> UpdateAsync(Guid id, UpdateWebhookRequest request, CancellationToken ct = default)
    {
        Updated.Add((id, request));
        var index = Subscriptions.FindIndex(s => s.Id == id);
        Subscriptions[index] = Subscriptions[index] with { Url = request.Url!, EventTypes = request.EventTypes!, Description = request.Description, Active = request.Active };
        return Answer(Subscriptions[index] with { Secret = null });
    }

    public Task DeactivateAsync(Guid id, CancellationToken ct = default)
    {
        Deactivated.Add(id);
        var index = Subscriptions.FindIndex(s => s.Id == id);
        Subscriptions[index] = Subscriptions[index] with { Active = false };
        return Answer(true);
    }

    public Task<WebhookSubscriptionDto> RotateSecretAsync(Guid id, CancellationToken ct = default)
    {
        Rotated.Add(id);
        return Answer(Subscriptions.Single(s => s.Id == id) with { Secret = RotatedSecret });
    }

    public Task<WebhookAttemptDto> PingAsync(Guid id, CancellationToken ct = default)
    {
        Pinged.Add(id);
        return Answer(PingAnswer);
    }

    public Task<PagedResult<WebhookDeliveryDto>> ListDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken ct = default)
    {
        DeliveryQueries.Add(query);
        var matching = Deliveries.Where(d => query.Status is null || d.Status == query.Status).ToList();
        return Answer(new PagedResult<WebhookDeliveryDto>(matching, Pagination.Of(query.Page, query.Size, matching.Count)));
    }

    public Task<IReadOnlyList<WebhookAttemptDto>> AttemptsAsync(Guid deliveryId, CancellationToken ct = default) => Answer<IReadOnlyList<WebhookAttemptDto>>(Attempts);

    public Task RetryAsync(Guid deliveryId, CancellationToken ct = default)
    {
        Retried.Add(deliveryId);
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException(error);
        }

        var index = Deliveries.FindIndex(d => d.Id == deliveryId);
        Deliveries[index] = Deliveries[index] with { Status = WebhookDeliveryStatus.PENDING, Attempts = 0 };
        return Task.CompletedTask;
    }

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);
}
