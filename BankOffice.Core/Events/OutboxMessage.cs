namespace BankOffice.Core.Events;

/// <summary>
/// An event recorded in the same database transaction as the change it describes (transactional
/// outbox). The publisher (Kafka, webhooks) reads these in <see cref="Sequence"/> order.
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 100;
    public const int AggregateIdMaxLength = 64;

    private OutboxMessage()
    {
        // For EF Core.
    }

    public OutboxMessage(Guid id, string type, string aggregateType, string aggregateId, string payload, DateTimeOffset occurredAt)
    {
        Id = id;
        Type = type;
        AggregateType = aggregateType;
        AggregateId = aggregateId;
        Payload = payload;
        OccurredAt = occurredAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Commit order is not id order; the sequence gives publishers a stable order per key.</summary>
    public long Sequence { get; private set; }
    public string Type { get; private set; } = default!;
    public string AggregateType { get; private set; } = default!;
    public string AggregateId { get; private set; } = default!;

    /// <summary>JSON (jsonb): the event's data, as the catalogue in README.md shows it.</summary>
    public string Payload { get; private set; } = default!;
    public DateTimeOffset OccurredAt { get; private set; }
}

/// <summary>Event types recorded so far (the events issue publishes them).</summary>
public static class EventTypes
{
    public const string CreditLimitChanged = "credit.limit.changed";
    public const string CollectionEscalated = "collection.escalated";
    public const string PeriodClosed = "period.closed";
    public const string PeriodReopened = "period.reopened";
}
