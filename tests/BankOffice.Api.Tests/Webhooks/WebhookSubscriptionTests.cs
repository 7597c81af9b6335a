using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BankOffice.Api.Webhooks;
using BankOffice.Core.Auth;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Hosting;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Webhooks;

/// <summary>Admins register, change, rotate and deactivate webhook subscriptions; the secret is shown only when it is made.</summary>
public sealed class WebhookSubscriptionTests(WebhookApiFactory factory) : WebhookTestBase(factory)
{
    [Fact]
    public async Task Create_ValidRequest_Returns201WithSecretShownOnlyOnce()
    {
        var url = "https://hooks.example.com/bankoffice?tenant=7";

        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(url,
            [EventTypes.PaymentReceived, EventTypes.CreditLimitChanged, EventTypes.PaymentReceived], "  ERP payments  "), ApiFactory.Json);

        var created = await response.ReadAsync<WebhookSubscriptionDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{Webhooks}/{created.Id}");
        created.Url.Should().Be(url);
        created.EventTypes.Should().Equal(EventTypes.CreditLimitChanged, EventTypes.PaymentReceived); // de-duplicated, sorted
        created.Description.Should().Be("ERP payments");
        created.Active.Should().BeTrue();
        created.CreatedBy.Should().EndWith("@test.local");
        (created.Delivered, created.Pending, created.Failed).Should().Be((0L, 0L, 0L));
        created.Secret.Should().MatchRegex("^whsec_[0-9a-f]{64}$");

        var read = await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{created.Id}");
        read.Secret.Should().BeNull();
        read.Should().BeEquivalentTo(created with { Secret = null });
        var listed = (await Admin.GetOkAsync<IReadOnlyList<WebhookSubscriptionDto>>(Webhooks)).Should().ContainSingle(s => s.Id == created.Id).Subject;
        listed.Secret.Should().BeNull();
        listed.Url.Should().Be(url);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hooks.example.com/in")]
    [InlineData("/relative/path")]
    [InlineData("ftp://hooks.example.com/in")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("https://hooks.example.com/in#part")]
    public async Task Create_UrlNotAnAbsoluteHttpAddress_Returns400InvalidWebhookUrl(string? url)
    {
        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(url, [EventTypes.PaymentReceived], null), ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.InvalidWebhookUrl);
    }

    [Fact]
    public async Task Create_HttpUrlWhenAllowHttpIsOff_Returns400InvalidWebhookUrlButTakesHttps()
    {
        // A second host on this database with the production setting (tests allow http for their local receivers).
        await using var httpsOnly = Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowHttp", "false"));
        using var admin = httpsOnly.CreateClient();
        var email = await Factory.CreateUserAsync(Roles.Admin);
        using (var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest { Email = email, Password = ApiFactory.Password }, ApiFactory.Json))
        {
            var token = await login.ReadAsync<TokenResponse>(HttpStatusCode.OK);
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        }

        using var http = await admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest("http://erp.example.com/in", [EventTypes.PaymentReceived], null), ApiFactory.Json);
        using var https = await admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest("https://erp.example.com/in", [EventTypes.PaymentReceived], null), ApiFactory.Json);

        await http.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.InvalidWebhookUrl);
        var created = await https.ReadAsync<WebhookSubscriptionDto>(HttpStatusCode.Created);
        using var _ = await Admin.DeleteAsync($"{Webhooks}/{created.Id}");
    }

    [Fact]
    public async Task Create_UrlLongerThan2000_Returns400InvalidWebhookUrl()
    {
        // "https://h.example/" is 18 characters; 1983 more make 2001.
        var url = "https://h.example/" + new string('a', 1983);

        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(url, [EventTypes.PaymentReceived], null), ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.InvalidWebhookUrl);
    }

    [Fact]
    public async Task Create_UnknownEventType_Returns400UnknownEventTypeNamingIt()
    {
        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(Receiver.Url(), [EventTypes.PaymentReceived, "payment.recieved"], null), ApiFactory.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.UnknownEventType);
        problem.GetProperty("details").GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).Should().Equal("payment.recieved");
        (await Admin.GetOkAsync<IReadOnlyList<WebhookSubscriptionDto>>(Webhooks)).Should().NotContain(s => s.Url == Receiver.Url());
    }

    [Fact]
    public async Task Create_NoEventTypes_Returns400UnknownEventType()
    {
        using var empty = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(Receiver.Url(), [], null), ApiFactory.Json);
        using var missing = await Admin.PostAsJsonAsync(Webhooks, new { url = Receiver.Url() }, ApiFactory.Json);

        await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.UnknownEventType);
        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.UnknownEventType);
    }

    [Fact]
    public async Task Create_DescriptionOf201Characters_Returns400ValidationError()
    {
        using var response = await Admin.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(Receiver.Url(), [EventTypes.PaymentReceived], new string('d', 201)), ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Update_NewUrlTypesAndInactive_StoredWithoutShowingTheSecret()
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);

        using var response = await Admin.PutAsJsonAsync($"{Webhooks}/{created.Id}",
            new UpdateWebhookRequest("https://erp.example.com/events", [EventTypes.CollectionEscalated, EventTypes.BalanceChanged], "moved", Active: false), ApiFactory.Json);

        var updated = await response.ReadAsync<WebhookSubscriptionDto>(HttpStatusCode.OK);
        (updated.Url, updated.Description, updated.Active, updated.Secret).Should().Be(("https://erp.example.com/events", "moved", false, (string?)null));
        updated.EventTypes.Should().Equal(EventTypes.BalanceChanged, EventTypes.CollectionEscalated);
        updated.UpdatedAt.Should().BeAfter(created.UpdatedAt);
        updated.CreatedAt.Should().Be(created.CreatedAt);
        (await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{created.Id}")).Should().BeEquivalentTo(updated);
    }

    [Fact]
    public async Task Update_UnknownEventType_Returns400AndKeepsTheSubscription()
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);

        using var response = await Admin.PutAsJsonAsync($"{Webhooks}/{created.Id}", new UpdateWebhookRequest(Receiver.Url(), ["ACCOUNT_DELETED"], null, true), ApiFactory.Json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, EventErrorCodes.UnknownEventType);
        (await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{created.Id}")).EventTypes.Should().Equal(EventTypes.PaymentReceived);
    }

    [Fact]
    public async Task RotateSecret_Existing_ShowsANewSecretOnce()
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);

        using var response = await Admin.PostAsync($"{Webhooks}/{created.Id}/rotate-secret", null);

        var rotated = await response.ReadAsync<WebhookSubscriptionDto>(HttpStatusCode.OK);
        rotated.Secret.Should().MatchRegex("^whsec_[0-9a-f]{64}$").And.NotBe(created.Secret);
        (await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{created.Id}")).Secret.Should().BeNull();
        var stored = await Factory.WithDbAsync(db => db.WebhookSubscriptions.FindAsync(created.Id).AsTask());
        stored!.Secret.Should().Be(rotated.Secret);
    }

    [Fact]
    public async Task Delete_Existing_Returns204AndKeepsItInactive()
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);

        using var response = await Admin.DeleteAsync($"{Webhooks}/{created.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var read = await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{created.Id}");
        read.Active.Should().BeFalse();
        (await Admin.GetOkAsync<IReadOnlyList<WebhookSubscriptionDto>>(Webhooks)).Should().Contain(s => s.Id == created.Id && !s.Active);
    }

    [Fact]
    public async Task UnknownSubscription_EveryAction_Returns404WebhookNotFound()
    {
        var id = Guid.NewGuid();

        using var get = await Admin.GetAsync($"{Webhooks}/{id}");
        using var put = await Admin.PutAsJsonAsync($"{Webhooks}/{id}", new UpdateWebhookRequest(Receiver.Url(), [EventTypes.PaymentReceived], null, true), ApiFactory.Json);
        using var delete = await Admin.DeleteAsync($"{Webhooks}/{id}");
        using var rotate = await Admin.PostAsync($"{Webhooks}/{id}/rotate-secret", null);
        using var ping = await Admin.PostAsync($"{Webhooks}/{id}/ping", null);

        foreach (var response in new[] { get, put, delete, rotate, ping })
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, EventErrorCodes.WebhookNotFound);
        }
    }

    [Fact]
    public async Task UnknownDelivery_AttemptsAndRetry_Return404DeliveryNotFound()
    {
        var id = Guid.NewGuid();

        using var attempts = await Admin.GetAsync($"{Deliveries}/{id}/attempts");
        using var retry = await Admin.PostAsync($"{Deliveries}/{id}/retry", null);

        await attempts.ShouldBeProblemAsync(HttpStatusCode.NotFound, EventErrorCodes.DeliveryNotFound);
        await retry.ShouldBeProblemAsync(HttpStatusCode.NotFound, EventErrorCodes.DeliveryNotFound);
    }

    [Theory]
    [InlineData(Roles.Teller)]
    [InlineData(Roles.Manager)]
    public async Task Webhooks_StaffWithoutEventsManage_Returns403(string role)
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);
        using var staff = await Factory.ClientForRoleAsync(role);

        using var list = await staff.GetAsync(Webhooks);
        using var create = await staff.PostAsJsonAsync(Webhooks, new CreateWebhookRequest(Receiver.Url(), [EventTypes.PaymentReceived], null), ApiFactory.Json);
        using var rotate = await staff.PostAsync($"{Webhooks}/{created.Id}/rotate-secret", null);
        using var deliveries = await staff.GetAsync(Deliveries);

        foreach (var response in new[] { list, create, rotate, deliveries })
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        (await Admin.GetOkAsync<IReadOnlyList<WebhookSubscriptionDto>>(Webhooks)).Should().ContainSingle(s => s.Url == Receiver.Url() && s.Active);
    }

    [Fact]
    public async Task Ping_ReceiverUp_SendsASignedPingAndAnswersItsStatus()
    {
        var created = await SubscribeAsync(EventTypes.PaymentReceived);

        using var response = await Admin.PostAsync($"{Webhooks}/{created.Id}/ping", null);

        var attempt = await response.ReadAsync<WebhookAttemptDto>(HttpStatusCode.OK);
        (attempt.StatusCode, attempt.Error).Should().Be((200, (string?)null));
        var ping = Receiver.Received.Should().ContainSingle().Subject;
        ping.Header(WebhookSignature.EventTypeHeader).Should().Be(WebhookService.PingEventType);
        WebhookSignature.Verify(created.Secret!, ping.Header(WebhookSignature.Header), ping.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)).Should().BeTrue();
        var body = System.Text.Json.JsonDocument.Parse(ping.Body).RootElement;
        body.GetProperty("event").GetString().Should().Be("webhook.ping");
        body.GetProperty("data").GetProperty("subscriptionId").GetGuid().Should().Be(created.Id);
        (await Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutboxMessages))).Should().Be(0, "a ping records no event");
    }
}
