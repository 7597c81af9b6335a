namespace BankOffice.Core.Events;

/// <summary>Where an outbox message is on its way to Kafka.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be published (or to be retried at <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    PENDING,

    /// <summary>Acknowledged by every in-sync replica (acks=all).</summary>
    SENT,

    /// <summary>Failed <c>Outbox:MaxAttempts</c> times; waits for an admin to replay it.</summary>
    DEAD_LETTER,
}

/// <summary>
/// An event recorded in the same database transaction as the change it describes (transactional
/// outbox), so it exists exactly when the change committed. The publisher sends PENDING messages to
/// Kafka in <see cref="Sequence"/> order per stream and key; the webhook dispatcher fans each message
/// out to the subscriptions for its type (docs/decisions/0009).
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 100;
    public const int AggregateIdMaxLength = 64;
    public const int AggregateTypeMaxLength = 50;
    public const int StreamMaxLength = 100;
    public const int CorrelationIdMaxLength = 100;
    public const int ErrorMaxLength = 2000;

    private OutboxMessage()
    {
        // For EF Core.
    }

    public OutboxMessage(Guid id, string type, string aggregateType, string aggregateId, string payload, DateTimeOffset occurredAt, string? correlationId = null)
    {
        var definition = EventCatalogue.Get(type);
        Id = id;
        Type = type;
        Stream = definition.Stream;
        SchemaVersion = definition.SchemaVersion;
        AggregateType = aggregateType;
        AggregateId = aggregateId;
        Payload = payload;
        OccurredAt = occurredAt;
        CorrelationId = correlationId;
        Status = OutboxStatus.PENDING;
        NextAttemptAt = occurredAt;
    }

    /// <summary>The event id (UUID v7): consumers de-duplicate by it; a re-sent message keeps it.</summary>
    public Guid Id { get; private set; }

    /// <summary>
    /// Insert order. Changes to one aggregate are serialised by its row lock, taken before the event is
    /// recorded, so per key this is also commit order; the publisher relies on nothing more.
    /// </summary>
    public long Sequence { get; private set; }

    /// <summary>The catalogue type, e.g. BALANCE_CHANGED or payment.received.</summary>
    public string Type { get; private set; } = default!;

    /// <summary>The logical topic (<see cref="EventStreams"/>); <c>Kafka:Topics</c> maps it to a topic name.</summary>
    public string Stream { get; private set; } = default!;

    public int SchemaVersion { get; private set; }
    public string AggregateType { get; private set; } = default!;

    /// <summary>The Kafka message key: the account number, customer id or period.</summary>
    public string AggregateId { get; private set; } = default!;

    /// <summary>JSON (json, so field order is kept): the event's <c>data</c>, as the catalogue in README.md shows it.</summary>
    public string Payload { get; private set; } = default!;
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The request's X-Correlation-Id (or the background job's id) that caused the change.</summary>
    public string? CorrelationId { get; private set; }

    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>When the webhook dispatcher created this message's deliveries (null: not yet).</summary>
    public DateTimeOffset? WebhooksDispatchedAt { get; private set; }
}
