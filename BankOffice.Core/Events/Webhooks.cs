namespace BankOffice.Core.Events;

public enum WebhookDeliveryStatus
{
    PENDING,
    DELIVERED,

    /// <summary>Tried <c>Webhooks:MaxAttempts</c> times without a 2xx answer; an admin can retry it.</summary>
    FAILED,
}

/// <summary>An admin-registered endpoint that receives the events of the types it lists.</summary>
public sealed class WebhookSubscription
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;
    public const int SecretMaxLength = 100;

    private WebhookSubscription()
    {
        // For EF Core.
    }

    public WebhookSubscription(Guid id, string url, IEnumerable<string> eventTypes, string secret, string? description, string createdBy, DateTimeOffset now)
    {
        Id = id;
        Url = url;
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Secret = secret;
        Description = description;
        Active = true;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Url { get; private set; } = default!;
    public List<string> EventTypes { get; private set; } = [];

    /// <summary>The HMAC-SHA256 key (shown once, when the subscription is created or the secret rotated).</summary>
    public string Secret { get; private set; } = default!;
    public string? Description { get; private set; }
    public bool Active { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public bool Wants(string eventType) => Active && EventTypes.Contains(eventType, StringComparer.Ordinal);

    public void Update(string url, IEnumerable<string> eventTypes, string? description, bool active, DateTimeOffset now)
    {
        Url = url;
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Description = description;
        Active = active;
        UpdatedAt = now;
    }

    public void RotateSecret(string secret, DateTimeOffset now)
    {
        Secret = secret;
        UpdatedAt = now;
    }
}

/// <summary>One event to one subscription: retried with backoff until a 2xx answer or the last try.</summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 2000;

    private WebhookDelivery()
    {
        // For EF Core.
    }

    public WebhookDelivery(Guid id, Guid subscriptionId, Guid messageId, long messageSequence, string eventType, DateTimeOffset now)
    {
        Id = id;
        SubscriptionId = subscriptionId;
        MessageId = messageId;
        MessageSequence = messageSequence;
        EventType = eventType;
        Status = WebhookDeliveryStatus.PENDING;
        NextAttemptAt = now;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid SubscriptionId { get; private set; }

    /// <summary>The outbox message (event id); the body is built from it at each try.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>The message's sequence: deliveries to one subscription go out in this order per key.</summary>
    public long MessageSequence { get; private set; }
    public string EventType { get; private set; } = default!;
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
}

/// <summary>One HTTP try of a delivery (insert-only log for the admin screen).</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt()
    {
        // For EF Core.
    }

    public WebhookAttempt(Guid deliveryId, int attempt, DateTimeOffset attemptedAt, int? statusCode, string? error, int durationMs)
    {
        DeliveryId = deliveryId;
        Attempt = attempt;
        AttemptedAt = attemptedAt;
        StatusCode = statusCode;
        Error = error;
        DurationMs = durationMs;
    }

    public long Id { get; private set; }
    public Guid DeliveryId { get; private set; }
    public int Attempt { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }
}
