using BankOffice.Core.Events;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BankOffice.Api.Events.Kafka;

/// <summary>What the publisher writes back for one claimed message.</summary>
public readonly record struct OutboxUpdate(Guid Id, OutboxStatus Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>
/// The publisher's SQL: claiming due messages under row locks, writing their outcome back, and the
/// lag figures it logs. Run inside the caller's transaction, which holds the claimed rows' locks
/// until the outcome is committed.
/// </summary>
public static class OutboxStore
{
    /// <summary>
    /// The claim, in one statement, its cost bounded by the batch and not by the backlog:
    /// <list type="number">
    /// <item><c>oldest</c>: the first <c>@window</c> PENDING messages by sequence. Each key's first message
    /// there is its head (nothing of the key is pending before it).</item>
    /// <item><c>far_keys</c>/<c>far_heads</c>: only when that window is full, the heads of keys beyond it,
    /// found by a loose index scan over the pending keys (read lazily, at most <c>@limit</c> due ones), so
    /// a key stuck in backoff with a long backlog cannot hold back every other key.</item>
    /// <item><c>heads</c>: the due heads, oldest first, row-locked with SKIP LOCKED: a key whose head
    /// another instance holds is skipped, and since every instance only ever claims a key through its
    /// first pending message, a later message is never taken before an earlier one.</item>
    /// <item><c>batch</c>: for each key now owned, its due messages from the head on, up to the first one
    /// still in backoff (a running AND over the key's index), then the oldest <c>@limit</c> of those
    /// locked as well. No other instance can claim them while the head is held. Per key the batch is a
    /// prefix in sequence order.</item>
    /// </list>
    /// </summary>
    private const string ClaimSql = """
        WITH RECURSIVE
        oldest AS MATERIALIZED (
            SELECT stream, aggregate_id, sequence, next_attempt_at
            FROM outbox_messages WHERE status = 'PENDING'
            ORDER BY sequence LIMIT @window),
        near_heads AS (
            SELECT DISTINCT ON (stream, aggregate_id) sequence, next_attempt_at
            FROM oldest ORDER BY stream, aggregate_id, sequence),
        far_keys AS (
            (SELECT m.stream, m.aggregate_id FROM outbox_messages m
             WHERE m.status = 'PENDING' AND (SELECT count(*) FROM oldest) >= @window
             ORDER BY m.stream, m.aggregate_id, m.sequence LIMIT 1)
            UNION ALL
            SELECT n.stream, n.aggregate_id FROM far_keys k CROSS JOIN LATERAL (
                SELECT m.stream, m.aggregate_id FROM outbox_messages m
                WHERE m.status = 'PENDING' AND (m.stream, m.aggregate_id) > (k.stream, k.aggregate_id)
                ORDER BY m.stream, m.aggregate_id, m.sequence LIMIT 1) n),
        far_heads AS (
            SELECT f.sequence FROM far_keys k CROSS JOIN LATERAL (
                SELECT m.sequence, m.next_attempt_at FROM outbox_messages m
                WHERE m.status = 'PENDING' AND m.stream = k.stream AND m.aggregate_id = k.aggregate_id
                ORDER BY m.sequence LIMIT 1) f
            WHERE f.sequence > (SELECT max(sequence) FROM oldest) AND f.next_attempt_at <= @now
            LIMIT @limit),
        heads AS MATERIALIZED (
            SELECT m.stream, m.aggregate_id, m.sequence FROM outbox_messages m
            WHERE m.sequence = ANY (ARRAY(SELECT sequence FROM near_heads WHERE next_attempt_at <= @now UNION ALL SELECT sequence FROM far_heads))
              AND m.status = 'PENDING' AND m.next_attempt_at <= @now
            ORDER BY m.sequence LIMIT @limit
            FOR UPDATE OF m SKIP LOCKED),
        batch AS (
            SELECT f.id FROM heads h CROSS JOIN LATERAL (
                SELECT r.id, bool_and(r.next_attempt_at <= @now) OVER (ORDER BY r.sequence) AS due
                FROM outbox_messages r
                WHERE r.status = 'PENDING' AND r.stream = h.stream AND r.aggregate_id = h.aggregate_id AND r.sequence >= h.sequence
                ORDER BY r.sequence LIMIT @limit / GREATEST((SELECT count(*) FROM heads), 1) + 1) f
            WHERE f.due)
        SELECT m.* FROM outbox_messages m
        WHERE m.id = ANY (ARRAY(SELECT id FROM batch))
        ORDER BY m.sequence LIMIT @limit
        FOR UPDATE OF m
        """;

    /// <summary>How many of the oldest pending messages the claim looks at for heads before it searches by key.</summary>
    public static int ScanWindow(int limit) => Math.Max(1_000, limit * 5);

    /// <summary>One round trip for the whole batch; a SENT message loses its old error and gets its publish time.</summary>
    private const string SaveSql = """
        UPDATE outbox_messages o
        SET status = u.status,
            attempts = u.attempts,
            next_attempt_at = u.next_attempt_at,
            last_error = u.last_error,
            published_at = CASE WHEN u.status = 'SENT' THEN @now ELSE o.published_at END
        FROM unnest(@ids, @statuses, @attempts, @next, @errors) AS u(id, status, attempts, next_attempt_at, last_error)
        WHERE o.id = u.id
        """;

    /// <summary>Locks and returns up to <paramref name="limit"/> due messages in sequence order (see the claim's SQL above).</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(BankOfficeDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Claim outbox messages inside a transaction: the row locks are what keeps other instances off them.");
        }

        return await db.OutboxMessages
            .FromSqlRaw(ClaimSql, new NpgsqlParameter("now", now.ToUniversalTime()), new NpgsqlParameter("limit", Math.Max(1, limit)),
                new NpgsqlParameter("window", ScanWindow(Math.Max(1, limit))))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    public static async Task SaveAsync(BankOfficeDbContext db, IReadOnlyList<OutboxUpdate> updates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(SaveSql,
        [
            new NpgsqlParameter("now", now.ToUniversalTime()),
            new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = updates.Select(u => u.Id).ToArray() },
            new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = updates.Select(u => u.Status.ToString()).ToArray() },
            new NpgsqlParameter("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = updates.Select(u => u.Attempts).ToArray() },
            new NpgsqlParameter("next", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = updates.Select(u => u.NextAttemptAt.ToUniversalTime()).ToArray() },
            new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = updates.Select(u => Truncate(u.LastError)).ToArray() },
        ], cancellationToken);
    }

    /// <summary>How many messages wait (PENDING) and when the oldest of them occurred.</summary>
    public static async Task<(int Pending, DateTimeOffset? Oldest)> LagAsync(BankOfficeDbContext db, CancellationToken cancellationToken)
    {
        var pending = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.PENDING);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.MinAsync(m => (DateTimeOffset?)m.OccurredAt, cancellationToken);
        return (count, oldest);
    }

    private static string? Truncate(string? error) =>
        error is { Length: > OutboxMessage.ErrorMaxLength } ? error[..OutboxMessage.ErrorMaxLength] : error;
}
