using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Events;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Webhooks;

/// <summary>
/// <see cref="ApiFactory"/> with a dispatcher that looks every 100 ms, backs off 300 ms after a first
/// failure (600 ms after a second) and gives up after three tries, so retry tests take about a second.
/// </summary>
public sealed class WebhookApiFactory : ApiFactory
{
    public static readonly TimeSpan BaseBackoff = TimeSpan.FromMilliseconds(300);
    public const int MaxAttempts = 3;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Webhooks:PollInterval"] = "00:00:00.100";
            settings["Webhooks:BaseBackoff"] = "00:00:00.300";
            settings["Webhooks:MaxBackoff"] = "00:00:05";
            settings["Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Webhooks:Timeout"] = "00:00:05";

            // Small batches, so a test with dozens of events also crosses batch boundaries.
            settings["Webhooks:BatchSize"] = "10";
            return settings;
        }
    }
}

/// <summary>An admin client, a receiver per test, and the subscriptions a test made (deactivated afterwards, so later tests' events do not reach them).</summary>
public abstract class WebhookTestBase(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>, IAsyncLifetime
{
    public const string Webhooks = "/api/v1/admin/webhooks";
    public const string Deliveries = "/api/v1/admin/webhooks/deliveries";

    private readonly List<Guid> _subscriptions = [];

    protected WebhookApiFactory Factory { get; } = factory;

    protected HttpClient Admin { get; private set; } = default!;

    protected WebhookReceiver Receiver { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.ClientForRoleAsync(Roles.Admin);
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _subscriptions)
        {
            using var _ = await Admin.DeleteAsync($"{Webhooks}/{id}");
        }

        Admin.Dispose();
        await Receiver.DisposeAsync();
    }

    protected async Task<WebhookSubscriptionDto> SubscribeAsync(params string[] eventTypes) => await SubscribeAsync(Receiver.Url(), eventTypes);

    protected async Task<WebhookSubscriptionDto> SubscribeAsync(string url, string[] eventTypes, string? description = null)
    {
        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(url, eventTypes, description), ApiFactory.Json);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var subscription = System.Text.Json.JsonSerializer.Deserialize<WebhookSubscriptionDto>(body, ApiFactory.Json)!;
        _subscriptions.Add(subscription.Id);
        return subscription;
    }

    /// <summary>Commits an event the way a command does (its own transaction); answers it as stored (microsecond times).</summary>
    protected async Task<OutboxMessage> RecordAsync(string type, string aggregateId, object data, DateTimeOffset? occurredAt = null) =>
        (await RecordManyAsync([(type, aggregateId, data)], occurredAt)).Single();

    /// <summary>Several events committed in one transaction, in this order.</summary>
    protected Task<List<OutboxMessage>> RecordManyAsync(IReadOnlyList<(string Type, string AggregateId, object Data)> events, DateTimeOffset? occurredAt = null) =>
        Factory.WithDbAsync(async db =>
        {
            var ids = new List<Guid>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var (type, aggregateId, data) in events)
            {
                var message = Outbox.Create(type, "customer", aggregateId, data, occurredAt ?? DateTimeOffset.UtcNow);
                db.OutboxMessages.Add(message);
                ids.Add(message.Id);

                // One insert at a time, so the sequence follows this order as it does for a command's events.
                await db.SaveChangesAsync();
            }

            await transaction.CommitAsync();
            return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Sequence).ToListAsync();
        });

    protected Task<List<WebhookDelivery>> DeliveriesOfAsync(Guid subscriptionId) =>
        Factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId).OrderBy(d => d.MessageSequence).ToListAsync());

    /// <summary>Polls the database until <paramref name="done"/> holds (the dispatcher works in the background).</summary>
    protected async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Long enough for several dispatcher rounds (every 100 ms): what has not happened by then is not going to.</summary>
    protected static Task SettleAsync() => Task.Delay(TimeSpan.FromMilliseconds(800));

    protected static object Payment(string customerId, decimal amount) =>
        new { paymentId = Guid.NewGuid(), customerId, amount, currency = "TRY", method = "BANK_TRANSFER", paymentDate = "2026-11-20", reference = "REF-" + ApiFactory.Unique() };
}
