using BankOffice.Core.Events;
using Npgsql;
using NpgsqlTypes;

namespace BankOffice.Api.Events;

/// <summary>Outbox rows written in one statement by the SQL paths (postings, the close's interest batches).</summary>
public static class OutboxSql
{
    /// <summary>Inserts the messages in list order (their sequence follows it) as PENDING.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyList<OutboxMessage> messages)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO outbox_messages (id, type, stream, schema_version, aggregate_type, aggregate_id, payload, occurred_at, correlation_id, status, attempts, next_attempt_at)
            SELECT t.id, t.type, t.stream, t.schema_version, t.aggregate_type, t.aggregate_id, t.payload, t.occurred_at, t.correlation_id, 'PENDING', 0, t.occurred_at
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::json[], $8::timestamptz[], $9::text[])
                 WITH ORDINALITY AS t(id, type, stream, schema_version, aggregate_type, aggregate_id, payload, occurred_at, correlation_id, ord)
            ORDER BY t.ord
            """);
        command.Parameters.Add(new() { Value = messages.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Type).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Stream).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.SchemaVersion).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.AggregateType).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.AggregateId).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        command.Parameters.Add(new() { Value = messages.Select(m => m.OccurredAt).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.CorrelationId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }
}
