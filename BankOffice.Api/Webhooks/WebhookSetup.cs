namespace BankOffice.Api.Webhooks;

public static class WebhookSetup
{
    /// <summary>Subscriptions and their logs (<see cref="WebhookService"/>) and the signed sender.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        // A receiver's redirect is a failed try, not a hop: following it would send the signed event to an address nobody registered.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookService>();
        return services;
    }
}
