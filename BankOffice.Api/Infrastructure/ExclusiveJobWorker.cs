using BankOffice.Api.Events;
using Npgsql;

namespace BankOffice.Api.Infrastructure;

/// <summary>Wakes this instance's worker at once when a job is started here (other instances find it on their next poll).</summary>
public abstract class WorkerSignal
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
/// Runs (or resumes) a pending background job on whichever API instance holds the job's session
/// advisory lock. The lock lives on a dedicated connection: if the process dies, PostgreSQL drops the
/// connection and the lock with it, and the next instance to poll picks the job up again. Jobs must
/// therefore be safe to repeat from wherever they stopped.
/// </summary>
public abstract class ExclusiveJobWorker(NpgsqlDataSource dataSource, WorkerSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>The advisory lock class (first key) that makes one instance the runner.</summary>
    protected abstract int LockClass { get; }

    protected abstract string JobName { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>The id of the job to run now, or null when there is none.</summary>
    protected abstract Task<Guid?> FindPendingAsync(NpgsqlDataSource source, CancellationToken cancellationToken);

    protected abstract Task RunAsync(Guid jobId, CancellationToken cancellationToken);

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
                logger.LogError(ex, "{Job} worker failed; it looks again in {Interval}", JobName, PollInterval);
            }

            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        if (await FindPendingAsync(dataSource, cancellationToken) is null)
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
            // Found again under the lock: the instance that held it may have just finished the job.
            if (await FindPendingAsync(dataSource, cancellationToken) is { } jobId)
            {
                logger.LogInformation("Running {Job} {JobId}", JobName, jobId);
                // Events the job raises carry its id as their correlation id.
                Correlation.Set(jobId.ToString());
                await RunAsync(jobId, cancellationToken);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1, 0)", lockConnection);
            unlock.Parameters.Add(new NpgsqlParameter { Value = LockClass });
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
