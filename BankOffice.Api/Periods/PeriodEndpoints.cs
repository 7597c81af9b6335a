using System.Text.Json;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Periods;

public static class PeriodEndpoints
{
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapPeriodEndpoints(this RouteGroupBuilder api)
    {
        // Every staff member reads periods (postings depend on them); closing and reopening need period.close.
        var periods = api.MapGroup("/periods").WithTags("Periods").RequireAuthorization(policy => policy.RequireRole(Roles.Staff));
        periods.MapGet("/", List);
        periods.MapGet("/current", Current);
        periods.MapGet("/reopen-requests", ReopenRequests).RequireAuthorization(Permissions.PeriodClose);
        periods.MapPost("/reopen-requests/{id:guid}/approve", ApproveReopen).RequireAuthorization(Permissions.PeriodClose);
        periods.MapPost("/reopen-requests/{id:guid}/reject", RejectReopen).RequireAuthorization(Permissions.PeriodClose);
        periods.MapGet("/close-runs/{id:guid}", Run).RequireAuthorization(Permissions.PeriodClose);
        periods.MapGet("/close-runs/{id:guid}/stream", Stream).RequireAuthorization(Permissions.PeriodClose);
        periods.MapGet("/{period}", Get);
        periods.MapPost("/{period}/close", Close).RequireAuthorization(Permissions.PeriodClose);
        periods.MapGet("/{period}/close", LatestRun).RequireAuthorization(Permissions.PeriodClose);
        periods.MapPost("/{period}/reopen", Reopen).RequireAuthorization(Permissions.PeriodClose);
        periods.MapGet("/{period}/audit", Audit).RequireAuthorization(Permissions.PeriodClose);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PeriodDto>>> List(PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(cancellationToken));

    /// <summary>Seed 003's current period: the month of today.</summary>
    public static async Task<Ok<PeriodDto>> Current(PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(null, cancellationToken));

    public static async Task<Ok<PeriodDto>> Get(string period, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(period, cancellationToken));

    /// <summary>202: the close runs in the background; follow it at the Location (or its /stream).</summary>
    public static async Task<Accepted<CloseRunDto>> Close(string period, ClosePeriodRequest request, HttpContext http, PeriodService service, CancellationToken cancellationToken)
    {
        var run = await service.StartCloseAsync(http.CurrentUser(), period, request, cancellationToken);
        return TypedResults.Accepted($"/api/v1/periods/close-runs/{run.Id}", run);
    }

    public static async Task<Ok<CloseRunDto>> LatestRun(string period, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetLatestRunAsync(period, cancellationToken));

    public static async Task<Ok<CloseRunDto>> Run(Guid id, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetRunAsync(id, cancellationToken));

    /// <summary>
    /// Server-sent events: the run as JSON whenever it changes (and at least every 10 s), until it has
    /// finished. Read from the database, so it follows a close that another API instance is running.
    /// </summary>
    public static async Task Stream(Guid id, HttpContext http, IServiceScopeFactory scopes, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        CloseRunDto first;
        using (var scope = scopes.CreateScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<PeriodService>().GetRunAsync(id, cancellationToken);
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var last = string.Empty;
        var lastWrite = TimeProvider.System.GetTimestamp();
        var run = first;
        while (!cancellationToken.IsCancellationRequested)
        {
            var payload = JsonSerializer.Serialize(run, json.Value.SerializerOptions);

            // Unchanged state is sent again every 10 s: a heartbeat that keeps proxies and the
            // client's silence watchdog from giving up on a long step.
            if (payload != last || TimeProvider.System.GetElapsedTime(lastWrite) > KeepAliveEvery)
            {
                await http.Response.WriteAsync($"data: {payload}\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
                last = payload;
                lastWrite = TimeProvider.System.GetTimestamp();
            }

            if (run.Status != CloseRunStatus.RUNNING)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            using var scope = scopes.CreateScope();
            run = await scope.ServiceProvider.GetRequiredService<PeriodService>().GetRunAsync(id, cancellationToken);
        }
    }

    /// <summary>202: the reopen waits for a second approver (403 MAKER_CHECKER_VIOLATION when authorizedBy is the requester).</summary>
    public static async Task<Accepted<ReopenRequestDto>> Reopen(string period, ReopenPeriodRequest request, HttpContext http, PeriodService service, CancellationToken cancellationToken)
    {
        var reopen = await service.RequestReopenAsync(http.CurrentUser(), period, request, cancellationToken);
        return TypedResults.Accepted($"/api/v1/periods/reopen-requests/{reopen.Id}", reopen);
    }

    public static async Task<Ok<IReadOnlyList<ReopenRequestDto>>> ReopenRequests(ReopenStatus? status, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListReopenRequestsAsync(status, cancellationToken));

    public static async Task<Ok<ReopenRequestDto>> ApproveReopen(Guid id, ReopenDecisionRequest? request, HttpContext http, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.DecideReopenAsync(http.CurrentUser(), id, approve: true, request?.Note, cancellationToken));

    public static async Task<Ok<ReopenRequestDto>> RejectReopen(Guid id, ReopenDecisionRequest? request, HttpContext http, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.DecideReopenAsync(http.CurrentUser(), id, approve: false, request?.Note, cancellationToken));

    public static async Task<Ok<IReadOnlyList<PeriodAuditDto>>> Audit(string period, PeriodService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.AuditAsync(period, cancellationToken));
}
