namespace BankOffice.Api.Webhooks;

public static class WebhookSetup
{
    /// <summary>Subscriptions and their logs (<see cref="WebhookService"/>), the signed sender and the background dispatcher.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        // A receiver's redirect is a failed try, not a hop: following it would send the signed event to an address nobody registered.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's request logs would write each receiver's full URL (which may carry its token) for every event; the attempt log has what matters.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookService>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
