using System.Text;
using System.Text.Json;
using BankOffice.Core.Events;

namespace BankOffice.Api.Events;

/// <summary>
/// The wire forms of an outbox message (README.md, "Events"). Kafka gets the envelope
/// <c>{eventId, type, occurredAt, aggregateId, correlationId, schemaVersion, data}</c> with the same
/// fields as headers; a webhook gets seed 003's <c>{id, event, timestamp, data}</c>. <c>data</c> is the
/// recorded payload, byte for byte.
/// </summary>
public static class EventMessages
{
    public const string EventIdHeader = "eventId";
    public const string TypeHeader = "type";
    public const string OccurredAtHeader = "occurredAt";
    public const string AggregateIdHeader = "aggregateId";
    public const string CorrelationIdHeader = "correlationId";
    public const string SchemaVersionHeader = "schemaVersion";
    public const string ContentTypeHeader = "content-type";

    public static byte[] Envelope(OutboxMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventId", message.Id);
            json.WriteString("type", message.Type);
            json.WriteString("occurredAt", message.OccurredAt.ToUniversalTime());
            json.WriteString("aggregateId", message.AggregateId);
            if (message.CorrelationId is null)
            {
                json.WriteNull("correlationId");
            }
            else
            {
                json.WriteString("correlationId", message.CorrelationId);
            }

            json.WriteNumber("schemaVersion", message.SchemaVersion);
            json.WritePropertyName("data");
            json.WriteRawValue(message.Payload);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The envelope's fields as Kafka headers (UTF-8), so consumers can route without parsing the value.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Headers(OutboxMessage message) =>
    [
        new(EventIdHeader, Encoding.UTF8.GetBytes(message.Id.ToString())),
        new(TypeHeader, Encoding.UTF8.GetBytes(message.Type)),
        new(OccurredAtHeader, Encoding.UTF8.GetBytes(message.OccurredAt.ToUniversalTime().ToString("O"))),
        new(AggregateIdHeader, Encoding.UTF8.GetBytes(message.AggregateId)),
        new(CorrelationIdHeader, Encoding.UTF8.GetBytes(message.CorrelationId ?? "")),
        new(SchemaVersionHeader, Encoding.UTF8.GetBytes(message.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new(ContentTypeHeader, "application/json"u8.ToArray()),
    ];

    /// <summary>A webhook body: seed 003's <c>{event, timestamp, data}</c>, with the event id as <c>id</c>.</summary>
    public static string WebhookBody(OutboxMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", message.Id);
            json.WriteString("event", message.Type);
            json.WriteString("timestamp", message.OccurredAt.ToUniversalTime());
            json.WritePropertyName("data");
            json.WriteRawValue(message.Payload);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
