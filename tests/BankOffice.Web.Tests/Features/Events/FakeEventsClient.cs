using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Features.Events;

/// <summary>
/// Hand-written IEventsClient fake: answers from its fields, records what was asked, throws queued errors
/// first; a replay turns its message PENDING with zero tries, as the API does.
/// </summary>
public sealed class FakeEventsClient : IEventsClient
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public static readonly Guid DeadId = Guid.Parse("0193a000-0000-7000-8000-0000000000d1");

    public OutboxSummaryDto Summary { get; set; } = SummaryOf(pending: 0, sent: 0, dead: 0);
    public List<OutboxMessageDto> Messages { get; } = [];
    public List<OutboxQuery> Queries { get; } = [];
    public List<Guid> Replays { get; } = [];
    public List<OutboxReplayRequest> RangeReplays { get; } = [];
    public int SummaryCalls { get; private set; }
    public int Replayed { get; set; }
    public Queue<Exception> Errors { get; } = new();

    public static IReadOnlyList<EventTypeDto> Catalogue { get; } = EventCatalogue.All
        .Select(d => new EventTypeDto(d.Type, d.Stream, d.Stream, d.SchemaVersion, d.Description)).ToList();

    public static OutboxSummaryDto SummaryOf(long pending, long sent, long dead, double? ageSeconds = null, bool kafka = false) =>
        new(kafka, pending, sent, dead, ageSeconds is null ? null : Now.AddSeconds(-ageSeconds.Value), ageSeconds, Now.AddMinutes(-1),
            EventStreams.All.Select(s => new OutboxStreamDto(s, s, 0, 0, 0, null)).ToList(), 0, 0);

    public static OutboxMessageDto Message(OutboxStatus status, Guid? id = null, string type = EventTypes.BalanceChanged, string key = "ACC-1", int attempts = 0, string? error = null) =>
        new(id ?? DeadId, 42, type, EventCatalogue.Get(type).Stream, EventCatalogue.Get(type).Stream, "account", key, "corr-1", 1, status, attempts,
            Now.AddHours(-1), Now, status == OutboxStatus.SENT ? Now : null, error, """{"accountNumber":"ACC-1"}""");

    public Task<OutboxSummaryDto> GetSummaryAsync(CancellationToken ct = default)
    {
        SummaryCalls++;
        return Answer(Summary);
    }

    public Task<PagedResult<OutboxMessageDto>> ListMessagesAsync(OutboxQuery query, CancellationToken ct = default)
    {
        Queries.Add(query);
        var matching = Messages.Where(m => query.Status is null || m.Status == query.Status).ToList();
        return Answer(new PagedResult<OutboxMessageDto>(matching.Skip((query.Page - 1) * query.Size).Take(query.Size).ToList(), Pagination.Of(query.Page, query.Size, matching.Count)));
    }

    public Task<OutboxMessageDto> GetMessageAsync(Guid eventId, CancellationToken ct = default) => Answer(Messages.Single(m => m.EventId == eventId));

    public Task<OutboxMessageDto> ReplayAsync(Guid eventId, CancellationToken ct = default)
    {
        Replays.Add(eventId);
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<OutboxMessageDto>(error);
        }

        var index = Messages.FindIndex(m => m.EventId == eventId);
        Messages[index] = Messages[index] with { Status = OutboxStatus.PENDING, Attempts = 0 };
        return Task.FromResult(Messages[index]);
    }

    public Task<OutboxReplayResult> ReplayRangeAsync(OutboxReplayRequest request, CancellationToken ct = default)
    {
        RangeReplays.Add(request);
        return Answer(new OutboxReplayResult(Replayed));
    }

    public Task<IReadOnlyList<EventTypeDto>> CatalogueAsync(CancellationToken ct = default) => Task.FromResult(Catalogue);

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);
}
