using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Events;

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var outbox = api.MapGroup("/admin/outbox").WithTags("Events").RequireAuthorization(Permissions.EventsManage);
        outbox.MapGet("/", Summary);
        outbox.MapGet("/messages", Messages);
        outbox.MapGet("/messages/{eventId:guid}", Message);
        outbox.MapPost("/messages/{eventId:guid}/replay", Replay);
        outbox.MapPost("/replay", ReplayRange);

        // Integrators and every staff screen that lists event types (e.g. a webhook's) read the catalogue.
        api.MapGroup("/events").WithTags("Events").RequireAuthorization(policy => policy.RequireRole(Roles.Staff)).MapGet("/catalogue", Catalogue);
        return api;
    }

    /// <summary>How far behind the publisher is: counts by state and per stream, the oldest unsent message and its age.</summary>
    public static async Task<Ok<OutboxSummaryDto>> Summary(OutboxAdminService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SummaryAsync(cancellationToken));

    public static async Task<Ok<PagedResult<OutboxMessageDto>>> Messages([AsParameters] OutboxQuery query, OutboxAdminService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(query, cancellationToken));

    public static async Task<Ok<OutboxMessageDto>> Message(Guid eventId, OutboxAdminService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(eventId, cancellationToken));

    /// <summary>A DEAD_LETTER message back to PENDING (same event id); 409 NOT_DEAD_LETTERED for any other state.</summary>
    public static async Task<Ok<OutboxMessageDto>> Replay(Guid eventId, HttpContext http, OutboxAdminService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReplayAsync(http.CurrentUser(), eventId, cancellationToken));

    /// <summary>Every message of [from, to) (at most 31 days) sent again with its event id; 400 INVALID_REPLAY_RANGE otherwise.</summary>
    public static async Task<Ok<OutboxReplayResult>> ReplayRange(OutboxReplayRequest request, HttpContext http, OutboxAdminService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReplayRangeAsync(http.CurrentUser(), request, cancellationToken));

    public static Ok<IReadOnlyList<EventTypeDto>> Catalogue(IOptions<KafkaOptions> kafka) =>
        TypedResults.Ok<IReadOnlyList<EventTypeDto>>(EventCatalogue.All.Select(d => new EventTypeDto(d.Type, d.Stream, kafka.Value.TopicFor(d.Stream), d.SchemaVersion, d.Description)).ToList());
}
