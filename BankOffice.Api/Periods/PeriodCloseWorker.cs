using BankOffice.Core.Periods;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Periods;

/// <summary>Wakes this instance's worker at once when a close is started here (other instances find it on their next poll).</summary>
public sealed class PeriodCloseSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs (or resumes) the RUNNING close, on whichever API instance holds the close's session advisory
/// lock. The lock lives on a dedicated connection: if the process dies, PostgreSQL drops the
/// connection and the lock with it, and the next instance to poll resumes the run from its first
/// unfinished step. Every step is safe to repeat (see <see cref="PeriodCloseRunner"/>).
/// </summary>
public sealed class PeriodCloseWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, PeriodCloseSignal signal, IOptions<PeriodCloseOptions> options, ILogger<PeriodCloseWorker> logger)
    : BackgroundService
{
    /// <summary>The session advisory lock that makes one instance the close's runner.</summary>
    public const int LockClass = 0x434C_4F53; // "CLOS"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Period close worker failed; it looks again in {Interval}", options.Value.PollInterval);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        Guid? runId;
        await using (var find = dataSource.CreateCommand("SELECT id FROM period_close_runs WHERE status = 'RUNNING' LIMIT 1"))
        {
            runId = (Guid?)await find.ExecuteScalarAsync(cancellationToken);
        }

        if (runId is null)
        {
            return;
        }

        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, 0)", lockConnection))
        {
            tryLock.Parameters.Add(new NpgsqlParameter { Value = LockClass });
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return; // another instance is running it
            }
        }

        try
        {
            logger.LogInformation("Running period close {RunId}", runId);
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PeriodCloseRunner>().RunAsync(runId.Value, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1, 0)", lockConnection);
            unlock.Parameters.Add(new NpgsqlParameter { Value = LockClass });
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
