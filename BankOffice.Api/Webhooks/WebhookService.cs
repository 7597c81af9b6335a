using System.Text;
using System.Text.Json;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Webhooks;

/// <summary>Webhook subscriptions (admins, events.manage) and their delivery logs.</summary>
public sealed class WebhookService(BankOfficeDbContext db, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookService> logger)
{
    /// <summary>Only a FAILED delivery is retried by hand: a pending one is already on its way, a delivered one arrived.</summary>

    /// <summary>The type of the test event that <see cref="PingAsync"/> sends (never recorded in the outbox).</summary>
    public const string PingEventType = "webhook.ping";

    // A subscription just created has no deliveries yet.
    private static readonly IReadOnlyDictionary<(Guid, WebhookDeliveryStatus), long> Empty = new Dictionary<(Guid, WebhookDeliveryStatus), long>();

    public async Task<IReadOnlyList<WebhookSubscriptionDto>> ListAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var counts = await CountsAsync(null, cancellationToken);
        return subscriptions.Select(s => ToDto(s, counts, secret: null)).ToList();
    }

    public async Task<WebhookSubscriptionDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        return ToDto(subscription, await CountsAsync(id, cancellationToken), secret: null);
    }

    /// <summary>The answer is the only time the secret is shown (until it is rotated).</summary>
    public async Task<WebhookSubscriptionDto> CreateAsync(CurrentUser user, CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var (url, types, description) = Check(request.Url, request.EventTypes, request.Description);
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), url, types, WebhookSignature.NewSecret(), description, user.Name, time.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Webhook {SubscriptionId} to {Host} for {EventTypes} registered by {User}", subscription.Id, new Uri(url).Host, subscription.EventTypes, user.Name);
        return ToDto(subscription, Empty, subscription.Secret);
    }

    public async Task<WebhookSubscriptionDto> UpdateAsync(CurrentUser user, Guid id, UpdateWebhookRequest request, CancellationToken cancellationToken)
    {
        var (url, types, description) = Check(request.Url, request.EventTypes, request.Description);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        subscription.Update(url, types, description, request.Active, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Webhook {SubscriptionId} changed by {User}: {Host} for {EventTypes}, active {Active}", id, user.Name, new Uri(url).Host, subscription.EventTypes, request.Active);
        return ToDto(subscription, await CountsAsync(id, cancellationToken), secret: null);
    }

    /// <summary>The old secret stops signing at once; the receiver must switch to the new one shown here.</summary>
    public async Task<WebhookSubscriptionDto> RotateSecretAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        subscription.RotateSecret(WebhookSignature.NewSecret(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Webhook {SubscriptionId} secret rotated by {User}", id, user.Name);
        return ToDto(subscription, await CountsAsync(id, cancellationToken), subscription.Secret);
    }

    /// <summary>
    /// Deactivates rather than deletes: the deliveries and their log stay readable. Deliveries still
    /// pending wait (they go out if the subscription is activated again); new events are not fanned out to it.
    /// </summary>
    public async Task DeactivateAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        if (subscription.Active)
        {
            subscription.Update(subscription.Url, subscription.EventTypes, subscription.Description, active: false, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Webhook {SubscriptionId} deactivated by {User}", id, user.Name);
        }
    }

    /// <summary>Sends a signed <c>webhook.ping</c> now (nothing recorded) and answers how the receiver took it.</summary>
    public async Task<WebhookAttemptDto> PingAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        var eventId = Guid.CreateVersion7();
        var body = PingBody(eventId, subscription.Id, time.GetUtcNow());
        var result = await sender.SendAsync(subscription.Url, subscription.Secret, body, eventId, PingEventType, eventId, cancellationToken);
        return new WebhookAttemptDto(1, result.AttemptedAt, result.StatusCode, result.Error, result.DurationMs);
    }

    /// <summary>Newest first; filtered by subscription, state and event type.</summary>
    public async Task<PagedResult<WebhookDeliveryDto>> DeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (query.SubscriptionId is { } subscriptionId)
        {
            deliveries = deliveries.Where(d => d.SubscriptionId == subscriptionId);
        }

        if (query.Status is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.EventType))
        {
            var type = query.EventType.Trim();
            deliveries = deliveries.Where(d => d.EventType == type);
        }

        var rows = from d in deliveries
                   join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                   orderby d.CreatedAt descending, d.MessageSequence descending, d.Id
                   select new { Delivery = d, s.Url };
        return await rows.ToPageAsync(query.Page, query.Size, r => ToDto(r.Delivery, r.Url), cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookAttemptDto>> AttemptsAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId, cancellationToken))
        {
            throw DeliveryNotFound(deliveryId);
        }

        return await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Attempt).ThenBy(a => a.Id)
            .Select(a => new WebhookAttemptDto(a.Attempt, a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs)).ToListAsync(cancellationToken);
    }

    /// <summary>A FAILED delivery goes back to PENDING with its tries reset (its log keeps the earlier ones); 409 DELIVERY_NOT_FAILED otherwise.</summary>
    public async Task<WebhookDeliveryDto> RetryAsync(CurrentUser user, Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.FAILED)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.PENDING).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        var row = await (from d in db.WebhookDeliveries.AsNoTracking()
                         join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                         where d.Id == deliveryId
                         select new { Delivery = d, s.Url }).SingleOrDefaultAsync(cancellationToken) ?? throw DeliveryNotFound(deliveryId);
        if (changed == 0)
        {
            throw DomainException.Conflict(EventErrorCodes.DeliveryNotFailed, $"Delivery {deliveryId} is {row.Delivery.Status}; only a FAILED delivery is retried.");
        }

        logger.LogInformation("Webhook delivery {DeliveryId} ({EventType}) retried by {User}", deliveryId, row.Delivery.EventType, user.Name);
        return ToDto(row.Delivery, row.Url);
    }

    public static DomainException NotFound(Guid id) => DomainException.NotFound(EventErrorCodes.WebhookNotFound, $"Webhook subscription {id} was not found.");

    public static DomainException DeliveryNotFound(Guid id) => DomainException.NotFound(EventErrorCodes.DeliveryNotFound, $"Webhook delivery {id} was not found.");

    /// <summary>The ping's body: the shape of every webhook body, with the subscription as its data.</summary>
    public static string PingBody(Guid eventId, Guid subscriptionId, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", eventId);
            json.WriteString("event", PingEventType);
            json.WriteString("timestamp", now.ToUniversalTime());
            json.WriteStartObject("data");
            json.WriteString("subscriptionId", subscriptionId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private (string Url, IReadOnlyList<string> Types, string? Description) Check(string? url, IReadOnlyList<string>? eventTypes, string? description)
    {
        var trimmed = url?.Trim();
        var allowHttp = options.Value.AllowHttp;
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > WebhookSubscription.UrlMaxLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.Fragment)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw DomainException.Invalid(EventErrorCodes.InvalidWebhookUrl, allowHttp
                ? $"url must be an absolute http:// or https:// address without a fragment, at most {WebhookSubscription.UrlMaxLength} characters."
                : $"url must be an absolute https:// address without a fragment, at most {WebhookSubscription.UrlMaxLength} characters (Webhooks:AllowHttp is off).");
        }

        var types = (eventTypes ?? []).Select(t => t?.Trim() ?? string.Empty).ToList();
        var unknown = types.Where(t => !EventCatalogue.IsKnown(t)).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || unknown.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, EventErrorCodes.UnknownEventType,
                types.Count == 0 ? "eventTypes must list at least one event type of the catalogue." : $"Unknown event types: {string.Join(", ", unknown)}.",
                new Dictionary<string, object?> { ["unknown"] = unknown, ["known"] = EventCatalogue.All.Select(d => d.Type).ToList() });
        }

        var text = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (text is { Length: > WebhookSubscription.DescriptionMaxLength })
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"description is at most {WebhookSubscription.DescriptionMaxLength} characters.");
        }

        return (trimmed, types, text);
    }

    private async Task<IReadOnlyDictionary<(Guid, WebhookDeliveryStatus), long>> CountsAsync(Guid? subscriptionId, CancellationToken cancellationToken)
    {
        var counts = await db.WebhookDeliveries.AsNoTracking().Where(d => subscriptionId == null || d.SubscriptionId == subscriptionId)
            .GroupBy(d => new { d.SubscriptionId, d.Status }).Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => (c.SubscriptionId, c.Status), c => c.Count);
    }

    private static WebhookSubscriptionDto ToDto(WebhookSubscription s, IReadOnlyDictionary<(Guid, WebhookDeliveryStatus), long> counts, string? secret) => new(
        s.Id, s.Url, s.EventTypes, s.Description, s.Active, s.CreatedBy, s.CreatedAt, s.UpdatedAt,
        counts.GetValueOrDefault((s.Id, WebhookDeliveryStatus.DELIVERED)),
        counts.GetValueOrDefault((s.Id, WebhookDeliveryStatus.PENDING)),
        counts.GetValueOrDefault((s.Id, WebhookDeliveryStatus.FAILED)),
        secret);

    private static WebhookDeliveryDto ToDto(WebhookDelivery d, string url) => new(
        d.Id, d.SubscriptionId, url, d.MessageId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);
}
