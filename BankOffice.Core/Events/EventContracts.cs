namespace BankOffice.Core.Events;

public static class EventErrorCodes
{
    public const string UnknownEventType = "UNKNOWN_EVENT_TYPE";
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";
    public const string EventNotFound = "EVENT_NOT_FOUND";
    public const string DeliveryNotFound = "DELIVERY_NOT_FOUND";
    public const string InvalidReplayRange = "INVALID_REPLAY_RANGE";

    /// <summary>Only a DEAD_LETTER message is replayed one by one (a range replays sent ones too).</summary>
    public const string NotDeadLettered = "NOT_DEAD_LETTERED";

    /// <summary>Only a FAILED webhook delivery is retried by hand.</summary>
    public const string DeliveryNotFailed = "DELIVERY_NOT_FAILED";
}

/// <summary>GET /admin/outbox: how far behind the publisher is.</summary>
public sealed record OutboxSummaryDto(
    bool KafkaEnabled,
    long Pending,
    long Sent,
    long DeadLettered,
    DateTimeOffset? OldestPendingAt,
    double? OldestPendingAgeSeconds,
    DateTimeOffset? LastPublishedAt,
    IReadOnlyList<OutboxStreamDto> Streams,
    long WebhooksPending,
    long WebhooksFailed);

/// <summary>Per logical stream: its Kafka topic and counts by state.</summary>
public sealed record OutboxStreamDto(string Stream, string Topic, long Pending, long Sent, long DeadLettered, DateTimeOffset? OldestPendingAt);

public sealed record OutboxMessageDto(
    Guid EventId,
    long Sequence,
    string Type,
    string Stream,
    string Topic,
    string AggregateType,
    string AggregateId,
    string? CorrelationId,
    int SchemaVersion,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset OccurredAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? PublishedAt,
    string? LastError,
    string Payload);

/// <summary>GET /admin/outbox/messages filters.</summary>
public sealed record OutboxQuery(OutboxStatus? Status, string? Type, string? AggregateId, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int Size = 50);

/// <summary>POST /admin/outbox/replay: every message of the range (optionally of some types and states) goes out again, keeping its event id.</summary>
public sealed record OutboxReplayRequest(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? Types, IReadOnlyList<OutboxStatus>? Statuses);

public sealed record OutboxReplayResult(int Replayed);

public sealed record WebhookSubscriptionDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Active,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Delivered,
    long Pending,
    long Failed,
    // Only in the answers to create and rotate-secret: it is not shown again.
    string? Secret);

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool Active);

public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid SubscriptionId,
    string Url,
    Guid EventId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

public sealed record WebhookAttemptDto(int Attempt, DateTimeOffset AttemptedAt, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookDeliveryQuery(Guid? SubscriptionId, WebhookDeliveryStatus? Status, string? EventType, int Page = 1, int Size = 50);

/// <summary>GET /events/catalogue: the types a subscription may list.</summary>
public sealed record EventTypeDto(string Type, string Stream, string Topic, int SchemaVersion, string Description);
