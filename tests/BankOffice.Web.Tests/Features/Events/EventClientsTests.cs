using System.Net;
using BankOffice.Core.Events;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;

namespace BankOffice.Web.Tests.Features.Events;

/// <summary>The outbox and webhook clients against a fake API: the routes and queries they send, and what they read back.</summary>
public sealed class EventClientsTests
{
    private readonly List<(HttpMethod Method, string PathAndQuery, string? Body)> sent = [];

    [Fact]
    public async Task ListMessagesAsync_Filters_SendsThemWithTimesInUtc()
    {
        var client = new EventsClient(Http(HttpStatusCode.OK, """{"data":[],"pagination":{"page":2,"size":20,"total":21,"totalPages":2}}"""), new StaticToken());

        var page = await client.ListMessagesAsync(new OutboxQuery(OutboxStatus.DEAD_LETTER, "payment.received", "C000012",
            new DateTimeOffset(2026, 11, 19, 11, 0, 0, TimeSpan.FromHours(3)), null, 2, 20));

        // 11:00 at +03:00 is 08:00 UTC.
        sent.Single().PathAndQuery.Should().Be("/api/v1/admin/outbox/messages?status=DEAD_LETTER&type=payment.received&aggregateId=C000012&from=2026-11-19T08%3A00%3A00Z&page=2&size=20");
        page.Pagination.Total.Should().Be(21);
    }

    [Fact]
    public async Task ReplayAsync_DeadLetter_PostsToItsReplayRoute()
    {
        var client = new EventsClient(Http(HttpStatusCode.OK, Message("PENDING")), new StaticToken());

        var replayed = await client.ReplayAsync(FakeEventsClient.DeadId);

        sent.Single().Should().Be((HttpMethod.Post, $"/api/v1/admin/outbox/messages/{FakeEventsClient.DeadId}/replay", (string?)null));
        (replayed.Status, replayed.Attempts, replayed.LastError).Should().Be((OutboxStatus.PENDING, 0, "Broker: Leader not available"));
    }

    [Fact]
    public async Task ReplayAsync_NotDeadLettered_ThrowsTheApiErrorCode()
    {
        var client = new EventsClient(Http(HttpStatusCode.Conflict, """{"title":"Conflict","status":409,"detail":"Event x is SENT.","code":"NOT_DEAD_LETTERED"}""", "application/problem+json"), new StaticToken());

        var act = () => client.ReplayAsync(FakeEventsClient.DeadId);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Status, error.Code, error.Detail).Should().Be((409, EventErrorCodes.NotDeadLettered, "Event x is SENT."));
    }

    [Fact]
    public async Task RotateSecretAsync_PostsAndReadsTheNewSecret()
    {
        var id = Guid.Parse("0193a000-0000-7000-8000-0000000000f1");
        var client = new WebhooksClient(Http(HttpStatusCode.OK,
            $$"""{"id":"{{id}}","url":"https://erp.example.com/hooks","eventTypes":["payment.received"],"description":null,"active":true,"createdBy":"admin@bankoffice.local","createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-11-20T10:05:00Z","delivered":3,"pending":0,"failed":1,"secret":"whsec_new"}"""),
            new StaticToken());

        var rotated = await client.RotateSecretAsync(id);

        sent.Single().Should().Be((HttpMethod.Post, $"/api/v1/admin/webhooks/{id}/rotate-secret", (string?)null));
        (rotated.Secret, rotated.Delivered, rotated.Failed).Should().Be(("whsec_new", 3L, 1L));
    }

    [Fact]
    public async Task DeactivateRetryAndLog_UseTheWebhookRoutesWithTheirFilters()
    {
        var id = Guid.Parse("0193a000-0000-7000-8000-0000000000f1");
        var client = new WebhooksClient(Http(HttpStatusCode.NoContent, ""), new StaticToken());

        await client.DeactivateAsync(id);
        await client.RetryAsync(FakeWebhooksClient.DeliveryId);
        var log = new WebhooksClient(Http(HttpStatusCode.OK, """{"data":[],"pagination":{"page":1,"size":20,"total":0,"totalPages":0}}"""), new StaticToken());
        await log.ListDeliveriesAsync(new WebhookDeliveryQuery(id, WebhookDeliveryStatus.FAILED, "payment.received", 1, 20));

        sent.Select(s => (s.Method, s.PathAndQuery)).Should().Equal(
            (HttpMethod.Delete, $"/api/v1/admin/webhooks/{id}"),
            (HttpMethod.Post, $"/api/v1/admin/webhooks/deliveries/{FakeWebhooksClient.DeliveryId}/retry"),
            (HttpMethod.Get, $"/api/v1/admin/webhooks/deliveries?subscriptionId={id}&status=FAILED&eventType=payment.received&page=1&size=20"));
    }

    private static string Message(string status) =>
        $$"""{"eventId":"{{FakeEventsClient.DeadId}}","sequence":42,"type":"BALANCE_CHANGED","stream":"account.events","topic":"account.events","aggregateType":"account","aggregateId":"ACC-1","correlationId":null,"schemaVersion":1,"status":"{{status}}","attempts":0,"occurredAt":"2026-11-20T09:00:00Z","nextAttemptAt":"2026-11-20T10:00:00Z","publishedAt":null,"lastError":"Broker: Leader not available","payload":"{}"}""";

    private HttpClient Http(HttpStatusCode status, string json, string contentType = "application/json") =>
        new FakeHttpClientFactory(new FakeHttpHandler(async request =>
        {
            sent.Add((request.Method, request.RequestUri!.PathAndQuery, request.Content is null ? null : await request.Content.ReadAsStringAsync()));
            return FakeHttpHandler.Json(status, json, contentType);
        })).CreateClient("api");

    private sealed class StaticToken : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken ct = default) => Task.FromResult<string?>("token");
    }
}
