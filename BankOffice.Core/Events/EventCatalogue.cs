namespace BankOffice.Core.Events;

/// <summary>The logical topics. <c>Kafka:Topics</c> can rename each; by default the name is the topic.</summary>
public static class EventStreams
{
    /// <summary>Seed 004: ACCOUNT_CREATED, BALANCE_CHANGED, STATUS_CHANGED, keyed by account number.</summary>
    public const string AccountEvents = "account.events";

    /// <summary>Seed 000: ACCOUNT_UPDATED, keyed by account number.</summary>
    public const string AccountUpdates = "account-updates";

    /// <summary>Seed 001: transaction events, keyed by the first customer account of the entry.</summary>
    public const string Transactions = "transaction.events";

    /// <summary>Seed 003: payment.received, credit.limit.changed, collection.escalated, keyed by customer id.</summary>
    public const string Receivables = "receivables.events";

    /// <summary>period.closed, period.reopened, keyed by period (yyyy-MM).</summary>
    public const string Periods = "period.events";

    public static IReadOnlyList<string> All { get; } = [AccountEvents, AccountUpdates, Transactions, Receivables, Periods];
}

/// <summary>Every event type the system records. The strings are the seeds' own names.</summary>
public static class EventTypes
{
    public const string AccountCreated = "ACCOUNT_CREATED";
    public const string BalanceChanged = "BALANCE_CHANGED";
    public const string StatusChanged = "STATUS_CHANGED";
    public const string AccountUpdated = "ACCOUNT_UPDATED";
    public const string TransactionPosted = "TRANSACTION_POSTED";
    public const string TransactionReversed = "TRANSACTION_REVERSED";
    public const string PaymentReceived = "payment.received";
    public const string CreditLimitChanged = "credit.limit.changed";
    public const string CollectionEscalated = "collection.escalated";
    public const string PeriodClosed = "period.closed";
    public const string PeriodReopened = "period.reopened";
}

/// <summary>An event type, the stream it goes to, and the version of its data's schema.</summary>
public sealed record EventDefinition(string Type, string Stream, int SchemaVersion, string Description);

/// <summary>The catalogue (README.md, "Events", has the JSON of each).</summary>
public static class EventCatalogue
{
    /// <summary>The envelope's own schema version (eventId, type, occurredAt, aggregateId, correlationId, schemaVersion, data).</summary>
    public const int EnvelopeVersion = 1;

    public static IReadOnlyList<EventDefinition> All { get; } =
    [
        new(EventTypes.AccountCreated, EventStreams.AccountEvents, 1, "A deposit or loan account was opened."),
        new(EventTypes.BalanceChanged, EventStreams.AccountEvents, 1, "A posting changed an account's balance (one per account line)."),
        new(EventTypes.StatusChanged, EventStreams.AccountEvents, 1, "An account was suspended, reactivated, frozen or closed."),
        new(EventTypes.AccountUpdated, EventStreams.AccountUpdates, 1, "Any change of an account's data: balance, status, holder, limits."),
        new(EventTypes.TransactionPosted, EventStreams.Transactions, 1, "A transaction (deposit, withdrawal, transfer, credit, debit, fee, interest...) was posted."),
        new(EventTypes.TransactionReversed, EventStreams.Transactions, 1, "A transaction was reversed by a new, opposite entry."),
        new(EventTypes.PaymentReceived, EventStreams.Receivables, 1, "A customer payment was recorded against receivables."),
        new(EventTypes.CreditLimitChanged, EventStreams.Receivables, 1, "An approved credit limit change took effect."),
        new(EventTypes.CollectionEscalated, EventStreams.Receivables, 1, "A collection case was escalated."),
        new(EventTypes.PeriodClosed, EventStreams.Periods, 1, "A period close finished: the period is CLOSED."),
        new(EventTypes.PeriodReopened, EventStreams.Periods, 1, "An approved reopen made a closed period OPEN again."),
    ];

    private static readonly Dictionary<string, EventDefinition> ByType = All.ToDictionary(d => d.Type, StringComparer.Ordinal);

    public static EventDefinition Get(string type) =>
        ByType.TryGetValue(type, out var definition) ? definition : throw new ArgumentException($"Unknown event type '{type}'.", nameof(type));

    public static bool IsKnown(string type) => ByType.ContainsKey(type);
}
