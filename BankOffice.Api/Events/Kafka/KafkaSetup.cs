using BankOffice.Core.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankOffice.Api.Events.Kafka;

public static class KafkaSetup
{
    /// <summary>
    /// The Kafka transport (one producer per process) and the outbox publisher every instance runs.
    /// Without <c>Kafka:BootstrapServers</c> the publisher logs that once and stays idle.
    /// </summary>
    public static IServiceCollection AddOutboxPublisher(this IServiceCollection services)
    {
        services.AddOptions<KafkaOptions>();
        services.AddOptions<OutboxOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEventTransport, KafkaEventTransport>();
        services.AddHostedService<OutboxPublisher>();
        return services;
    }
}
