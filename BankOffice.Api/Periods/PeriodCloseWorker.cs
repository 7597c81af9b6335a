using BankOffice.Api.Infrastructure;
using BankOffice.Core.Periods;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Periods;

public sealed class PeriodCloseSignal : WorkerSignal;

/// <summary>
/// Runs (or resumes) the RUNNING close on whichever API instance holds the close's advisory lock;
/// every step is safe to repeat (see <see cref="PeriodCloseRunner"/>).
/// </summary>
public sealed class PeriodCloseWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, PeriodCloseSignal signal, IOptions<PeriodCloseOptions> options, ILogger<PeriodCloseWorker> logger)
    : ExclusiveJobWorker(dataSource, signal, logger)
{
    /// <summary>The session advisory lock that makes one instance the close's runner.</summary>
    public const int CloseLockClass = 0x434C_4F53; // "CLOS"

    protected override int LockClass => CloseLockClass;

    protected override string JobName => "period close";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<Guid?> FindPendingAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var find = source.CreateCommand("SELECT id FROM period_close_runs WHERE status = 'RUNNING' LIMIT 1");
        return (Guid?)await find.ExecuteScalarAsync(cancellationToken);
    }

    protected override async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PeriodCloseRunner>().RunAsync(jobId, cancellationToken);
    }
}
