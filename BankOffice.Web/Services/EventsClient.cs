using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Events;

namespace BankOffice.Web.Services;

/// <summary>
/// The outbox admin API (events.manage): how far the Kafka publisher is behind, the messages with
/// their last error, replays; and the event catalogue any staff member may read.
/// </summary>
public interface IEventsClient
{
    Task<OutboxSummaryDto> GetSummaryAsync(CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<PagedResult<OutboxMessageDto>> ListMessagesAsync(OutboxQuery query, CancellationToken ct = default);
    Task<OutboxMessageDto> GetMessageAsync(Guid eventId, CancellationToken ct = default);

    /// <summary>A DEAD_LETTER message back to PENDING with its event id (409 NOT_DEAD_LETTERED otherwise).</summary>
    Task<OutboxMessageDto> ReplayAsync(Guid eventId, CancellationToken ct = default);

    /// <summary>Every message of [from, to) of the given types and states sent again with its event id.</summary>
    Task<OutboxReplayResult> ReplayRangeAsync(OutboxReplayRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<EventTypeDto>> CatalogueAsync(CancellationToken ct = default);
}

public sealed class EventsClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IEventsClient
{
    private const string Outbox = "admin/outbox";

    public Task<OutboxSummaryDto> GetSummaryAsync(CancellationToken ct = default) => GetAsync<OutboxSummaryDto>(Outbox, ct);

    public Task<PagedResult<OutboxMessageDto>> ListMessagesAsync(OutboxQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<OutboxMessageDto>>(
            QueryString.Build(
                Outbox + "/messages",
                ("status", query.Status),
                ("type", query.Type),
                ("aggregateId", query.AggregateId),
                ("from", Instant(query.From)),
                ("to", Instant(query.To)),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public Task<OutboxMessageDto> GetMessageAsync(Guid eventId, CancellationToken ct = default) => GetAsync<OutboxMessageDto>($"{Outbox}/messages/{eventId}", ct);

    public Task<OutboxMessageDto> ReplayAsync(Guid eventId, CancellationToken ct = default) =>
        ReadAsync<OutboxMessageDto>(HttpMethod.Post, $"{Outbox}/messages/{eventId}/replay", null, ct);

    public Task<OutboxReplayResult> ReplayRangeAsync(OutboxReplayRequest request, CancellationToken ct = default) =>
        ReadAsync<OutboxReplayResult>(HttpMethod.Post, Outbox + "/replay", request, ct);

    public async Task<IReadOnlyList<EventTypeDto>> CatalogueAsync(CancellationToken ct = default) =>
        await GetAsync<List<EventTypeDto>>("events/catalogue", ct);

    /// <summary>ISO 8601 in UTC: QueryString would print a DateTimeOffset in its culture-free general form, which the API does not read back exactly.</summary>
    private static string? Instant(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
