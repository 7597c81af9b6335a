using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>
/// Hand-written IStatementsClient fake: records what was asked, answers from its lists, throws queued
/// errors first; a watched run yields whatever the test writes to <see cref="Updates"/>.
/// </summary>
public sealed class FakeStatementsClient : IStatementsClient
{
    public static readonly Guid RunId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    public static readonly Guid StatementId = Guid.Parse("0193a000-0000-7000-8000-0000000000b2");
    public static readonly DateTimeOffset Created = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    public StatementSummaryDto Summary { get; set; } = SummaryOf("ACC-0193a000-0000-7000-8000-000000000001", lines: 12);
    public List<StatementRequest> SummaryRequests { get; } = [];
    public List<IssuedStatementDto> Issued { get; } = [];
    public List<IssuedStatementQuery> IssuedQueries { get; } = [];
    public List<StatementRunDto> Runs { get; } = [];
    public List<StartStatementRunRequest> StartRequests { get; } = [];
    public List<Guid> Watched { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    /// <summary>What a watched run yields, in order; complete the writer to end the watch.</summary>
    public Channel<StatementRunDto> Updates { get; } = Channel.CreateUnbounded<StatementRunDto>();

    public static StatementSummaryDto SummaryOf(string accountNumber, int lines) =>
        new("ACCOUNT", "C000001", "Ayşe Yılmaz", accountNumber, "TR330006200000000000000001", Currency.TRY, new StatementPeriodDto(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20)),
            1_000m, 250.5m, 1_500m, 2_249.5m, lines, Created);

    public static StatementRunDto Run(StatementRunStatus status, int processed = 0, int total = 0, int failed = 0, int percent = 0, string? message = null,
        string period = "2026-10", Guid? id = null, IReadOnlyList<string>? formats = null, int attempts = 1) =>
        new(id ?? RunId, period, status, StatementRunTrigger.MANUAL, formats ?? ["pdf"], "admin@bankoffice.local", Created,
            status == StatementRunStatus.QUEUED ? null : Created.AddSeconds(2), StatementRuns.IsActive(status) ? null : Created.AddMinutes(1),
            total, processed, failed, percent, attempts, message);

    public static IssuedStatementDto Statement(string accountNumber, params StatementFileDto[] files) =>
        new(StatementId, "2026-10", accountNumber, "C000001", "Ayşe Yılmaz", Currency.TRY, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31),
            1_000m, 500m, 200m, 1_300m, 7, 1, Created, files);

    public static StatementFileDto File(string format, long size) =>
        new(format, $"statement-x.{format}", "application/octet-stream", size, "ab12", Created, $"/api/v1/statements/{StatementId}/files/{format}");

    public Task<StatementSummaryDto> GetSummaryAsync(StatementRequest request, CancellationToken ct = default)
    {
        SummaryRequests.Add(request);
        return Answer(Summary with { AccountNumber = request.AccountId });
    }

    public Task<PagedResult<IssuedStatementDto>> ListIssuedAsync(IssuedStatementQuery query, CancellationToken ct = default)
    {
        IssuedQueries.Add(query);
        var page = Issued.Skip((query.Page - 1) * query.Size).Take(query.Size).ToList();
        return Answer(new PagedResult<IssuedStatementDto>(page, Pagination.Of(query.Page, query.Size, Issued.Count)));
    }

    public Task<IssuedStatementDto> GetIssuedAsync(Guid id, CancellationToken ct = default) => Answer(Issued.First(s => s.Id == id));

    public Task<StatementRunDto> StartRunAsync(StartStatementRunRequest request, CancellationToken ct = default)
    {
        StartRequests.Add(request);
        return Answer(Run(StatementRunStatus.QUEUED, period: request.Period!, formats: request.Formats));
    }

    public Task<IReadOnlyList<StatementRunDto>> ListRunsAsync(string? period = null, CancellationToken ct = default) =>
        Answer<IReadOnlyList<StatementRunDto>>(Runs.Where(r => period is null || r.Period == period).ToList());

    public Task<StatementRunDto> GetRunAsync(Guid id, CancellationToken ct = default) => Answer(Runs.First(r => r.Id == id));

    public async IAsyncEnumerable<StatementRunDto> WatchRunAsync(Guid id, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Watched.Add(id);
        await foreach (var run in Updates.Reader.ReadAllAsync(ct))
        {
            yield return run;
        }
    }

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);
}
