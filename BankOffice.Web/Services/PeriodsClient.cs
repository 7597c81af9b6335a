using System.Runtime.CompilerServices;
using System.Text.Json;
using BankOffice.Core.Periods;

namespace BankOffice.Web.Services;

/// <summary>The periods API: accounting periods, their close runs (followed live), reopen requests with a second approver, and the audit trail.</summary>
public interface IPeriodsClient
{
    Task<IReadOnlyList<PeriodDto>> ListAsync(CancellationToken ct = default);
    Task<PeriodDto> CurrentAsync(CancellationToken ct = default);
    Task<PeriodDto> GetAsync(string period, CancellationToken ct = default);
    Task<CloseRunDto> StartCloseAsync(string period, ClosePeriodRequest request, CancellationToken ct = default);

    /// <summary>The period's latest close run, or null when it was never closed.</summary>
    Task<CloseRunDto?> LatestRunAsync(string period, CancellationToken ct = default);
    Task<CloseRunDto> GetRunAsync(Guid runId, CancellationToken ct = default);

    /// <summary>
    /// The run each time it changes, until it is no longer RUNNING: from the server-sent event stream,
    /// or, when the stream cannot be opened, breaks or goes quiet, by asking for the run every <see cref="PeriodsClient.PollInterval"/>.
    /// </summary>
    IAsyncEnumerable<CloseRunDto> WatchRunAsync(Guid runId, CancellationToken ct = default);
    Task<ReopenRequestDto> RequestReopenAsync(string period, ReopenPeriodRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<ReopenRequestDto>> ReopenRequestsAsync(ReopenStatus? status = ReopenStatus.PENDING_APPROVAL, CancellationToken ct = default);
    Task<ReopenRequestDto> ApproveReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default);
    Task<ReopenRequestDto> RejectReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<PeriodAuditDto>> AuditAsync(string period, CancellationToken ct = default);
}

public sealed class PeriodsClient(HttpClient http, IAccessTokenProvider tokens, ILogger<PeriodsClient> logger) : ApiClientBase(http, tokens), IPeriodsClient
{
    /// <summary>How often the fallback asks for the run when the stream is not available.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A stream that sends nothing for this long is given up for polling. The server sends a change about
    /// every 300 ms, but a long step may change nothing for a while, so this is generous.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<PeriodDto>> ListAsync(CancellationToken ct = default) =>
        await GetAsync<List<PeriodDto>>("periods", ct);

    public Task<PeriodDto> CurrentAsync(CancellationToken ct = default) => GetAsync<PeriodDto>("periods/current", ct);

    public Task<PeriodDto> GetAsync(string period, CancellationToken ct = default) => GetAsync<PeriodDto>(PeriodPath(period), ct);

    public Task<CloseRunDto> StartCloseAsync(string period, ClosePeriodRequest request, CancellationToken ct = default) =>
        ReadAsync<CloseRunDto>(HttpMethod.Post, PeriodPath(period) + "/close", request, ct);

    public async Task<CloseRunDto?> LatestRunAsync(string period, CancellationToken ct = default)
    {
        try
        {
            return await GetAsync<CloseRunDto>(PeriodPath(period) + "/close", ct);
        }
        catch (ApiException ex) when (ex.IsNotFound && ex.Code != PeriodErrorCodes.PeriodNotFound)
        {
            return null;
        }
    }

    public Task<CloseRunDto> GetRunAsync(Guid runId, CancellationToken ct = default) => GetAsync<CloseRunDto>(RunPath(runId), ct);

    public async IAsyncEnumerable<CloseRunDto> WatchRunAsync(Guid runId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        CloseRunDto? last = null;
        using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            await using var events = StreamRunAsync(runId, quiet.Token).GetAsyncEnumerator(quiet.Token);
            while (true)
            {
                try
                {
                    quiet.CancelAfter(StreamIdleTimeout);
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is not ApiException { IsUnauthorized: true })
                {
                    logger.LogWarning(ex, "The progress stream of close run {RunId} failed; following it by polling.", runId);
                    break;
                }

                last = events.Current;
                yield return last;
                if (last.Status != CloseRunStatus.RUNNING)
                {
                    yield break;
                }
            }
        }

        // The stream failed, went quiet, or ended while the run still ran (e.g. the API instance restarted): ask instead.
        while (true)
        {
            var run = await GetRunAsync(runId, ct);
            yield return run;
            if (run.Status != CloseRunStatus.RUNNING)
            {
                yield break;
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    public Task<ReopenRequestDto> RequestReopenAsync(string period, ReopenPeriodRequest request, CancellationToken ct = default) =>
        ReadAsync<ReopenRequestDto>(HttpMethod.Post, PeriodPath(period) + "/reopen", request, ct);

    public async Task<IReadOnlyList<ReopenRequestDto>> ReopenRequestsAsync(ReopenStatus? status = ReopenStatus.PENDING_APPROVAL, CancellationToken ct = default) =>
        await GetAsync<List<ReopenRequestDto>>(QueryString.Build("periods/reopen-requests", ("status", status)), ct);

    public Task<ReopenRequestDto> ApproveReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default) =>
        ReadAsync<ReopenRequestDto>(HttpMethod.Post, $"periods/reopen-requests/{requestId}/approve", request, ct);

    public Task<ReopenRequestDto> RejectReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default) =>
        ReadAsync<ReopenRequestDto>(HttpMethod.Post, $"periods/reopen-requests/{requestId}/reject", request, ct);

    public async Task<IReadOnlyList<PeriodAuditDto>> AuditAsync(string period, CancellationToken ct = default) =>
        await GetAsync<List<PeriodAuditDto>>(PeriodPath(period) + "/audit", ct);

    private async IAsyncEnumerable<CloseRunDto> StreamRunAsync(Guid runId, [EnumeratorCancellation] CancellationToken ct)
    {
        using var response = await OpenStreamAsync(RunPath(runId) + "/stream", ServerSentEvents.ContentType, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var data in ServerSentEvents.ReadDataAsync(body, ct))
        {
            yield return JsonSerializer.Deserialize<CloseRunDto>(data, ApiJson.Options) ?? throw new JsonException("A close-run event without a run.");
        }
    }

    private static string PeriodPath(string period) => "periods/" + Uri.EscapeDataString(period);

    private static string RunPath(Guid runId) => $"periods/close-runs/{runId}";
}
