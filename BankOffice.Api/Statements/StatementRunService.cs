using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Statements;

public sealed class StatementRunSignal : WorkerSignal;

/// <summary>Statement runs (start, progress) and the statements the close issued with their stored files.</summary>
public sealed class StatementRunService(BankOfficeDbContext db, StatementRunSignal signal, TimeProvider time, IOptions<StatementOptions> options)
{
    public async Task<StatementRunDto> StartAsync(CurrentUser user, StartStatementRunRequest request, CancellationToken cancellationToken)
    {
        var key = PeriodKey.Parse(request.Period).ToString();
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == key, cancellationToken)
            ?? throw DomainException.NotFound(PeriodErrorCodes.PeriodNotFound, $"There is no period {key}.");
        if (period.Status != PeriodStatus.CLOSED)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodNotClosed, $"Statements are issued when a period closes; {key} is {period.Status}.");
        }

        var formats = ParseFormats(request.Formats is { Count: > 0 } asked ? asked : options.Value.EffectiveRunFormats);
        if (await db.StatementRuns.AnyAsync(r => r.Period == key && (r.Status == StatementRunStatus.QUEUED || r.Status == StatementRunStatus.RUNNING), cancellationToken))
        {
            throw DomainException.Conflict(StatementErrorCodes.RunInProgress, $"A statement run for {key} is already queued or running.");
        }

        var run = StatementRun.Queue(Guid.NewGuid(), key, StatementRunTrigger.MANUAL, formats, user.Name, time.GetUtcNow());
        db.StatementRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: StatementRun.OneActiveIndex })
        {
            throw DomainException.Conflict(StatementErrorCodes.RunInProgress, $"A statement run for {key} is already queued or running.");
        }

        signal.Wake();
        return ToDto(run);
    }

    /// <summary>Queues the run a finished close asks for, in the close's own unit of work (saved with it).</summary>
    public static async Task<bool> QueueAfterCloseAsync(BankOfficeDbContext context, string period, IEnumerable<string> formats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await context.StatementRuns.AnyAsync(r => r.Period == period && (r.Status == StatementRunStatus.QUEUED || r.Status == StatementRunStatus.RUNNING), cancellationToken))
        {
            return false; // the active run renders the re-issued versions too: it looks for missing files batch by batch
        }

        context.StatementRuns.Add(StatementRun.Queue(Guid.NewGuid(), period, StatementRunTrigger.CLOSE, ParseFormats(formats), Periods.PeriodCloseRunner.Actor, now));
        return true;
    }

    public async Task<IReadOnlyList<StatementRunDto>> ListAsync(string? period, CancellationToken cancellationToken)
    {
        var runs = db.StatementRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(period))
        {
            var key = PeriodKey.Parse(period).ToString();
            runs = runs.Where(r => r.Period == key);
        }

        return (await runs.OrderByDescending(r => r.CreatedAt).Take(100).ToListAsync(cancellationToken)).Select(ToDto).ToList();
    }

    public async Task<StatementRunDto> GetAsync(Guid id, CancellationToken cancellationToken) =>
        ToDto(await db.StatementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(StatementErrorCodes.RunNotFound, $"There is no statement run {id}."));

    public async Task<PagedResult<IssuedStatementDto>> ListIssuedAsync(
        CurrentUser user, string? period, string? customerId, string? accountNumber, int page, int size, CancellationToken cancellationToken)
    {
        Paging.Check(page, size);
        if (user.IsCustomerOnly)
        {
            if (customerId is not null && !user.CanSeeCustomer(customerId))
            {
                throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see your own statements.");
            }

            customerId = user.CustomerId ?? string.Empty;
        }

        var statements = db.Statements.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(period))
        {
            var key = PeriodKey.Parse(period).ToString();
            statements = statements.Where(s => s.Period == key);
        }

        if (!string.IsNullOrWhiteSpace(customerId))
        {
            statements = statements.Where(s => s.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(accountNumber))
        {
            statements = statements.Where(s => s.AccountNumber == accountNumber.Trim());
        }

        var total = await statements.LongCountAsync(cancellationToken);
        var rows = await statements.OrderByDescending(s => s.Period).ThenBy(s => s.CustomerId).ThenBy(s => s.AccountNumber)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<IssuedStatementDto>(await ToDtosAsync(rows, cancellationToken), Pagination.Of(page, size, total));
    }

    public async Task<IssuedStatementDto> GetIssuedAsync(CurrentUser user, Guid id, CancellationToken cancellationToken) =>
        (await ToDtosAsync([await FindVisibleAsync(user, id, cancellationToken)], cancellationToken))[0];

    /// <summary>A stored file of the statement's current version; 404 STATEMENT_FILE_NOT_READY until the run has stored it.</summary>
    public async Task<StatementFile> GetFileAsync(CurrentUser user, Guid id, string format, CancellationToken cancellationToken)
    {
        if (!StatementFormats.TryParse(format, out var parsed) || parsed is StatementFormat.JSON or StatementFormat.HTML)
        {
            throw DomainException.Invalid(StatementErrorCodes.InvalidFormat, $"Stored statements are pdf, excel or csv; '{format}' is not one.");
        }

        var statement = await FindVisibleAsync(user, id, cancellationToken);
        return await db.StatementFiles.AsNoTracking()
                   .SingleOrDefaultAsync(f => f.StatementId == id && f.Version == statement.Version && f.Format == parsed, cancellationToken)
               ?? throw DomainException.NotFound(StatementErrorCodes.FileNotReady,
                   $"The {format.ToLowerInvariant()} file of this statement (version {statement.Version}) has not been stored yet; run statements for {statement.Period}.");
    }

    internal static IReadOnlyList<StatementFormat> ParseFormats(IEnumerable<string> formats) =>
        formats.Select(f => StatementFormats.TryParse(f, out var parsed) && parsed is StatementFormat.PDF or StatementFormat.EXCEL or StatementFormat.CSV
            ? parsed
            : throw DomainException.Invalid(StatementErrorCodes.InvalidFormat, $"A statement run stores pdf, excel or csv files; '{f}' is not one.")).Distinct().ToList();

    private async Task<Statement> FindVisibleAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(StatementErrorCodes.StatementNotFound, $"There is no statement {id}.");
        if (!user.CanSeeCustomer(statement.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see your own statements.");
        }

        return statement;
    }

    private async Task<IReadOnlyList<IssuedStatementDto>> ToDtosAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var ids = statements.Select(s => s.Id).ToList();
        var customerIds = statements.Select(s => s.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var files = (await db.StatementFiles.AsNoTracking().Where(f => ids.Contains(f.StatementId))
                .Select(f => new { f.StatementId, f.Version, f.Format, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.CreatedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(f => (f.StatementId, f.Version));
        return statements.Select(s => new IssuedStatementDto(
            s.Id, s.Period, s.AccountNumber, s.CustomerId, names.GetValueOrDefault(s.CustomerId) ?? string.Empty, s.Currency, s.FromDate, s.ToDate,
            Money.AtScale(s.Opening), Money.AtScale(s.Credits), Money.AtScale(s.Debits), Money.AtScale(s.Closing), s.LineCount, s.Version, s.IssuedAt,
            files[(s.Id, s.Version)].OrderBy(f => f.Format).Select(f =>
            {
                var format = f.Format.ToString().ToLowerInvariant();
                return new StatementFileDto(format, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.CreatedAt, $"/api/v1/statements/{s.Id}/files/{format}");
            }).ToList())).ToList();
    }

    private static StatementRunDto ToDto(StatementRun r) =>
        new(r.Id, r.Period, r.Status, r.Trigger, r.FormatList.Select(f => f.ToString().ToLowerInvariant()).ToList(), r.RequestedBy,
            r.CreatedAt, r.StartedAt, r.FinishedAt, r.Total, r.Processed, r.Failed, r.Percent, r.Attempts, r.Message);
}
