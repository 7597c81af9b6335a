using System.Security.Cryptography;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Statements;

/// <summary>
/// Renders a run's statements: batch by batch, the period's statements that still lack a stored file
/// of their current version in one of the run's formats. Each statement is rendered and stored in its
/// own scope, <see cref="StatementOptions.PdfConcurrency"/> at a time; progress is saved after each
/// batch. Picked up again after a crash, a run simply continues with what is still missing. A statement
/// that fails is counted, its error kept, and left for the next run.
/// </summary>
public sealed class StatementRunProcessor(
    BankOfficeDbContext db, IServiceScopeFactory scopes, StatementWriters writers, TimeProvider time, IOptions<StatementOptions> options, ILogger<StatementRunProcessor> logger)
{
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.StatementRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status is not (StatementRunStatus.QUEUED or StatementRunStatus.RUNNING))
        {
            return;
        }

        var formats = run.FormatList;
        var total = await db.Statements.CountAsync(s => s.Period == run.Period, cancellationToken);
        var pending = await Pending(run.Period, formats, []).CountAsync(cancellationToken);
        run.Start(total, total - pending, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var failed = new HashSet<Guid>();
        while (true)
        {
            var batch = await Pending(run.Period, formats, failed).OrderBy(s => s.AccountNumber).Take(Math.Max(1, options.Value.RunBatchSize)).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var stored = await StoredFormatsAsync(batch, cancellationToken);
            var errors = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, string Error)>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.PdfConcurrency), CancellationToken = cancellationToken },
                async (statement, ct) =>
                {
                    try
                    {
                        await RenderAsync(run.Id, statement, formats.Where(f => !stored.Contains((statement.Id, f))), ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Statement {StatementId} ({Account}, {Period}) could not be rendered", statement.Id, statement.AccountNumber, statement.Period);
                        errors.Add((statement.Id, $"{statement.AccountNumber}: {ex.Message}"));
                    }
                });

            failed.UnionWith(errors.Select(e => e.Id));
            run.Advance(batch.Count - errors.Count, errors.Count, errors.IsEmpty ? null : errors.First().Error);
            await db.SaveChangesAsync(cancellationToken);
        }

        run.Complete(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Statement run {RunId} for {Period}: {Status}, {Processed} of {Total} stored, {Failed} failed", run.Id, run.Period, run.Status, run.Processed, run.Total, run.Failed);
    }

    /// <summary>Statements of the period missing a file of their current version in one of the formats.</summary>
    private IQueryable<Statement> Pending(string period, IReadOnlyList<StatementFormat> formats, IReadOnlyCollection<Guid> skip) =>
        db.Statements.AsNoTracking().Where(s => s.Period == period && !skip.Contains(s.Id)
            && db.StatementFiles.Count(f => f.StatementId == s.Id && f.Version == s.Version && formats.Contains(f.Format)) < formats.Count);

    private async Task<HashSet<(Guid, StatementFormat)>> StoredFormatsAsync(IReadOnlyList<Statement> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(s => s.Id).ToList();
        var versions = batch.ToDictionary(s => s.Id, s => s.Version);
        var files = await db.StatementFiles.AsNoTracking().Where(f => ids.Contains(f.StatementId)).Select(f => new { f.StatementId, f.Version, f.Format }).ToListAsync(cancellationToken);
        return files.Where(f => versions[f.StatementId] == f.Version).Select(f => (f.StatementId, f.Format)).ToHashSet();
    }

    private async Task RenderAsync(Guid runId, Statement statement, IEnumerable<StatementFormat> formats, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>();

        // Read once for every format: one month of one account's lines is small, the snapshot query is not free.
        StatementHeader header;
        IReadOnlyList<StatementLine> lines;
        await using (var open = await scope.ServiceProvider.GetRequiredService<StatementService>().OpenIssuedAsync(statement, cancellationToken))
        {
            header = open.Header;
            lines = await open.Data.Lines.ToListAsync(cancellationToken);
        }

        foreach (var format in formats)
        {
            using var buffer = new MemoryStream();
            await writers.For(format).WriteAsync(new StatementData(header, lines.ToAsyncEnumerable()), buffer, cancellationToken);
            var content = buffer.ToArray();
            context.StatementFiles.Add(new StatementFile(Guid.NewGuid(), statement.Id, statement.Version, format, StatementFormats.FileName(header, format), content,
                Convert.ToHexStringLower(SHA256.HashData(content)), runId, time.GetUtcNow()));
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Stored meanwhile by an earlier attempt of this run: the file exists, which is all that matters.
                context.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>Runs queued statement runs on whichever API instance holds the run lock, oldest first.</summary>
public sealed class StatementRunWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, StatementRunSignal signal, IOptions<StatementOptions> options, ILogger<StatementRunWorker> logger)
    : ExclusiveJobWorker(dataSource, signal, logger)
{
    public const int RunLockClass = 0x5354_4D54; // "STMT"

    protected override int LockClass => RunLockClass;

    protected override string JobName => "statement run";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<Guid?> FindPendingAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var find = source.CreateCommand("SELECT id FROM statement_runs WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at LIMIT 1");
        return (Guid?)await find.ExecuteScalarAsync(cancellationToken);
    }

    protected override async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StatementRunProcessor>().RunAsync(jobId, cancellationToken);
    }
}
