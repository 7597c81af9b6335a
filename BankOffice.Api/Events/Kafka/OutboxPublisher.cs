using System.Diagnostics;
using BankOffice.Core.Events;
using BankOffice.Data;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Events.Kafka;

/// <summary>
/// Sends the outbox to Kafka (docs/decisions/0009). Every API instance runs one; each round claims a
/// batch under row locks (<see cref="OutboxStore.ClaimAsync"/>), publishes it in sequence order while
/// still holding the locks, writes each message's outcome and commits. A crash after Kafka acknowledged
/// but before the commit re-sends those messages with the same event ids: delivery is at least once,
/// never lost, and per key in commit order. Without <c>Kafka:BootstrapServers</c> it does nothing and
/// the outbox accumulates.
/// </summary>
public sealed class OutboxPublisher(
    IServiceScopeFactory scopes, IEventTransport transport, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxPublisher> logger) : BackgroundService
{
    /// <summary>How often the publisher logs its throughput and the outbox's lag.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset _reportDue;
    private DateTimeOffset _lastFailureLog;
    private int _publishedSinceReport;
    private int _failedSinceReport;
    private int _failingRounds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!transport.Enabled)
        {
            logger.LogInformation("Kafka is not configured (Kafka:BootstrapServers is empty): events stay in the outbox and go out once a broker is configured");
            return;
        }

        var settings = options.Value;
        logger.LogInformation("Outbox publisher started: batches of {BatchSize}, polling every {PollInterval}, dead letter after {MaxAttempts} attempts",
            settings.BatchSize, settings.PollInterval, settings.MaxAttempts);
        _reportDue = time.GetUtcNow() + ReportInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = RoundResult.Empty;
            try
            {
                round = await PublishBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable or the round's transaction failed: nothing was marked, so the
                // claimed messages stay PENDING and are sent (again, with the same ids) on a later round.
                logger.LogError(ex, "Outbox publisher round failed; it tries again in {PollInterval}", settings.PollInterval);
            }

            await ReportAsync(stoppingToken);

            // Something went out cleanly: more has probably been committed meanwhile, so look again at
            // once; sleep only when the outbox had nothing due (or the broker is failing).
            if (round.Claimed > 0 && round.Failed == 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: claim, publish, mark, commit. Public for the benchmark, which drives rounds itself.</summary>
    public async Task<RoundResult> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await OutboxStore.ClaimAsync(db, time.GetUtcNow(), settings.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            await transaction.CommitAsync(CancellationToken.None);
            return RoundResult.Empty;
        }

        var claimed = Stopwatch.GetTimestamp();
        var outcomes = await transport.PublishAsync(batch, cancellationToken);
        var published = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var updates = Settle(batch, outcomes, now, settings);
        // Once Kafka has answered, the outcome is recorded even while the host stops: abandoning it here
        // would only send the acknowledged messages again.
        await OutboxStore.SaveAsync(db, updates, now, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        var result = new RoundResult(batch.Count, updates.Count(u => u.Status == OutboxStatus.SENT), updates.Count(u => u.Status != OutboxStatus.SENT));
        logger.LogDebug("Outbox round: {Claimed} claimed in {ClaimMs:0.0} ms, published in {PublishMs:0.0} ms, recorded in {SaveMs:0.0} ms; {Sent} sent",
            result.Claimed, Stopwatch.GetElapsedTime(started, claimed).TotalMilliseconds, Stopwatch.GetElapsedTime(claimed, published).TotalMilliseconds,
            Stopwatch.GetElapsedTime(published).TotalMilliseconds, result.Sent);
        LogRound(batch, updates, result, now);
        return result;
    }

    /// <summary>
    /// The outcome of each claimed message, in the batch's (sequence) order. A message the broker did
    /// not take counts one attempt and waits <see cref="OutboxOptions.BackoffAfter"/>, or goes to
    /// DEAD_LETTER at <see cref="OutboxOptions.MaxAttempts"/>. Once a key failed, its later messages in
    /// the batch are not SENT even if acknowledged: they stay PENDING behind the failed one and go again
    /// after it (same event id), so a consumer's last copy is in order. They do not spend an attempt of
    /// their own, so a message is never dead-lettered for an earlier one's failure.
    /// </summary>
    public static IReadOnlyList<OutboxUpdate> Settle(IReadOnlyList<OutboxMessage> batch, IReadOnlyList<PublishOutcome> outcomes, DateTimeOffset now, OutboxOptions options)
    {
        var errors = new Dictionary<Guid, string?>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            errors[outcome.EventId] = outcome.Error;
        }

        var failedKeys = new Dictionary<(string Stream, string Key), OutboxUpdate>();
        var updates = new List<OutboxUpdate>(batch.Count);
        foreach (var message in batch)
        {
            var key = (message.Stream, message.AggregateId);
            var error = errors.TryGetValue(message.Id, out var reported) ? reported : "The transport reported no outcome for this message.";
            if (error is not null)
            {
                var attempts = message.Attempts + 1;
                var update = attempts >= options.MaxAttempts
                    ? new OutboxUpdate(message.Id, OutboxStatus.DEAD_LETTER, attempts, now, error)
                    : new OutboxUpdate(message.Id, OutboxStatus.PENDING, attempts, now + options.BackoffAfter(attempts), error);
                failedKeys.TryAdd(key, update);
                updates.Add(update);
            }
            else if (failedKeys.TryGetValue(key, out var blocker))
            {
                var retryAt = blocker.Status == OutboxStatus.PENDING ? blocker.NextAttemptAt : now;
                updates.Add(new OutboxUpdate(message.Id, OutboxStatus.PENDING, message.Attempts, retryAt,
                    $"Held back: the earlier event {blocker.Id} of key {message.AggregateId} failed in the same batch; sent again after it."));
            }
            else
            {
                updates.Add(new OutboxUpdate(message.Id, OutboxStatus.SENT, message.Attempts, message.NextAttemptAt, null));
            }
        }

        return updates;
    }

    private void LogRound(IReadOnlyList<OutboxMessage> batch, IReadOnlyList<OutboxUpdate> updates, RoundResult result, DateTimeOffset now)
    {
        _publishedSinceReport += result.Sent;
        _failedSinceReport += result.Failed;
        for (var i = 0; i < batch.Count; i++)
        {
            if (updates[i].Status == OutboxStatus.DEAD_LETTER)
            {
                logger.LogError("Event {EventId} ({Type}, key {Key}) moved to DEAD_LETTER after {Attempts} attempts: {Error}",
                    batch[i].Id, batch[i].Type, batch[i].AggregateId, updates[i].Attempts, updates[i].LastError);
            }
        }

        if (result.Failed == 0)
        {
            if (_failingRounds > 0)
            {
                logger.LogInformation("Kafka takes events again after {Rounds} failed round(s)", _failingRounds);
                _failingRounds = 0;
            }

            return;
        }

        // While Kafka is down every round fails the same way: a warning when it starts, then one a minute.
        _failingRounds++;
        var first = updates.First(u => u.Status != OutboxStatus.SENT); // a held-back message always follows the failure that held it
        if (_failingRounds == 1 || now - _lastFailureLog >= ReportInterval)
        {
            _lastFailureLog = now;
            logger.LogWarning("Kafka did not take {Failed} of {Claimed} event(s) ({FailingRounds} failing round(s) in a row); first error: {Error}; next attempt at {NextAttemptAt:O}",
                result.Failed, result.Claimed, _failingRounds, first.LastError, first.NextAttemptAt);
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _reportDue)
        {
            return;
        }

        _reportDue = now + ReportInterval;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var (pending, oldest) = await OutboxStore.LagAsync(scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>(), cancellationToken);
            if (pending == 0 && _publishedSinceReport == 0 && _failedSinceReport == 0)
            {
                return;
            }

            var lag = oldest is null ? TimeSpan.Zero : now - oldest.Value;
            logger.Log(lag > TimeSpan.FromMinutes(5) ? LogLevel.Warning : LogLevel.Information,
                "Outbox: {Published} event(s) published and {Failed} failed attempt(s) in the last {Interval}; {Pending} pending, the oldest {Lag} old",
                _publishedSinceReport, _failedSinceReport, ReportInterval, pending, lag);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Outbox lag could not be read");
        }
        finally
        {
            _publishedSinceReport = 0;
            _failedSinceReport = 0;
        }
    }
}

/// <summary>One publisher round: messages claimed, marked SENT, and left PENDING or dead-lettered.</summary>
public readonly record struct RoundResult(int Claimed, int Sent, int Failed)
{
    public static RoundResult Empty => default;
}
