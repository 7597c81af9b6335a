using System.Collections.Concurrent;
using BankOffice.Api.Events;
using BankOffice.Core.Events;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Webhooks;

/// <summary>
/// Every API instance runs one. A round (a) fans committed outbox messages out into one delivery per
/// active subscription that wants the type and existed when the event occurred, and (b) sends the
/// deliveries that are due, signed, retried with backoff until <see cref="WebhookOptions.MaxAttempts"/>,
/// every try logged. Instances share the work through PostgreSQL row locks (FOR UPDATE SKIP LOCKED),
/// held until the round commits, so each delivery is sent by one of them; a crash before the commit
/// sends it again later with the same event id (at least once).
/// <para>
/// Per subscription and key (the message's aggregate id) deliveries go out in the messages' sequence
/// order: a claimed row waits while an earlier one of its key is unclaimed here (held by another
/// instance, beyond this batch, or waiting for its backoff); within a batch one key's deliveries are
/// sent one after another and stop at the first failure.
/// </para>
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    // Receivers are independent: a slow one should not hold up the others' keys in the same batch.
    private const int ParallelKeys = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                var fannedOut = await FanOutAsync(stoppingToken);
                var attempted = await DeliverAsync(stoppingToken);
                busy = fannedOut > 0 || attempted > 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Webhook dispatch failed; it runs again in {Interval}", options.Value.PollInterval);
            }

            if (busy)
            {
                // More may be waiting right behind what this round did (later messages of the same keys).
                continue;
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Creates the deliveries of the next committed messages, in sequence order per key; answers how many messages it handled.</summary>
    internal async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>();
        var now = time.GetUtcNow();
        var batch = Math.Max(1, options.Value.BatchSize);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.SqlQuery<ClaimedRow>($"""
            SELECT id AS "Id", sequence AS "Sequence", aggregate_id AS "Key"
            FROM outbox_messages
            WHERE webhooks_dispatched_at IS NULL
            ORDER BY sequence
            LIMIT {batch}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // An earlier message of a key that another instance (or the publisher) holds right now must get
        // its deliveries first, or a later event could reach a receiver before it.
        var ids = claimed.Select(c => c.Id).ToArray();
        var keys = claimed.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToArray();
        var firstWaiting = await db.Database.SqlQuery<KeyFirst>($"""
            SELECT aggregate_id AS "Key", min(sequence) AS "Sequence"
            FROM outbox_messages
            WHERE webhooks_dispatched_at IS NULL AND aggregate_id = ANY({keys}) AND NOT (id = ANY({ids}))
            GROUP BY aggregate_id
            """).ToDictionaryAsync(f => f.Key, f => f.Sequence, StringComparer.Ordinal, cancellationToken);
        var ready = claimed.Where(c => !firstWaiting.TryGetValue(c.Key, out var first) || c.Sequence < first).Select(c => c.Id).ToArray();
        if (ready.Length == 0)
        {
            return 0;
        }

        // A subscription gets the events that occurred once it existed, never older ones still waiting here.
        var created = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO webhook_deliveries (id, subscription_id, message_id, message_sequence, event_type, status, attempts, next_attempt_at, created_at)
            SELECT gen_random_uuid(), s.id, m.id, m.sequence, m.type, 'PENDING', 0, {now}, {now}
            FROM outbox_messages m
            JOIN webhook_subscriptions s ON s.active AND m.type = ANY(s.event_types) AND s.created_at <= m.occurred_at
            WHERE m.id = ANY({ready})
            ON CONFLICT (subscription_id, message_id) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE outbox_messages SET webhooks_dispatched_at = {now} WHERE id = ANY({ready})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (created > 0)
        {
            logger.LogDebug("Webhooks: {Deliveries} deliveries for {Messages} events", created, ready.Length);
        }

        return ready.Length;
    }

    /// <summary>Sends the due deliveries (claimed, in order per subscription and key) and records each try; answers how many it tried.</summary>
    internal async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>();
        var settings = options.Value;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.SqlQuery<ClaimedDelivery>($"""
            SELECT d.id AS "Id", d.subscription_id AS "SubscriptionId", d.message_id AS "MessageId", d.message_sequence AS "Sequence",
                   d.attempts AS "Attempts", m.aggregate_id AS "Key"
            FROM webhook_deliveries d
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            JOIN outbox_messages m ON m.id = d.message_id
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= {now} AND s.active
            ORDER BY d.message_sequence, d.id
            LIMIT {Math.Max(1, settings.BatchSize)}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var ids = claimed.Select(c => c.Id).ToArray();
        var subscriptionIds = claimed.Select(c => c.SubscriptionId).Distinct().ToArray();
        var keys = claimed.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToArray();
        var firstWaiting = (await db.Database.SqlQuery<SubscriptionKeyFirst>($"""
            SELECT d.subscription_id AS "SubscriptionId", m.aggregate_id AS "Key", min(d.message_sequence) AS "Sequence"
            FROM webhook_deliveries d
            JOIN outbox_messages m ON m.id = d.message_id
            WHERE d.status = 'PENDING' AND d.subscription_id = ANY({subscriptionIds}) AND m.aggregate_id = ANY({keys}) AND NOT (d.id = ANY({ids}))
            GROUP BY d.subscription_id, m.aggregate_id
            """).ToListAsync(cancellationToken)).ToDictionary(f => (f.SubscriptionId, f.Key), f => f.Sequence);
        var ready = claimed.Where(c => !firstWaiting.TryGetValue((c.SubscriptionId, c.Key), out var first) || c.Sequence < first).ToList();
        if (ready.Count == 0)
        {
            return 0;
        }

        var messageIds = ready.Select(r => r.MessageId).Distinct().ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var readySubscriptions = ready.Select(r => r.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => readySubscriptions.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var readyIds = ready.Select(r => r.Id).ToList();

        // The log numbers tries across manual retries (which reset the delivery's count), so it reads 1, 2, 3... throughout.
        var logged = await db.WebhookAttempts.AsNoTracking().Where(a => readyIds.Contains(a.DeliveryId)).GroupBy(a => a.DeliveryId)
            .Select(g => new { g.Key, Last = g.Max(a => a.Attempt) }).ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);

        var results = new ConcurrentBag<(ClaimedDelivery Delivery, WebhookSendResult Result)>();
        var groups = ready.GroupBy(r => (r.SubscriptionId, r.Key)).Select(g => g.OrderBy(r => r.Sequence).ToList()).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = ParallelKeys, CancellationToken = cancellationToken }, async (group, token) =>
        {
            foreach (var delivery in group)
            {
                var subscription = subscriptions[delivery.SubscriptionId];
                var message = messages[delivery.MessageId];
                var result = await sender.SendAsync(subscription.Url, subscription.Secret, EventMessages.WebhookBody(message), message.Id, message.Type, delivery.Id, token);
                results.Add((delivery, result));
                if (!result.Delivered)
                {
                    // The rest of this key waits behind the failed one (still PENDING, now in backoff).
                    break;
                }
            }
        });

        foreach (var (delivery, result) in results)
        {
            var attempts = delivery.Attempts + 1;
            if (result.Delivered)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = {attempts}, delivered_at = {result.AttemptedAt},
                        last_status_code = {result.StatusCode}, last_error = NULL
                    WHERE id = {delivery.Id}
                    """, cancellationToken);
            }
            else if (attempts >= settings.MaxAttempts)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE webhook_deliveries SET status = 'FAILED', attempts = {attempts}, last_status_code = {result.StatusCode}, last_error = {result.Error}
                    WHERE id = {delivery.Id}
                    """, cancellationToken);
                logger.LogWarning("Webhook delivery {DeliveryId} of event {EventId} failed {Attempts} times and is FAILED: {Error}", delivery.Id, delivery.MessageId, attempts, result.Error);
            }
            else
            {
                var next = time.GetUtcNow() + settings.BackoffAfter(attempts);
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE webhook_deliveries SET attempts = {attempts}, next_attempt_at = {next}, last_status_code = {result.StatusCode}, last_error = {result.Error}
                    WHERE id = {delivery.Id}
                    """, cancellationToken);
            }

            db.WebhookAttempts.Add(new WebhookAttempt(delivery.Id, logged.GetValueOrDefault(delivery.Id) + 1, result.AttemptedAt, result.StatusCode, result.Error, result.DurationMs));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Count;
    }

    private sealed record ClaimedRow(Guid Id, long Sequence, string Key);

    private sealed record KeyFirst(string Key, long Sequence);

    private sealed record ClaimedDelivery(Guid Id, Guid SubscriptionId, Guid MessageId, long Sequence, int Attempts, string Key);

    private sealed record SubscriptionKeyFirst(Guid SubscriptionId, string Key, long Sequence);
}
