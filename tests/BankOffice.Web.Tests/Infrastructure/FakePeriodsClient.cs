using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>
/// Hand-written IPeriodsClient fake: answers from its lists, records requests and decisions, throws queued
/// errors first; a watched run yields whatever the test writes to <see cref="Updates"/>.
/// </summary>
public sealed class FakePeriodsClient : IPeriodsClient
{
    public static readonly DateOnly Today = new(2026, 11, 20);
    public static readonly DateTimeOffset Started = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public List<PeriodDto> Periods { get; } = [];
    public Dictionary<string, CloseRunDto> LatestRuns { get; } = [];
    public List<ReopenRequestDto> Pending { get; } = [];
    public List<PeriodAuditDto> Audit { get; } = [];
    public List<(string Period, ClosePeriodRequest Request)> CloseRequests { get; } = [];
    public List<(string Period, ReopenPeriodRequest Request)> ReopenRequests { get; } = [];
    public List<(string Action, Guid Id, string? Note)> Decisions { get; } = [];
    public List<Guid> Watched { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    /// <summary>What a watched run yields, in order; complete the writer to end the watch.</summary>
    public Channel<CloseRunDto> Updates { get; } = Channel.CreateUnbounded<CloseRunDto>();

    public static FixedTimeProvider Clock => new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    public static PeriodDto Period(string key, PeriodStatus status, CloseRunStatus? lastRun = null, ReopenRequestDto? pending = null, int reopens = 0)
    {
        var period = PeriodKey.Parse(key);
        var closed = status == PeriodStatus.CLOSED;
        return new PeriodDto(key, status, period.Start, period.End, period.End.AddDays(5), closed ? new DateTimeOffset(period.End.AddDays(2).ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero) : null,
            closed ? "admin@bankoffice.local" : null, closed ? "manager@bankoffice.local" : null, reopens, null, lastRun is null ? null : Guid.NewGuid(), lastRun, pending);
    }

    /// <summary>A run of 2026-10: steps before <paramref name="current"/> DONE, it RUNNING with <paramref name="processed"/> of 300, the rest PENDING.</summary>
    public static CloseRunDto Run(CloseRunStatus status = CloseRunStatus.RUNNING, int progress = 42, CloseStep? current = CloseStep.INTEREST, long processed = 120,
        IReadOnlyList<CloseExceptionDto>? exceptions = null, CloseSummaryDto? summary = null, Guid? id = null)
    {
        var steps = Enum.GetValues<CloseStep>().Select(step =>
        {
            var state = current is null || step < current ? CloseStepStatus.DONE : step == current ? CloseStepStatus.RUNNING : CloseStepStatus.PENDING;
            var begun = Started.AddSeconds((int)step * 10);
            return state switch
            {
                CloseStepStatus.DONE => new CloseStepDto(step, state, 50, 50, $"{step} done", begun, begun.AddSeconds(2.5)),
                CloseStepStatus.RUNNING => new CloseStepDto(step, state, processed, 300, null, begun, null),
                _ => new CloseStepDto(step, state, 0, 0, null, null, null),
            };
        }).ToList();
        return new CloseRunDto(id ?? RunId, "2026-10", status, progress, status == CloseRunStatus.RUNNING ? current : null, new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero),
            true, true, "admin@bankoffice.local", "manager@bankoffice.local", Started, status == CloseRunStatus.RUNNING ? null : Started.AddMinutes(2), 1,
            status == CloseRunStatus.RUNNING ? null : "stopped", steps, exceptions ?? [], summary);
    }

    public static readonly Guid RunId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    public static ReopenRequestDto Request(string requestedBy, string authorizedBy = "manager@bankoffice.local", string period = "2026-09") =>
        new(Guid.NewGuid(), period, ReopenStatus.PENDING_APPROVAL, "Late supplier invoice to book", requestedBy, authorizedBy, Today.AddDays(7), Started, null, null, null);

    public Task<IReadOnlyList<PeriodDto>> ListAsync(CancellationToken ct = default) => Answer<IReadOnlyList<PeriodDto>>(Periods.ToList());

    public Task<PeriodDto> CurrentAsync(CancellationToken ct = default) => Answer(Periods.First());

    public Task<PeriodDto> GetAsync(string period, CancellationToken ct = default) =>
        Periods.FirstOrDefault(p => p.Period == period) is { } found
            ? Answer(found)
            : Task.FromException<PeriodDto>(new ApiException(404, PeriodErrorCodes.PeriodNotFound, "Not found", $"There is no period {period}."));

    public Task<CloseRunDto> StartCloseAsync(string period, ClosePeriodRequest request, CancellationToken ct = default)
    {
        CloseRequests.Add((period, request));
        return Answer(Run(progress: 0, current: CloseStep.CUTOFF, processed: 0));
    }

    public Task<CloseRunDto?> LatestRunAsync(string period, CancellationToken ct = default) =>
        Task.FromResult(LatestRuns.TryGetValue(period, out var run) ? run : null);

    public Task<CloseRunDto> GetRunAsync(Guid runId, CancellationToken ct = default) => Answer(LatestRuns.Values.First(r => r.Id == runId));

    public async IAsyncEnumerable<CloseRunDto> WatchRunAsync(Guid runId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Watched.Add(runId);
        await foreach (var run in Updates.Reader.ReadAllAsync(ct))
        {
            yield return run;
        }
    }

    public Task<ReopenRequestDto> RequestReopenAsync(string period, ReopenPeriodRequest request, CancellationToken ct = default)
    {
        ReopenRequests.Add((period, request));
        return Answer(Request("admin@bankoffice.local", request.AuthorizedBy!, period));
    }

    public Task<IReadOnlyList<ReopenRequestDto>> ReopenRequestsAsync(ReopenStatus? status = ReopenStatus.PENDING_APPROVAL, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ReopenRequestDto>>(Pending.ToList());

    public Task<ReopenRequestDto> ApproveReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default) =>
        Decide("approve", requestId, request, ReopenStatus.APPROVED);

    public Task<ReopenRequestDto> RejectReopenAsync(Guid requestId, ReopenDecisionRequest request, CancellationToken ct = default) =>
        Decide("reject", requestId, request, ReopenStatus.REJECTED);

    public Task<IReadOnlyList<PeriodAuditDto>> AuditAsync(string period, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PeriodAuditDto>>(Audit.Where(a => a.Period == period).ToList());

    private Task<ReopenRequestDto> Decide(string action, Guid id, ReopenDecisionRequest request, ReopenStatus status)
    {
        Decisions.Add((action, id, request.Note));
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<ReopenRequestDto>(error);
        }

        var decided = Pending.Single(r => r.Id == id) with { Status = status, DecidedBy = "me", DecidedAt = Started };
        Pending.RemoveAll(r => r.Id == id);
        return Task.FromResult(decided);
    }

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);

    /// <summary>
    /// TRY provision at the default rates (1, 5, 20, 50, 100 %): 10,000 × 1 % + 4,000 × 5 % + 2,000 × 20 % + 1,000 × 50 % + 500 × 100 %
    /// = 100 + 200 + 400 + 500 + 500 = 1,700.00 required; 1,200.00 held before, so 500.00 booked.
    /// </summary>
    public static CloseSummaryDto Summary() =>
        new([new CurrencyAmountDto(Currency.TRY, 1234.56m), new CurrencyAmountDto(Currency.USD, 78.9m)], 12,
            [new ProvisionDto(Currency.TRY, 10_000m, 4_000m, 2_000m, 1_000m, 500m, 1_700m, 1_200m, 500m)], 50, 6, 48);
}
