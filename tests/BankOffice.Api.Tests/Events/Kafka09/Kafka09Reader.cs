using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;
using Confluent.Kafka;

namespace BankOffice.Api.Tests.Events.Kafka09;

/// <summary>
/// Reads topics from their first offset with the API's consumer settings (KafkaClientConfig, so the same legacy
/// properties), assigning every partition directly: no consumer group, nothing committed.
/// </summary>
public static class Kafka09Reader
{
    public static Task<List<ConsumeResult<string, byte[]>>> ReadAsync(KafkaOptions options, IEnumerable<string> topics, int expected, TimeSpan? timeout = null) =>
        Task.Run(() => Read(options, topics.ToList(), expected, timeout ?? TimeSpan.FromSeconds(20)));

    private static List<ConsumeResult<string, byte[]>> Read(KafkaOptions options, List<string> topics, int expected, TimeSpan timeout)
    {
        KafkaNative.EnsureLoaded();
        var partitions = new List<TopicPartitionOffset>();
        using (var admin = new AdminClientBuilder(KafkaClientConfig.Admin(options)).Build())
        {
            foreach (var topic in topics)
            {
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
                if (metadata.Error.Code == ErrorCode.NoError)
                {
                    partitions.AddRange(metadata.Partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
                }
            }
        }

        var config = KafkaClientConfig.Consumer(options, $"k09-reader-{Guid.NewGuid():N}", fromBeginning: true);
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(partitions);
        var received = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < expected && DateTime.UtcNow < deadline && partitions.Count > 0)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is not null && !result.IsPartitionEOF)
            {
                received.Add(result);
            }
        }

        consumer.Close();
        return received;
    }
}
