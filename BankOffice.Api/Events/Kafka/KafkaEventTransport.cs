using BankOffice.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Events.Kafka;

/// <summary>What happened to one message of a batch: null error means the broker acknowledged it.</summary>
public readonly record struct PublishOutcome(Guid EventId, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Sends outbox messages somewhere; the publisher decides what to retry.</summary>
public interface IEventTransport
{
    /// <summary>False when nothing is configured: the outbox then accumulates.</summary>
    bool Enabled { get; }

    /// <summary>Sends the batch in order and reports each message; never throws for a broker failure.</summary>
    Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);
}

/// <summary>
/// One librdkafka producer per process. Messages are produced in the given order (so per partition they
/// land in that order), keyed by aggregate id, as the envelope with the envelope's fields as headers.
/// A fatal producer error (e.g. the idempotent producer's epoch fenced) rebuilds the producer for the next batch.
/// </summary>
public sealed class KafkaEventTransport : IEventTransport, IDisposable
{
    private readonly KafkaOptions options;
    private readonly ILogger<KafkaEventTransport> logger;
    private readonly Lock gate = new();
    private IProducer<string, byte[]>? producer;
    private volatile bool fatal;

    public KafkaEventTransport(IOptions<KafkaOptions> options, ILogger<KafkaEventTransport> logger)
    {
        this.options = options.Value;
        this.logger = logger;
    }

    public bool Enabled => options.Enabled;

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        IProducer<string, byte[]> client;
        try
        {
            client = Producer();
        }
        catch (Exception ex) when (ex is KafkaException or ArgumentException or InvalidOperationException or DllNotFoundException)
        {
            logger.LogError(ex, "Kafka producer could not be created");
            return batch.Select(m => new PublishOutcome(m.Id, $"Kafka producer could not be created: {ex.Message}")).ToList();
        }

        var sends = new Task<DeliveryResult<string, byte[]>>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            var headers = new Headers();
            foreach (var (name, value) in EventMessages.Headers(message))
            {
                headers.Add(name, value);
            }

            var kafkaMessage = new Message<string, byte[]>
            {
                Key = message.AggregateId,
                Value = EventMessages.Envelope(message),
                Headers = headers,
                Timestamp = new Timestamp(message.OccurredAt),
            };
            try
            {
                // Not awaited one by one: the whole batch is in flight, in order, at once.
                sends[i] = client.ProduceAsync(options.TopicFor(message.Stream), kafkaMessage, CancellationToken.None);
            }
            catch (Exception ex) when (ex is KafkaException or ArgumentException)
            {
                sends[i] = Task.FromException<DeliveryResult<string, byte[]>>(ex);
            }
        }

        var outcomes = new PublishOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                var result = await sends[i].WaitAsync(cancellationToken);
                outcomes[i] = result.Status == PersistenceStatus.Persisted
                    ? new PublishOutcome(batch[i].Id, null)
                    : new PublishOutcome(batch[i].Id, $"Not persisted ({result.Status}).");
            }
            catch (ProduceException<string, byte[]> ex)
            {
                fatal |= ex.Error.IsFatal;
                outcomes[i] = new PublishOutcome(batch[i].Id, $"{ex.Error.Code}: {ex.Error.Reason}");
            }
            catch (KafkaException ex)
            {
                fatal |= ex.Error.IsFatal;
                outcomes[i] = new PublishOutcome(batch[i].Id, $"{ex.Error.Code}: {ex.Error.Reason}");
            }
            catch (ArgumentException ex)
            {
                outcomes[i] = new PublishOutcome(batch[i].Id, ex.Message);
            }
        }

        return outcomes;
    }

    private IProducer<string, byte[]> Producer()
    {
        lock (gate)
        {
            if (fatal && producer is not null)
            {
                logger.LogWarning("Kafka producer hit a fatal error; building a new one");
                producer.Dispose();
                producer = null;
                fatal = false;
            }

            if (producer is null)
            {
                KafkaNative.EnsureLoaded();
                producer = new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(options))
                    .SetErrorHandler((_, error) =>
                    {
                        if (error.IsFatal)
                        {
                            fatal = true;
                        }

                        logger.LogWarning("Kafka: {Code} {Reason}", error.Code, error.Reason);
                    })
                    .SetLogHandler((_, log) => logger.LogDebug("librdkafka {Facility}: {Message}", log.Facility, log.Message))
                    .Build();
            }

            return producer;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (producer is null)
            {
                return;
            }

            // Give acknowledged-but-unreported sends a moment; anything unreported stays PENDING and is re-sent.
            producer.Flush(TimeSpan.FromSeconds(5));
            producer.Dispose();
            producer = null;
        }
    }
}
