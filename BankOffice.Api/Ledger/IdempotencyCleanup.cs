using Npgsql;

namespace BankOffice.Api.Ledger;

public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key replays its answer; at least 24 h.</summary>
    public int RetentionHours { get; set; } = 48;
}

/// <summary>Hourly removal of idempotency keys older than the retention. Safe on several instances (a plain DELETE).</summary>
public sealed class IdempotencyCleanup(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)");
                command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(24, options.Value.RetentionHours) });
                var removed = await command.ExecuteNonQueryAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} expired idempotency keys", removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Idempotency key cleanup failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
