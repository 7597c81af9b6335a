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
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Record(BankOfficeDbContext db, string type, string aggregateType, string aggregateId, object data, DateTimeOffset occurredAt) =>
        db.OutboxMessages.Add(Create(type, aggregateType, aggregateId, data, occurredAt));

    public static OutboxMessage Create(string type, string aggregateType, string aggregateId, object data, DateTimeOffset occurredAt) =>
        new(Guid.CreateVersion7(), type, aggregateType, aggregateId, JsonSerializer.Serialize(data, data.GetType(), Json), occurredAt, Correlation.Current);
}
