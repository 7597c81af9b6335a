using System.Text;
using System.Text.Json;
using BankOffice.Api.Events.Kafka;
using Confluent.Kafka;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>A message as a consumer reads it: topic, place, key, the envelope (value) and the headers as UTF-8 text.</summary>
public sealed record KafkaRecord(string Topic, int Partition, long Offset, string Key, string Value, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Envelope { get; } = JsonDocument.Parse(Value).RootElement.Clone();

    public Guid EventId => Envelope.GetProperty("eventId").GetGuid();

    public string Type => Envelope.GetProperty("type").GetString()!;

    public JsonElement Data => Envelope.GetProperty("data");
}

/// <summary>
/// librdkafka's mock cluster (STACK.md): a client configured with <c>test.mock.num.brokers=1</c> starts
/// one broker with real listeners on 127.0.0.1, speaking the current protocol (headers, idempotence),
/// for as long as that client lives. Topics are created on first use with 4 partitions, so per-key
/// order is tested across partitions. Other processes (an API started apart) reach it by
/// <see cref="BootstrapServers"/> too.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IAdminClient _owner;

    public KafkaMockCluster()
    {
        KafkaNative.EnsureLoaded();
        var config = new AdminClientConfig { BootstrapServers = "127.0.0.1:9" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        var broker = _owner.GetMetadata(Timeout).Brokers.Single();
        BootstrapServers = $"{broker.Host}:{broker.Port}";
    }

    /// <summary>host:port of the mock broker, for <c>Kafka:BootstrapServers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Everything on <paramref name="topic"/> right now: every partition read from the beginning up to its
    /// high watermark, with headers. A message acknowledged (acks=all) before the call is in the result.
    /// </summary>
    public IReadOnlyList<KafkaRecord> ReadAll(string topic)
    {
        var partitions = _owner.GetMetadata(topic, Timeout).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadUncommitted,
        }).SetLogHandler((_, _) => { }).Build();

        var ends = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, Timeout).High.Value);
        var remaining = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        consumer.Assign(remaining.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<KafkaRecord>();
        var deadline = DateTime.UtcNow + Timeout;
        while (remaining.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic}: partitions {string.Join(", ", remaining)} not read to their end within {Timeout.TotalSeconds} s.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is not { } message)
            {
                continue;
            }

            var headers = message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()), StringComparer.Ordinal);
            records.Add(new KafkaRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Key, Encoding.UTF8.GetString(message.Value), headers));
            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                remaining.Remove(result.Partition.Value);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>The records of the given keys, partition by partition in offset order (per key: the order they were written).</summary>
    public IReadOnlyList<KafkaRecord> ReadKeys(string topic, params string[] keys) =>
        ReadAll(topic).Where(r => keys.Contains(r.Key)).OrderBy(r => r.Partition).ThenBy(r => r.Offset).ToList();

    public void Dispose() => _owner.Dispose();
}
