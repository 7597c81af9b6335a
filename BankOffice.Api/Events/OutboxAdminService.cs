using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Events;

/// <summary>
/// What admins see and do with the outbox: how far the publisher is behind, the messages with their
/// last error, and replays (a dead-lettered message, or every message of a time range) that put
/// messages back to PENDING with their event ids, so consumers can de-duplicate the second copy.
/// </summary>
public sealed class OutboxAdminService(BankOfficeDbContext db, TimeProvider time, IOptions<KafkaOptions> kafka, ILogger<OutboxAdminService> logger)
{
    /// <summary>The longest range one replay may cover: a bigger one is more likely a mistake than a need.</summary>
    public static readonly TimeSpan MaxReplaySpan = TimeSpan.FromDays(31);

    private static readonly OutboxStatus[] DefaultReplayStatuses = [OutboxStatus.SENT, OutboxStatus.DEAD_LETTER];

    public async Task<OutboxSummaryDto> SummaryAsync(CancellationToken cancellationToken)
    {
        // One pass over the table gives every figure (SENT rows are most of it).
        var groups = await db.OutboxMessages
            .GroupBy(m => new { m.Stream, m.Status })
            .Select(g => new { g.Key.Stream, g.Key.Status, Count = g.LongCount(), Oldest = g.Min(m => (DateTimeOffset?)m.OccurredAt), LastPublished = g.Max(m => m.PublishedAt) })
            .ToListAsync(cancellationToken);
        var webhooks = await db.WebhookDeliveries
            .Where(d => d.Status != WebhookDeliveryStatus.DELIVERED)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        long Count(OutboxStatus status, string? stream = null) =>
            groups.Where(g => g.Status == status && (stream is null || g.Stream == stream)).Sum(g => g.Count);
        DateTimeOffset? OldestPending(string? stream = null) =>
            groups.Where(g => g.Status == OutboxStatus.PENDING && (stream is null || g.Stream == stream)).Min(g => g.Oldest);

        // Every catalogue stream is listed, idle ones too, so the screen shows each topic it publishes to.
        var streams = EventStreams.All.Union(groups.Select(g => g.Stream), StringComparer.Ordinal)
            .Select(s => new OutboxStreamDto(s, kafka.Value.TopicFor(s), Count(OutboxStatus.PENDING, s), Count(OutboxStatus.SENT, s), Count(OutboxStatus.DEAD_LETTER, s), OldestPending(s)))
            .ToList();
        var oldest = OldestPending();
        double? age = oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : null;
        return new OutboxSummaryDto(
            kafka.Value.Enabled,
            Count(OutboxStatus.PENDING),
            Count(OutboxStatus.SENT),
            Count(OutboxStatus.DEAD_LETTER),
            oldest,
            age,
            groups.Max(g => g.LastPublished),
            streams,
            webhooks.Where(w => w.Status == WebhookDeliveryStatus.PENDING).Sum(w => w.Count),
            webhooks.Where(w => w.Status == WebhookDeliveryStatus.FAILED).Sum(w => w.Count));
    }

    /// <summary>Newest first; <c>from</c>/<c>to</c> bound the time the event occurred, [from, to).</summary>
    public async Task<PagedResult<OutboxMessageDto>> ListAsync(OutboxQuery query, CancellationToken cancellationToken)
    {
        var messages = db.OutboxMessages.AsNoTracking();
        if (query.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            var type = query.Type.Trim();
            messages = messages.Where(m => m.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(query.AggregateId))
        {
            var aggregateId = query.AggregateId.Trim();
            messages = messages.Where(m => m.AggregateId == aggregateId);
        }

        if (query.From is { } from)
        {
            messages = messages.Where(m => m.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            messages = messages.Where(m => m.OccurredAt < to);
        }

        return await messages.OrderByDescending(m => m.Sequence).ToPageAsync(query.Page, query.Size, ToDto, cancellationToken);
    }

    public async Task<OutboxMessageDto> GetAsync(Guid eventId, CancellationToken cancellationToken) =>
        ToDto(await FindAsync(eventId, cancellationToken));

    /// <summary>
    /// A DEAD_LETTER message goes out again: PENDING, its tries counted from zero, due now. Its last error
    /// stays until it is sent, so the screen still says why it had failed. Anything else is 409
    /// NOT_DEAD_LETTERED: a pending message is already on its way, a sent one is replayed by range.
    /// </summary>
    public async Task<OutboxMessageDto> ReplayAsync(CurrentUser user, Guid eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One conditional UPDATE: two admins replaying at once, or the publisher, never see a half-changed row.
        var replayed = await db.OutboxMessages
            .Where(m => m.Id == eventId && m.Status == OutboxStatus.DEAD_LETTER)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.PENDING).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        var message = await FindAsync(eventId, cancellationToken);
        if (replayed == 0)
        {
            throw DomainException.Conflict(EventErrorCodes.NotDeadLettered,
                $"Event {eventId} is {message.Status}: only a DEAD_LETTER message is replayed on its own (replay a time range to send SENT messages again).");
        }

        logger.LogWarning("Outbox replay: {User} replayed dead-lettered event {EventId} ({Type}, key {AggregateId}).", user.Name, eventId, message.Type, message.AggregateId);
        return ToDto(message);
    }

    /// <summary>
    /// Every message that occurred in [from, to), of the given types and states (SENT and DEAD_LETTER by
    /// default), back to PENDING with its event id; the publisher sends them again in sequence order per key.
    /// </summary>
    public async Task<OutboxReplayResult> ReplayRangeAsync(CurrentUser user, OutboxReplayRequest request, CancellationToken cancellationToken)
    {
        var (from, to) = CheckRange(request);
        var statuses = request.Statuses is { Count: > 0 } asked ? asked.Distinct().ToArray() : DefaultReplayStatuses;
        if (statuses.Contains(OutboxStatus.PENDING))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "statuses may be SENT and DEAD_LETTER: a PENDING message is already waiting to be sent.");
        }

        var types = request.Types?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (types.FirstOrDefault(t => !EventCatalogue.IsKnown(t)) is { } unknown)
        {
            throw DomainException.Invalid(EventErrorCodes.UnknownEventType, $"'{unknown}' is not an event type of the catalogue (GET /api/v1/events/catalogue).");
        }

        var messages = db.OutboxMessages.Where(m => m.OccurredAt >= from && m.OccurredAt < to && statuses.Contains(m.Status));
        if (types.Length > 0)
        {
            messages = messages.Where(m => types.Contains(m.Type));
        }

        var now = time.GetUtcNow();
        var replayed = await messages.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.PENDING).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        logger.LogWarning("Outbox replay: {User} replayed {Count} events that occurred in [{From:O}, {To:O}) (types {Types}, states {Statuses}).",
            user.Name, replayed, from, to, types.Length == 0 ? "all" : string.Join(",", types), string.Join(",", statuses));
        return new OutboxReplayResult(replayed);
    }

    private static (DateTimeOffset From, DateTimeOffset To) CheckRange(OutboxReplayRequest request)
    {
        if (request.From is not { } from || request.To is not { } to)
        {
            throw DomainException.Invalid(EventErrorCodes.InvalidReplayRange, "A replay needs both from and to (the time the events occurred).");
        }

        if (from >= to)
        {
            throw DomainException.Invalid(EventErrorCodes.InvalidReplayRange, "from must be before to.");
        }

        if (to - from > MaxReplaySpan)
        {
            throw DomainException.Invalid(EventErrorCodes.InvalidReplayRange, $"A replay covers at most {MaxReplaySpan.TotalDays:0} days; split a longer range.");
        }

        return (from, to);
    }

    private async Task<OutboxMessage> FindAsync(Guid eventId, CancellationToken cancellationToken) =>
        await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == eventId, cancellationToken)
            ?? throw DomainException.NotFound(EventErrorCodes.EventNotFound, $"There is no event {eventId}.");

    private OutboxMessageDto ToDto(OutboxMessage m) => new(
        m.Id, m.Sequence, m.Type, m.Stream, kafka.Value.TopicFor(m.Stream), m.AggregateType, m.AggregateId, m.CorrelationId, m.SchemaVersion,
        m.Status, m.Attempts, m.OccurredAt, m.NextAttemptAt, m.PublishedAt, m.LastError, m.Payload);
}
