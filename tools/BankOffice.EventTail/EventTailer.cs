using System.Text;
using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace BankOffice.EventTail;

/// <summary>
/// Subscribes to the topics and writes each event to <c>output</c> until cancelled or <see cref="TailOptions.MaxEvents"/>
/// were printed. The client settings are the API's own (<see cref="KafkaClientConfig"/>), so a cluster the API
/// publishes to (security, topic renames, legacy-broker properties) is read the same way.
/// </summary>
public static class EventTailer
{
    public const string ClientId = "bankoffice-eventtail";

    /// <summary>The <c>Kafka</c> section with the command line on top; throws when no broker is known.</summary>
    public static KafkaOptions Settings(TailOptions tail, IConfiguration configuration)
    {
        var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
        kafka.ClientId = ClientId;
        if (!string.IsNullOrWhiteSpace(tail.Bootstrap))
        {
            kafka.BootstrapServers = tail.Bootstrap;
        }

        foreach (var (key, value) in tail.Properties)
        {
            kafka.Properties[key] = value;
        }

        if (!kafka.Enabled)
        {
            throw new ArgumentException("no Kafka brokers: pass --bootstrap HOST:PORT or set Kafka:BootstrapServers (appsettings.json or Kafka__BootstrapServers)");
        }

        return kafka;
    }

    /// <summary>The given topics, else every stream's topic (after <c>Kafka:Topics</c> renames).</summary>
    public static IReadOnlyList<string> Topics(TailOptions tail, KafkaOptions kafka) =>
        tail.Topics.Count > 0 ? tail.Topics : EventStreams.All.Select(kafka.TopicFor).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Returns how many events were printed. Kafka errors that the client retries go to <paramref name="errors"/> once each.</summary>
    public static Task<int> RunAsync(TailOptions tail, KafkaOptions kafka, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(tail, kafka, output, errors, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static int Run(TailOptions tail, KafkaOptions kafka, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        KafkaNative.EnsureLoaded();
        var committing = tail.Group is not null;
        var config = KafkaClientConfig.Consumer(kafka, tail.Group ?? $"{ClientId}-{Guid.NewGuid():N}", tail.FromBeginning);
        // A throwaway group commits nothing, so a tail leaves no offsets behind on the cluster.
        config.EnableAutoCommit = committing;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Report(string message)
        {
            // librdkafka repeats a retried error (e.g. a topic that does not exist yet) every few seconds.
            lock (reported)
            {
                if (reported.Add(message))
                {
                    errors.WriteLine($"kafka: {message}");
                }
            }
        }

        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, error) => Report($"{error.Code}: {error.Reason}"))
            .SetLogHandler((_, log) =>
            {
                if (log.Level <= SyslogLevel.Warning)
                {
                    Report($"{log.Facility}: {log.Message}");
                }
            })
            .Build();
        consumer.Subscribe(Topics(tail, kafka));
        var printed = 0;
        try
        {
            while (tail.MaxEvents is not { } max || printed < max)
            {
                ConsumeResult<string, byte[]> result;
                try
                {
                    result = consumer.Consume(cancellationToken);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    Report($"{ex.Error.Code}: {ex.Error.Reason}");
                    continue;
                }

                if (result?.Message is null || result.IsPartitionEOF)
                {
                    continue;
                }

                var headers = result.Message.Headers?.Select(h => new KeyValuePair<string, string>(h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).ToList() ?? [];
                var tailed = TailedEvent.From(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, headers);
                output.WriteLine(tail.Json ? tailed.ToJson() : tailed.ToLine());
                output.Flush();
                printed++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: leave the group cleanly below.
        }
        finally
        {
            consumer.Close();
        }

        return printed;
    }
}
