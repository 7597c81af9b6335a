using BankOffice.Api.Events;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Periods;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Periods;

/// <summary>
/// Accounting periods: their rows (one per month from the first posting to this month), starting a
/// close (which a <see cref="PeriodCloseWorker"/> runs), and reopening with a second approver.
/// </summary>
public sealed class PeriodService(BankOfficeDbContext db, TimeProvider time, IOptions<PeriodCloseOptions> options, PeriodCloseSignal signal)
{
    public async Task<IReadOnlyList<PeriodDto>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsurePeriodsAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return await ToDtosAsync(periods, cancellationToken);
    }

    public async Task<PeriodDto> GetAsync(string? period, CancellationToken cancellationToken)
    {
        await EnsurePeriodsAsync(cancellationToken);
        var key = period is null ? PeriodKey.Of(time.Today()) : PeriodKey.Parse(period);
        var row = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == key.ToString(), cancellationToken)
            ?? throw DomainException.NotFound(PeriodErrorCodes.PeriodNotFound, $"There is no period {key}.");
        return (await ToDtosAsync([row], cancellationToken))[0];
    }

    /// <summary>
    /// Creates the missing period rows, from the month of the earliest posting (or this month) up to
    /// this month; concurrent callers are harmless (ON CONFLICT DO NOTHING).
    /// </summary>
    public async Task EnsurePeriodsAsync(CancellationToken cancellationToken)
    {
        var current = PeriodKey.Of(time.Today());
        var firstDate = await db.JournalEntries.MinAsync(e => (DateOnly?)e.ValueDate, cancellationToken);
        var latest = await db.Periods.MaxAsync(p => (string?)p.Id, cancellationToken);
        if (latest == current.ToString() && firstDate is { } f && await db.Periods.AnyAsync(p => p.Id == PeriodKey.Of(f).ToString(), cancellationToken))
        {
            return;
        }

        var first = firstDate is { } d && PeriodKey.Of(d) < current ? PeriodKey.Of(d) : current;
        var rows = new List<AccountingPeriod>();
        for (var key = first; key <= current; key = key.Next)
        {
            rows.Add(AccountingPeriod.Create(key, options.Value.CloseDeadlineDays));
        }

        var sql = "INSERT INTO accounting_periods (id, start_date, end_date, close_deadline, status, reopen_count) " +
                  "SELECT * FROM unnest(@ids, @starts, @ends, @deadlines, @statuses, @counts) ON CONFLICT (id) DO NOTHING";
        await db.Database.ExecuteSqlRawAsync(sql,
            [
                new NpgsqlParameter("ids", rows.Select(r => r.Id).ToArray()),
                new NpgsqlParameter("starts", rows.Select(r => r.StartDate).ToArray()),
                new NpgsqlParameter("ends", rows.Select(r => r.EndDate).ToArray()),
                new NpgsqlParameter("deadlines", rows.Select(r => r.CloseDeadline).ToArray()),
                new NpgsqlParameter("statuses", rows.Select(r => r.Status.ToString()).ToArray()),
                new NpgsqlParameter("counts", rows.Select(r => r.ReopenCount).ToArray()),
            ],
            cancellationToken);
    }

    /// <summary>
    /// Starts the close: flips the period to CLOSING under its exclusive lock (so postings in flight
    /// finish first and later ones are refused) and records a RUNNING run for the worker.
    /// </summary>
    public async Task<CloseRunDto> StartCloseAsync(CurrentUser user, string period, ClosePeriodRequest request, CancellationToken cancellationToken)
    {
        var key = PeriodKey.Parse(period);
        if (string.IsNullOrWhiteSpace(request.ApprovedBy) || request.ApprovedBy.Trim().Length > AccountingPeriod.UserMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "approvedBy names who approved the close.");
        }

        await EnsurePeriodsAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockKey = PeriodGuard.LockKey(key);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [lockKey[0], lockKey[1]], cancellationToken);
        var row = await db.Periods.FromSqlRaw("SELECT *, xmin FROM accounting_periods WHERE id = {0} FOR UPDATE", key.ToString()).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(PeriodErrorCodes.PeriodNotFound, $"There is no period {key}.");
        row.BeginClose(time.Today());
        var earlierOpen = await db.Periods.Where(p => string.Compare(p.Id, row.Id) < 0 && p.Status != PeriodStatus.CLOSED).OrderBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (earlierOpen is not null)
        {
            throw DomainException.Rule(PeriodErrorCodes.EarlierPeriodOpen, $"Period {earlierOpen} is not closed yet; periods close in order.",
                new Dictionary<string, object?> { ["openPeriod"] = earlierOpen });
        }

        var run = CloseRun.Start(Guid.CreateVersion7(), row, request.CutoffDateTime ?? new DateTimeOffset(row.EndDate.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero),
            request.IncludeAccruals, request.RunProvision, user.Name, request.ApprovedBy.Trim(), now);
        row.MarkClosing();
        db.CloseRuns.Add(run);
        db.PeriodAudit.Add(new PeriodAuditEntry(row.Id, "CLOSE_STARTED", user.Name,
            $"Cut-off {run.CutoffAt:u}; accruals {(run.IncludeAccruals ? "yes" : "no")}; provisions {(run.RunProvision ? "yes" : "no")}; approved by {run.ApprovedBy}.", now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CloseRun.OneRunningIndex })
        {
            throw DomainException.Conflict(PeriodErrorCodes.CloseInProgress, "Another period close is running; one close runs at a time.");
        }

        signal.Wake();
        return await GetRunAsync(run.Id, cancellationToken);
    }

    public async Task<CloseRunDto> GetRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.CloseRuns.AsNoTracking().Include(r => r.Steps).Include(r => r.Exceptions).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.NotFound, $"There is no close run {runId}.");
        return await ToDtoAsync(run, cancellationToken);
    }

    public async Task<CloseRunDto> GetLatestRunAsync(string period, CancellationToken cancellationToken)
    {
        var key = PeriodKey.Parse(period).ToString();
        var id = await db.CloseRuns.Where(r => r.Period == key).OrderByDescending(r => r.StartedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.NotFound, $"Period {key} has not been closed yet.");
        return await GetRunAsync(id, cancellationToken);
    }

    /// <summary>Asks for a reopen; only the latest CLOSED period, one pending request at a time, and authorizedBy cannot be the requester.</summary>
    public async Task<ReopenRequestDto> RequestReopenAsync(CurrentUser user, string period, ReopenPeriodRequest request, CancellationToken cancellationToken)
    {
        var key = PeriodKey.Parse(period).ToString();
        var row = await db.Periods.SingleOrDefaultAsync(p => p.Id == key, cancellationToken)
            ?? throw DomainException.NotFound(PeriodErrorCodes.PeriodNotFound, $"There is no period {key}.");
        var laterClosed = await db.Periods.AnyAsync(p => string.Compare(p.Id, key) > 0 && p.Status != PeriodStatus.OPEN, cancellationToken);
        if (laterClosed)
        {
            throw DomainException.Rule(PeriodErrorCodes.LaterPeriodClosed, $"A period after {key} is closed (or closing); reopen the latest closed period first.");
        }

        if (request.ExpectedCloseDate is null)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "expectedCloseDate is required.");
        }

        var now = time.GetUtcNow();
        var reopen = PeriodReopenRequest.Create(Guid.CreateVersion7(), row, request.Reason ?? string.Empty, user.Name, request.AuthorizedBy ?? string.Empty, request.ExpectedCloseDate.Value, time.Today(), now);
        db.PeriodReopenRequests.Add(reopen);
        db.PeriodAudit.Add(new PeriodAuditEntry(key, "REOPEN_REQUESTED", user.Name, $"{reopen.Reason} (authorizer {reopen.AuthorizedBy}, expected close {reopen.ExpectedCloseDate:yyyy-MM-dd})", now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PeriodReopenRequest.OnePendingIndex })
        {
            throw DomainException.Conflict(PeriodErrorCodes.ReopenPending, $"A reopen of {key} is already waiting for approval.");
        }

        return ToDto(reopen);
    }

    public async Task<IReadOnlyList<ReopenRequestDto>> ListReopenRequestsAsync(ReopenStatus? status, CancellationToken cancellationToken)
    {
        var query = db.PeriodReopenRequests.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        return (await query.OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(cancellationToken)).Select(ToDto).ToList();
    }

    /// <summary>A second period.close user approves: the period is OPEN again. The request and period rows are locked so two approvals cannot both apply.</summary>
    public async Task<ReopenRequestDto> DecideReopenAsync(CurrentUser user, Guid id, bool approve, string? note, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.PeriodReopenRequests.FromSqlRaw("SELECT * FROM period_reopen_requests WHERE id = {0} FOR UPDATE", id).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(PeriodErrorCodes.ReopenNotFound, $"There is no reopen request {id}.");
        var now = time.GetUtcNow();
        if (approve)
        {
            var period = await db.Periods.FromSqlRaw("SELECT *, xmin FROM accounting_periods WHERE id = {0} FOR UPDATE", request.Period).SingleAsync(cancellationToken);
            request.Approve(period, user.Name, note, now);

            // A later period may have been closed while the request waited: reopening this one under it
            // would break the order periods close in. The later rows are locked, so a close starting now
            // waits for this decision and then finds this period OPEN (EARLIER_PERIOD_OPEN).
            var later = await db.Periods.FromSqlRaw("SELECT *, xmin FROM accounting_periods WHERE id > {0} ORDER BY id FOR UPDATE", request.Period).ToListAsync(cancellationToken);
            if (later.FirstOrDefault(p => p.Status != PeriodStatus.OPEN) is { } closed)
            {
                throw DomainException.Rule(PeriodErrorCodes.LaterPeriodClosed,
                    $"Period {closed.Id}, after {request.Period}, is {closed.Status}; only the latest closed period can be reopened. Reject this request.");
            }

            Outbox.Record(db, EventTypes.PeriodReopened, "period", period.Id,
                new { period = period.Id, reason = request.Reason, requestedBy = request.RequestedBy, approvedBy = user.Name, expectedCloseDate = request.ExpectedCloseDate }, now);
        }
        else
        {
            request.Reject(user.Name, note, now);
        }

        db.PeriodAudit.Add(new PeriodAuditEntry(request.Period, approve ? "REOPEN_APPROVED" : "REOPEN_REJECTED", user.Name,
            $"Request by {request.RequestedBy}: {request.Reason}{(request.DecisionNote is null ? string.Empty : $" — {request.DecisionNote}")}", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(request);
    }

    public async Task<IReadOnlyList<PeriodAuditDto>> AuditAsync(string period, CancellationToken cancellationToken)
    {
        var key = PeriodKey.Parse(period).ToString();
        return await db.PeriodAudit.AsNoTracking().Where(a => a.Period == key).OrderByDescending(a => a.Id)
            .Select(a => new PeriodAuditDto(a.Period, a.Action, a.Actor, a.Details, a.At)).ToListAsync(cancellationToken);
    }

    private async Task<List<PeriodDto>> ToDtosAsync(IReadOnlyList<AccountingPeriod> periods, CancellationToken cancellationToken)
    {
        var ids = periods.Select(p => p.Id).ToArray();
        var runs = await db.CloseRuns.AsNoTracking().Where(r => ids.Contains(r.Period))
            .GroupBy(r => r.Period).Select(g => g.OrderByDescending(r => r.StartedAt).Select(r => new { r.Period, r.Id, r.Status }).First())
            .ToDictionaryAsync(r => r.Period, cancellationToken);
        var pending = (await db.PeriodReopenRequests.AsNoTracking().Where(r => r.Status == ReopenStatus.PENDING_APPROVAL && ids.Contains(r.Period)).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Period);
        return periods.Select(p => new PeriodDto(p.Id, p.Status, p.StartDate, p.EndDate, p.CloseDeadline, p.ClosedAt, p.ClosedBy, p.ApprovedBy, p.ReopenCount, p.ExpectedCloseDate,
            runs.GetValueOrDefault(p.Id)?.Id, runs.GetValueOrDefault(p.Id)?.Status, pending.TryGetValue(p.Id, out var r) ? ToDto(r) : null)).ToList();
    }

    private async Task<CloseRunDto> ToDtoAsync(CloseRun run, CancellationToken cancellationToken)
    {
        CloseSummaryDto? summary = null;
        if (run.Status == CloseRunStatus.SUCCEEDED)
        {
            var interest = await db.InterestAccruals.AsNoTracking().Where(a => a.RunId == run.Id && a.Booked != 0)
                .GroupBy(a => a.Currency).Select(g => new { Currency = g.Key, Amount = g.Sum(a => a.Booked), Accounts = g.Count() }).ToListAsync(cancellationToken);
            var provisions = await db.PeriodProvisions.AsNoTracking().Where(p => p.RunId == run.Id).OrderBy(p => p.Currency).ToListAsync(cancellationToken);
            var balances = await db.PeriodBalances.CountAsync(b => b.Period == run.Period, cancellationToken);
            var aging = await db.PeriodAging.CountAsync(a => a.Period == run.Period, cancellationToken);
            var statements = await db.Statements.CountAsync(s => s.Period == run.Period && s.RunId == run.Id, cancellationToken);
            summary = new CloseSummaryDto(
                interest.OrderBy(i => i.Currency).Select(i => new CurrencyAmountDto(i.Currency, M(i.Amount))).ToList(), interest.Sum(i => i.Accounts),
                provisions.Select(p => new ProvisionDto(p.Currency, M(p.Current), M(p.Days1_30), M(p.Days31_60), M(p.Days61_90), M(p.Over90), M(p.Required), M(p.Previous), M(p.Adjustment))).ToList(),
                balances, aging, statements);
        }

        return new CloseRunDto(run.Id, run.Period, run.Status, run.Progress, run.CurrentStep, run.CutoffAt, run.IncludeAccruals, run.RunProvision, run.RequestedBy, run.ApprovedBy,
            run.StartedAt, run.FinishedAt, run.Attempts, run.Error,
            run.Steps.OrderBy(s => s.Step).Select(s => new CloseStepDto(s.Step, s.Status, s.Processed, s.Total, s.Message, s.StartedAt, s.FinishedAt)).ToList(),
            run.Exceptions.OrderBy(e => e.Id).Select(e => new CloseExceptionDto(e.Kind, e.Reference, e.Currency, M(e.Expected), M(e.Actual), M(e.Expected - e.Actual), e.Message)).ToList(),
            summary);
    }

    private static ReopenRequestDto ToDto(PeriodReopenRequest r) =>
        new(r.Id, r.Period, r.Status, r.Reason, r.RequestedBy, r.AuthorizedBy, r.ExpectedCloseDate, r.RequestedAt, r.DecidedBy, r.DecidedAt, r.DecisionNote);

    private static decimal M(decimal value) => Money.AtScale(value);
}
