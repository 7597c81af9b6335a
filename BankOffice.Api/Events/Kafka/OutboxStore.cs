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
    /// Two steps in one statement. <c>heads</c>: the first PENDING message of each key that is due,
    /// row-locked with SKIP LOCKED, so a key whose first message another instance holds (or that waits
    /// in backoff) is not touched here; the NOT EXISTS sees earlier rows even while they are locked,
    /// so a later message of a key is never taken before an earlier one. Then, for the keys this
    /// instance now owns, the due messages after the head up to the first one still in backoff, so one
    /// batch can carry several messages of a key (no other instance can claim them: the head blocks
    /// them). Every row returned is locked; <c>LIMIT</c> over the global sequence keeps a prefix per key.
    /// </summary>
    private const string ClaimSql = """
        WITH heads AS MATERIALIZED (
            SELECT m.stream, m.aggregate_id, m.sequence
            FROM outbox_messages m
            WHERE m.status = 'PENDING' AND m.next_attempt_at <= @now
              AND NOT EXISTS (SELECT 1 FROM outbox_messages e
                              WHERE e.status = 'PENDING' AND e.stream = m.stream AND e.aggregate_id = m.aggregate_id
                                AND e.sequence < m.sequence)
            ORDER BY m.sequence
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        SELECT m.*
        FROM outbox_messages m
        JOIN heads h ON h.stream = m.stream AND h.aggregate_id = m.aggregate_id
        WHERE m.status = 'PENDING' AND m.sequence >= h.sequence AND m.next_attempt_at <= @now
          AND NOT EXISTS (SELECT 1 FROM outbox_messages e
                          WHERE e.status = 'PENDING' AND e.stream = m.stream AND e.aggregate_id = m.aggregate_id
                            AND e.sequence > h.sequence AND e.sequence < m.sequence AND e.next_attempt_at > @now)
        ORDER BY m.sequence
        LIMIT @limit
        FOR UPDATE OF m
        """;

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

    /// <summary>Locks and returns up to <paramref name="limit"/> due messages in sequence order (see <see cref="ClaimSql"/>).</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(BankOfficeDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Claim outbox messages inside a transaction: the row locks are what keeps other instances off them.");
        }

        return await db.OutboxMessages
            .FromSqlRaw(ClaimSql, new NpgsqlParameter("now", now.ToUniversalTime()), new NpgsqlParameter("limit", Math.Max(1, limit)))
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
