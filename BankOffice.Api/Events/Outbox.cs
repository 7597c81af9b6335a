using System.Text.Json;
using System.Text.Json.Serialization;
using BankOffice.Core.Events;
using BankOffice.Data;

namespace BankOffice.Api.Events;

/// <summary>
/// Records an event in the caller's unit of work, so it commits (or rolls back) with the change it
/// describes. The payload is the event's <c>data</c> as the catalogue in README.md shows it.
/// </summary>
public static class Outbox
{
    // Relaxed escaping: names such as "Ayşe Yılmaz" stay readable in topics and webhook bodies (the
    // payload is JSON data, never embedded in HTML).
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lock IdGate = new();
    private static Guid lastId;

    public static void Record(BankOfficeDbContext db, string type, string aggregateType, string aggregateId, object data, DateTimeOffset occurredAt) =>
        db.OutboxMessages.Add(Create(type, aggregateType, aggregateId, data, occurredAt));

    public static OutboxMessage Create(string type, string aggregateType, string aggregateId, object data, DateTimeOffset occurredAt) =>
        new(NextId(), type, aggregateType, aggregateId, JsonSerializer.Serialize(data, data.GetType(), Json), occurredAt, Correlation.Current);

    /// <summary>
    /// A UUID v7 above every id this process made before. EF Core inserts the rows of one SaveChanges in
    /// key order and the sequence (the publish order per key) is given at insert; Guid.CreateVersion7
    /// alone is random within a millisecond, which shuffled the events one unit of work records for the
    /// same key (e.g. STATUS_CHANGED after BALANCE_CHANGED when an account is closed).
    /// </summary>
    public static Guid NextId()
    {
        lock (IdGate)
        {
            var id = Guid.CreateVersion7();
            if (id.CompareTo(lastId) <= 0)
            {
                // Same millisecond (or the clock went back): the last id plus one in its random tail (bytes 9-15).
                Span<byte> bytes = stackalloc byte[16];
                lastId.TryWriteBytes(bytes, bigEndian: true, out _);
                for (var i = 15; i >= 9 && ++bytes[i] == 0; i--)
                {
                }

                id = new Guid(bytes, bigEndian: true);
            }

            lastId = id;
            return id;
        }
    }
}
