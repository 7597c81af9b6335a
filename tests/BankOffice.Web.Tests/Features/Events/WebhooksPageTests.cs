using BankOffice.Core.Events;
using BankOffice.Web.Features.Events;
using Bunit;

namespace BankOffice.Web.Tests.Features.Events;

public sealed class WebhooksPageTests : EventsTestBase
{
    [Fact]
    public void Open_Subscriptions_ListedWithTypesStateAndDeliveryCounts()
    {
        var erp = FakeWebhooksClient.Subscription("https://erp.example.com/hooks", EventTypes.PaymentReceived, EventTypes.CreditLimitChanged);
        Webhooks.Subscriptions.Add(erp);

        var cut = Ctx.Render<WebhooksPage>();

        var row = cut.Find($"[data-testid=webhook-row-{erp.Id}]");
        row.QuerySelector("[data-testid=webhook-url]")!.TextContent.Should().Be("https://erp.example.com/hooks");
        row.QuerySelector("[data-testid=webhook-types]")!.TextContent.Should().Be("payment.received, credit.limit.changed");
        row.QuerySelector("[data-testid=webhook-state]")!.TextContent.Should().Be("ACTIVE");
        row.QuerySelector("[data-testid=webhook-counts]")!.TextContent.Should().Be("12 / 1 / 2");
    }

    [Fact]
    public void Register_ValidEndpoint_CreatesItAndShowsTheSecretOnlyUntilDismissed()
    {
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();

        cut.Find("[data-testid=webhooks-new]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=webhook-form]"));
        dialogs.Find("[data-testid=webhook-url-input]").Change(" https://erp.example.com/hooks ");
        dialogs.Find($"[data-testid='webhook-type-{EventTypes.PaymentReceived}']").Click();
        dialogs.Find($"[data-testid='webhook-type-{EventTypes.AccountCreated}']").Click();
        dialogs.Find("[data-testid=webhook-description-input]").Change("ERP ledger sync");
        dialogs.Find("[data-testid=webhook-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=webhook-secret]").TextContent.Should().Be(FakeWebhooksClient.Secret));
        Webhooks.Created.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new CreateWebhookRequest("https://erp.example.com/hooks", [EventTypes.AccountCreated, EventTypes.PaymentReceived], "ERP ledger sync"), o => o.WithStrictOrdering());
        cut.Find("[data-testid=webhook-secret-url]").TextContent.Should().Be("https://erp.example.com/hooks");
        cut.Find("[data-testid=webhook-secret-hint]").TextContent.Should().Contain("it is not shown again");
        cut.FindAll("[data-testid^=webhook-row-]").Should().ContainSingle();

        cut.Find("[data-testid=webhook-secret-dismiss]").Click();

        cut.FindAll("[data-testid=webhook-secret-notice]").Should().BeEmpty();
        cut.Markup.Should().NotContain(FakeWebhooksClient.Secret, "the list never carries the secret and the notice is gone");
    }

    [Fact]
    public void Register_NoUrlAndNoType_RefusedBeforeSending()
    {
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();
        cut.Find("[data-testid=webhooks-new]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=webhook-form]"));

        dialogs.Find("[data-testid=webhook-form]").Submit();

        Messages(dialogs).Should().BeEquivalentTo("Please give the endpoint's URL.", "Choose at least one event type.");
        Webhooks.Created.Should().BeEmpty();
    }

    [Fact]
    public void Register_UrlRefusedByTheApi_ShowsWhyNextToTheUrl()
    {
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();
        cut.Find("[data-testid=webhooks-new]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=webhook-form]"));
        Webhooks.Errors.Enqueue(Problem(400, EventErrorCodes.InvalidWebhookUrl, "Only https:// endpoints are allowed here."));

        dialogs.Find("[data-testid=webhook-url-input]").Change("http://erp.example.com/hooks");
        dialogs.Find($"[data-testid='webhook-type-{EventTypes.PaymentReceived}']").Click();
        dialogs.Find("[data-testid=webhook-form]").Submit();

        dialogs.WaitForAssertion(() => Messages(dialogs).Should().Equal("Only https:// endpoints are allowed here."));
        dialogs.Find("[data-testid=error-message]").TextContent.Should().Be(
            "The endpoint URL was refused: it must be an absolute https:// address (http:// only where the bank allows it). (Only https:// endpoints are allowed here.)");
        cut.FindAll("[data-testid=webhook-secret-notice]").Should().BeEmpty();
    }

    [Fact]
    public void Edit_Deactivated_SavesTheChangesWithActiveOff()
    {
        var erp = FakeWebhooksClient.Subscription("https://erp.example.com/hooks", EventTypes.PaymentReceived);
        Webhooks.Subscriptions.Add(erp);
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();

        cut.Find("[data-testid=webhook-edit]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=webhook-form]"));
        dialogs.Find("[data-testid=webhook-url-input]").GetAttribute("value").Should().Be("https://erp.example.com/hooks");
        dialogs.Find($"[data-testid='webhook-type-{EventTypes.CollectionEscalated}']").Click();
        dialogs.Find("[data-testid=webhook-active-input]").Click();
        dialogs.Find("[data-testid=webhook-form]").Submit();

        cut.WaitForAssertion(() => Webhooks.Updated.Should().ContainSingle());
        Webhooks.Updated[0].Id.Should().Be(erp.Id);
        Webhooks.Updated[0].Request.Should().BeEquivalentTo(
            new UpdateWebhookRequest("https://erp.example.com/hooks", [EventTypes.PaymentReceived, EventTypes.CollectionEscalated], "ERP", false), o => o.WithStrictOrdering());
        cut.WaitForAssertion(() => cut.Find("[data-testid=webhook-state]").TextContent.Should().Be("INACTIVE"));
    }

    [Fact]
    public void RotateSecret_Confirmed_ShowsTheNewSecretOnce()
    {
        var erp = FakeWebhooksClient.Subscription("https://erp.example.com/hooks", EventTypes.PaymentReceived);
        Webhooks.Subscriptions.Add(erp);
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();

        cut.Find("[data-testid=webhook-rotate]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".rz-dialog-confirm-message").TextContent.Should().Contain("The old one stops signing at once"));
        dialogs.FindAll(".rz-dialog-confirm-buttons button").Single(b => b.TextContent.Contains("Rotate", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=webhook-secret]").TextContent.Should().Be(FakeWebhooksClient.RotatedSecret));
        Webhooks.Rotated.Should().Equal(erp.Id);
    }

    [Fact]
    public void Ping_ReceiverRefusesTheSignature_ShowsItsAnswer()
    {
        var erp = FakeWebhooksClient.Subscription("https://erp.example.com/hooks", EventTypes.PaymentReceived);
        Webhooks.Subscriptions.Add(erp);
        Webhooks.PingAnswer = new WebhookAttemptDto(1, FakeEventsClient.Now, 401, "Signature mismatch", 12);
        var cut = Ctx.Render<WebhooksPage>();

        cut.Find("[data-testid=webhook-ping]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=webhook-ping-text]").TextContent.Should()
            .Be("Ping to https://erp.example.com/hooks: HTTP 401: Signature mismatch in 12 ms"));
        Webhooks.Pinged.Should().Equal(erp.Id);
    }

    [Fact]
    public void Retry_NoLongerFailed_SaysSoReadably()
    {
        Webhooks.Deliveries.Add(FakeWebhooksClient.Delivery(WebhookDeliveryStatus.FAILED, 8, 500, "Internal Server Error"));
        var cut = Ctx.Render<WebhooksPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=delivery-retry]"));
        Webhooks.Errors.Enqueue(Problem(409, EventErrorCodes.DeliveryNotFailed, "Delivery x is PENDING; only a FAILED delivery is retried."));

        cut.Find("[data-testid=delivery-retry]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should().Be(
            "Only a FAILED delivery is retried by hand, and this one is no longer failed (it was retried or delivered meanwhile). The log shows its current state."));
    }

    [Fact]
    public void Deactivate_Cancelled_LeavesTheEndpointActive()
    {
        var erp = FakeWebhooksClient.Subscription("https://erp.example.com/hooks", EventTypes.PaymentReceived);
        Webhooks.Subscriptions.Add(erp);
        var dialogs = DialogHost();
        var cut = Ctx.Render<WebhooksPage>();

        cut.Find("[data-testid=webhook-deactivate]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".rz-dialog-confirm-message").TextContent.Should().Contain("Its delivery log is kept"));
        dialogs.FindAll(".rz-dialog-confirm-buttons button").Single(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).Click();

        Webhooks.Deactivated.Should().BeEmpty();
        cut.Find("[data-testid=webhook-state]").TextContent.Should().Be("ACTIVE");
    }

    [Fact]
    public void Deliveries_FailedDelivery_ShowsItsLastAnswerAndRetriesIt()
    {
        Webhooks.Deliveries.Add(FakeWebhooksClient.Delivery(WebhookDeliveryStatus.FAILED, 8, 500, "Internal Server Error"));
        var cut = Ctx.Render<WebhooksPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=delivery-status]").TextContent.Should().Be("FAILED"));
        cut.Find("[data-testid=delivery-attempts-count]").TextContent.Should().Be("8");
        cut.Find("[data-testid=delivery-last]").TextContent.Should().Be("HTTP 500: Internal Server Error");

        cut.Find("[data-testid=delivery-retry]").Click();

        cut.WaitForAssertion(() => Webhooks.Retried.Should().Equal(FakeWebhooksClient.DeliveryId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=delivery-status]").TextContent.Should().Be("PENDING"));
        cut.FindAll("[data-testid=delivery-retry]").Should().BeEmpty();
    }

    [Fact]
    public void Attempts_EveryTry_ShowsItsAnswerAndDuration()
    {
        Webhooks.Attempts.Add(new WebhookAttemptDto(1, FakeEventsClient.Now.AddMinutes(-5), null, "Connection refused (127.0.0.1:9)", 3));
        Webhooks.Attempts.Add(new WebhookAttemptDto(2, FakeEventsClient.Now, 204, null, 41));

        var cut = Ctx.Render<WebhookAttempts>(p => p.Add(c => c.DeliveryId, FakeWebhooksClient.DeliveryId));

        cut.FindAll("[data-testid=attempt-answer]").Select(a => a.TextContent).Should().Equal("Connection refused (127.0.0.1:9)", "HTTP 204");
        cut.FindAll("[data-testid=delivery-attempt] td.bo-num").Select(a => a.TextContent).Should().Equal("3 ms", "41 ms");
    }
}
