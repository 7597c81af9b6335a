using System.Runtime.CompilerServices;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;

namespace BankOffice.Web.Services;

/// <summary>
/// The statements API: a statement's header and totals on demand (the preview's check), the statements
/// a period close issued with their stored files, and the statement runs that store those files.
/// The files themselves are downloaded by the browser through the Web host's <c>/files</c> proxy (<see cref="FileLinks"/>).
/// </summary>
public interface IStatementsClient
{
    /// <summary>Header and totals only (<c>format=json&amp;includeDetails=false</c>): cheap, and refused exactly as the file would be.</summary>
    Task<StatementSummaryDto> GetSummaryAsync(StatementRequest request, CancellationToken ct = default);
    Task<PagedResult<IssuedStatementDto>> ListIssuedAsync(IssuedStatementQuery query, CancellationToken ct = default);
    Task<IssuedStatementDto> GetIssuedAsync(Guid id, CancellationToken ct = default);
    Task<StatementRunDto> StartRunAsync(StartStatementRunRequest request, CancellationToken ct = default);

    /// <summary>Runs newest first, of one period or of all.</summary>
    Task<IReadOnlyList<StatementRunDto>> ListRunsAsync(string? period = null, CancellationToken ct = default);
    Task<StatementRunDto> GetRunAsync(Guid id, CancellationToken ct = default);

    /// <summary>The run, asked for every <see cref="StatementsClient.PollInterval"/>, until it is no longer QUEUED or RUNNING.</summary>
    IAsyncEnumerable<StatementRunDto> WatchRunAsync(Guid id, CancellationToken ct = default);
}

public sealed class StatementsClient(HttpClient http, IAccessTokenProvider tokens, ILogger<StatementsClient> logger) : ApiClientBase(http, tokens), IStatementsClient
{
    /// <summary>Polls in a row that may fail (API restarting, a 503) before the watch gives up.</summary>
    private const int MaxFailedPolls = 10;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public Task<StatementSummaryDto> GetSummaryAsync(StatementRequest request, CancellationToken ct = default) =>
        GetAsync<StatementSummaryDto>(request.ApiPath(StatementFormat.JSON, includeDetails: false), ct);

    public Task<PagedResult<IssuedStatementDto>> ListIssuedAsync(IssuedStatementQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<IssuedStatementDto>>(
            QueryString.Build(
                "statements",
                ("period", query.Period),
                ("customerId", query.CustomerId),
                ("accountNumber", query.AccountNumber),
                ("page", query.Page),
                ("size", query.Size)),
            ct);

    public Task<IssuedStatementDto> GetIssuedAsync(Guid id, CancellationToken ct = default) => GetAsync<IssuedStatementDto>($"statements/{id}", ct);

    public Task<StatementRunDto> StartRunAsync(StartStatementRunRequest request, CancellationToken ct = default) =>
        ReadAsync<StatementRunDto>(HttpMethod.Post, "statement-runs", request, ct);

    public async Task<IReadOnlyList<StatementRunDto>> ListRunsAsync(string? period = null, CancellationToken ct = default) =>
        await GetAsync<List<StatementRunDto>>(QueryString.Build("statement-runs", ("period", period)), ct);

    public Task<StatementRunDto> GetRunAsync(Guid id, CancellationToken ct = default) => GetAsync<StatementRunDto>($"statement-runs/{id}", ct);

    public async IAsyncEnumerable<StatementRunDto> WatchRunAsync(Guid id, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var failures = 0;
        while (true)
        {
            var run = await TryGetRunAsync(id, ++failures >= MaxFailedPolls, ct);
            if (run is not null)
            {
                failures = 0;
                yield return run;
                if (!StatementRuns.IsActive(run.Status))
                {
                    yield break;
                }
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>The run, or null after a passing failure (the API restarting mid-run is what resumable runs are for).</summary>
    private async Task<StatementRunDto?> TryGetRunAsync(Guid id, bool lastChance, CancellationToken ct)
    {
        try
        {
            return await GetRunAsync(id, ct);
        }
        catch (ApiException ex) when (ex.Status >= 500 && !lastChance)
        {
            logger.LogInformation("Polling statement run {RunId} answered {Status}; asking again.", id, ex.Status);
            return null;
        }
    }
}

/// <summary>Which statement: a deposit or loan account (<c>ACC-…</c>) or a customer's receivables (<c>C000012</c>); the API tells them apart by the id.</summary>
public sealed record StatementTarget(StatementKind Kind, string Id, string Label)
{
    public static StatementKind KindOf(string id) =>
        id.StartsWith("ACC-", StringComparison.OrdinalIgnoreCase) ? StatementKind.ACCOUNT : StatementKind.CUSTOMER;
}

/// <summary>
/// A statement of one account over a date range. Null dates take the API's defaults (to = today,
/// from = the first of that month), which is how "this month" links stay right whatever the clock of this host says.
/// </summary>
public sealed record StatementRequest(string AccountId, DateOnly? From = null, DateOnly? To = null, bool IncludeDetails = true)
{
    /// <summary>The API path, relative to <c>/api/v1/</c>, with its query: also what <c>/files/</c> forwards.</summary>
    public string ApiPath(StatementFormat format, bool? includeDetails = null) =>
        QueryString.Build(
            $"accounts/{Uri.EscapeDataString(AccountId)}/statement",
            ("format", FileLinks.FormatName(format)),
            ("fromDate", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("toDate", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("includeDetails", (includeDetails ?? IncludeDetails) ? "true" : "false"));
}

public sealed record IssuedStatementQuery(string? Period = null, string? CustomerId = null, string? AccountNumber = null, int Page = 1, int Size = PageRequest.DefaultSize);

/// <summary>The header and totals of <c>GET /accounts/{id}/statement?format=json</c> (its transactions are not read here).</summary>
public sealed record StatementSummaryDto(
    string Kind, string CustomerId, string CustomerName, string? AccountNumber, string? Iban, Currency Currency, StatementPeriodDto StatementPeriod,
    decimal OpeningBalance, decimal TotalDebits, decimal TotalCredits, decimal ClosingBalance, int LineCount, DateTimeOffset GeneratedAt);

public sealed record StatementPeriodDto(DateOnly From, DateOnly To);

public static class StatementRuns
{
    /// <summary>Still to finish: worth following.</summary>
    public static bool IsActive(StatementRunStatus status) => status is StatementRunStatus.QUEUED or StatementRunStatus.RUNNING;
}
