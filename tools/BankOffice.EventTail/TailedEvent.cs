using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BankOffice.Api.Events;

namespace BankOffice.EventTail;

/// <summary>
/// One consumed Kafka message read as BankOffice's envelope (README "Events"). The envelope is the source
/// of truth: a 0.9/0.10 broker keeps no headers, so the headers are only a fallback for a value that is
/// not an envelope. A value that is not JSON is kept as text, so a stray producer on the topic shows up
/// rather than stopping the tail.
/// </summary>
public sealed record TailedEvent(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? Type,
    string? EventId,
    string? OccurredAt,
    string? AggregateId,
    string? CorrelationId,
    int? SchemaVersion,
    string? Data,
    string? RawValue,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TailedEvent From(string topic, int partition, long offset, string? key, byte[]? value, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        string? Header(string name) => headers.LastOrDefault(h => h.Key == name).Value is { Length: > 0 } v ? v : null;

        string? type = Header(EventMessages.TypeHeader), eventId = Header(EventMessages.EventIdHeader), occurredAt = Header(EventMessages.OccurredAtHeader);
        string? aggregateId = Header(EventMessages.AggregateIdHeader), correlationId = Header(EventMessages.CorrelationIdHeader);
        int? schemaVersion = int.TryParse(Header(EventMessages.SchemaVersionHeader), CultureInfo.InvariantCulture, out var version) ? version : null;
        string? data = null, raw = null;
        if (value is { Length: > 0 })
        {
            try
            {
                using var json = JsonDocument.Parse(value);
                var root = json.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var dataElement))
                {
                    type = Text(root, "type") ?? type;
                    eventId = Text(root, "eventId") ?? eventId;
                    occurredAt = Text(root, "occurredAt") ?? occurredAt;
                    aggregateId = Text(root, "aggregateId") ?? aggregateId;
                    correlationId = Text(root, "correlationId") ?? correlationId;
                    schemaVersion = root.TryGetProperty("schemaVersion", out var v) && v.TryGetInt32(out var n) ? n : schemaVersion;
                    data = dataElement.GetRawText();
                }
                else
                {
                    data = root.GetRawText();
                }
            }
            catch (JsonException)
            {
                raw = Encoding.UTF8.GetString(value);
            }
        }

        return new TailedEvent(topic, partition, offset, key, type, eventId, occurredAt, aggregateId, correlationId, schemaVersion, data, raw, headers);
    }

    /// <summary><c>topic/partition@offset key=K type=T eventId=E occurredAt=O data={...}</c></summary>
    public string ToLine()
    {
        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{Topic}/{Partition}@{Offset}")
            .Append(" key=").Append(Key ?? "(none)")
            .Append(" type=").Append(Type ?? "?")
            .Append(" eventId=").Append(EventId ?? "?")
            .Append(" occurredAt=").Append(OccurredAt ?? "?");
        return RawValue is not null
            ? line.Append(" value=").Append(RawValue).ToString()
            : line.Append(" data=").Append(Data ?? "null").ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("topic", Topic);
            json.WriteNumber("partition", Partition);
            json.WriteNumber("offset", Offset);
            json.WriteString("key", Key);
            json.WriteString("type", Type);
            json.WriteString("eventId", EventId);
            json.WriteString("occurredAt", OccurredAt);
            json.WriteString("aggregateId", AggregateId);
            json.WriteString("correlationId", CorrelationId);
            if (SchemaVersion is { } schemaVersion)
            {
                json.WriteNumber("schemaVersion", schemaVersion);
            }
            else
            {
                json.WriteNull("schemaVersion");
            }

            if (RawValue is not null)
            {
                json.WriteString("value", RawValue);
            }
            else
            {
                json.WritePropertyName("data");
                // Re-parsed so the indentation covers the payload too.
                using var data = JsonDocument.Parse(Data ?? "null");
                data.RootElement.WriteTo(json);
            }

            if (Headers.Count > 0)
            {
                json.WriteStartObject("headers");
                foreach (var (name, value) in Headers)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;
}
