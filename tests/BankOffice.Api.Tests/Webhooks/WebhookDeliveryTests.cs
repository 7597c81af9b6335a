using System.Net;
using System.Text.Json;
using BankOffice.Api.Events;
using BankOffice.Api.Webhooks;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using BankOffice.Api.Tests.Ledger;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Webhooks;

/// <summary>
/// The dispatcher against a real receiver: each committed event reaches each subscription that wants
/// it once, signed, with the catalogue's body; failures are retried with backoff, logged, and end
/// FAILED until an admin retries; per subscription and key the events arrive in order.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory factory) : WebhookTestBase(factory)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Dispatch_CommittedCreditLimitChange_DeliveredOnceSignedWithTheEventAsBody()
    {
        var subscription = await SubscribeAsync(EventTypes.CreditLimitChanged);
        var officerEmail = await Factory.CreateUserAsync(Roles.CreditOfficer);
        using var officer = await Factory.ClientForAsync(officerEmail);
        var customerId = await Factory.CreateCustomerAsync();
        (await OpenAccountAsync(officer, customerId, 100_000m, "NET30")).StatusCode.Should().Be(HttpStatusCode.Created);

        // An increase of 50,000 is under the 100,000 second-approval threshold: applied at once.
        using (var change = await ChangeLimitAsync(officer, customerId, 150_000m, DateOnly.FromDateTime(DateTime.UtcNow), approvedBy: officerEmail))
        {
            change.StatusCode.Should().Be(HttpStatusCode.OK, await change.Content.ReadAsStringAsync());
        }

        var request = (await Receiver.WaitForAsync(1)).Single();
        var message = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == EventTypes.CreditLimitChanged && m.AggregateId == customerId));
        request.Body.Should().Be(EventMessages.WebhookBody(message));
        var body = JsonDocument.Parse(request.Body).RootElement;
        (body.GetProperty("id").GetGuid(), body.GetProperty("event").GetString()).Should().Be((message.Id, "credit.limit.changed"));
        var data = body.GetProperty("data");
        (data.GetProperty("customerId").GetString(), data.GetProperty("oldLimit").GetDecimal(), data.GetProperty("newLimit").GetDecimal())
            .Should().Be((customerId, 100_000m, 150_000m));

        var signature = request.Header(WebhookSignature.Header);
        signature.Should().MatchRegex(@"^t=\d+,v1=[0-9a-f]{64}$");
        WebhookSignature.Verify(subscription.Secret!, signature, request.Body, DateTimeOffset.UtcNow, Tolerance).Should().BeTrue();
        WebhookSignature.Verify(WebhookSignature.NewSecret(), signature, request.Body, DateTimeOffset.UtcNow, Tolerance).Should().BeFalse("another secret");
        WebhookSignature.Verify(subscription.Secret!, signature, request.Body.Replace("150000", "950000", StringComparison.Ordinal), DateTimeOffset.UtcNow, Tolerance)
            .Should().BeFalse("a tampered body");

        var delivery = (await EventuallyAsync(() => DeliveriesOfAsync(subscription.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.DELIVERED, "the delivery to be DELIVERED")).Single();
        request.Header(WebhookSignature.EventIdHeader).Should().Be(message.Id.ToString());
        request.Header(WebhookSignature.EventTypeHeader).Should().Be(EventTypes.CreditLimitChanged);
        request.Header(WebhookSignature.DeliveryIdHeader).Should().Be(delivery.Id.ToString());
        request.Header("Content-Type").Should().Be("application/json");
        request.Header("User-Agent").Should().Be("BankOffice-Webhooks/1");
        (delivery.MessageId, delivery.Attempts, delivery.LastStatusCode, delivery.LastError).Should().Be((message.Id, 1, (int?)200, (string?)null));
        delivery.DeliveredAt.Should().NotBeNull();

        await SettleAsync();
        Receiver.Received.Should().HaveCount(1, "an event is delivered once");
        var attempt = (await Admin.GetOkAsync<IReadOnlyList<WebhookAttemptDto>>($"{Deliveries}/{delivery.Id}/attempts")).Should().ContainSingle().Subject;
        (attempt.Attempt, attempt.StatusCode, attempt.Error).Should().Be((1, (int?)200, (string?)null));
        var listed = await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{subscription.Id}");
        (listed.Delivered, listed.Pending, listed.Failed).Should().Be((1L, 0L, 0L));
    }

    [Fact]
    public async Task Dispatch_Deposit_TransactionThenBalanceThenAccountEventArriveInThatOrder()
    {
        await SubscribeAsync(EventTypes.TransactionPosted, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var account = await LedgerApi.OpenAsync(teller, await Factory.CreateCustomerAsync());

        await LedgerApi.DepositAsync(teller, account.AccountNumber, 100m);

        await Receiver.WaitForAsync(3);
        await SettleAsync();
        var messages = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.AggregateId == account.AccountNumber && m.Type != EventTypes.AccountCreated).OrderBy(m => m.Sequence).ToListAsync());
        messages.Select(m => m.Type).Should().Equal(EventTypes.TransactionPosted, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        Receiver.Received.Select(r => r.Body).Should().Equal(messages.Select(EventMessages.WebhookBody), "ACCOUNT_CREATED is not subscribed; the rest arrive once each, in order");

        // An empty account credited 100: balance 0 → 100.
        var balance = JsonDocument.Parse(Receiver.Received[1].Body).RootElement.GetProperty("data");
        (balance.GetProperty("previousBalance").GetDecimal(), balance.GetProperty("newBalance").GetDecimal(), balance.GetProperty("operation").GetString())
            .Should().Be((0m, 100m, "CREDIT"));
    }

    [Fact]
    public async Task Dispatch_ReceiverFailsTwice_ThreeAttemptsLoggedWithBackoffThenDelivered()
    {
        var subscription = await SubscribeAsync(EventTypes.PaymentReceived);
        Receiver.FailNext(2, 503);

        var message = await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 250m));

        var delivery = (await EventuallyAsync(() => DeliveriesOfAsync(subscription.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.DELIVERED, "the third try")).Single();
        delivery.Attempts.Should().Be(3);
        var attempts = await Admin.GetOkAsync<IReadOnlyList<WebhookAttemptDto>>($"{Deliveries}/{delivery.Id}/attempts");
        attempts.Select(a => (a.Attempt, a.StatusCode)).Should().Equal((1, 503), (2, 503), (3, 200));
        attempts[0].Error.Should().StartWith("HTTP 503").And.Contain("receiver says no");
        attempts[2].Error.Should().BeNull();

        // Backoff: 300 ms after the first failure, doubled (600 ms) after the second.
        (attempts[1].AttemptedAt - attempts[0].AttemptedAt).Should().BeGreaterThanOrEqualTo(WebhookApiFactory.BaseBackoff);
        (attempts[2].AttemptedAt - attempts[1].AttemptedAt).Should().BeGreaterThanOrEqualTo(2 * WebhookApiFactory.BaseBackoff);

        // Every try carried the same event and body, each signed afresh.
        Receiver.Received.Select(r => r.AnsweredStatus).Should().Equal(503, 503, 200);
        Receiver.Received.Should().OnlyContain(r => r.Body == EventMessages.WebhookBody(message) && r.Header(WebhookSignature.EventIdHeader) == message.Id.ToString()
            && WebhookSignature.Verify(subscription.Secret!, r.Header(WebhookSignature.Header), r.Body, DateTimeOffset.UtcNow, Tolerance));
    }

    [Fact]
    public async Task Dispatch_ReceiverFailsEveryTry_FailedAfterMaxAttemptsThenRetryDelivers()
    {
        var subscription = await SubscribeAsync(EventTypes.PaymentReceived);
        Receiver.FailNext(WebhookApiFactory.MaxAttempts, 500);

        var message = await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 75.5m));

        var failed = (await EventuallyAsync(() => DeliveriesOfAsync(subscription.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.FAILED, "FAILED")).Single();
        (failed.Attempts, failed.LastStatusCode).Should().Be((3, (int?)500));
        failed.LastError.Should().StartWith("HTTP 500");
        await SettleAsync();
        Receiver.Received.Should().HaveCount(3, "a FAILED delivery is not tried again by itself");
        var page = await Admin.GetOkAsync<PagedResult<WebhookDeliveryDto>>($"{Deliveries}?subscriptionId={subscription.Id}&status=FAILED");
        page.Data.Should().ContainSingle().Which.Should().Match<WebhookDeliveryDto>(d => d.Id == failed.Id && d.EventId == message.Id && d.Url == Receiver.Url() && d.Attempts == 3);
        (await Admin.GetOkAsync<WebhookSubscriptionDto>($"{Webhooks}/{subscription.Id}")).Failed.Should().Be(1);

        using var retry = await Admin.PostAsync($"{Deliveries}/{failed.Id}/retry", null);

        var retried = await retry.ReadAsync<WebhookDeliveryDto>(HttpStatusCode.Accepted);
        (retried.Status, retried.Attempts).Should().Be((WebhookDeliveryStatus.PENDING, 0));
        var delivered = (await EventuallyAsync(() => DeliveriesOfAsync(subscription.Id), d => d[0].Status == WebhookDeliveryStatus.DELIVERED, "the retried delivery")).Single();
        delivered.Attempts.Should().Be(1, "the retry starts the count again");
        var attempts = await Admin.GetOkAsync<IReadOnlyList<WebhookAttemptDto>>($"{Deliveries}/{failed.Id}/attempts");
        attempts.Select(a => (a.Attempt, a.StatusCode)).Should().Equal((1, 500), (2, 500), (3, 500), (4, 200));

        using var again = await Admin.PostAsync($"{Deliveries}/{failed.Id}/retry", null);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, EventErrorCodes.DeliveryNotFailed);
    }

    [Fact]
    public async Task Dispatch_SubscriptionForOtherTypes_GetsNothing()
    {
        var payments = await SubscribeAsync(EventTypes.PaymentReceived);
        await using var otherReceiver = await WebhookReceiver.StartAsync();
        var escalations = await SubscribeAsync(otherReceiver.Url(), [EventTypes.CollectionEscalated, EventTypes.CreditLimitChanged]);

        await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 10m));

        await Receiver.WaitForAsync(1);
        await SettleAsync();
        otherReceiver.Received.Should().BeEmpty();
        (await DeliveriesOfAsync(escalations.Id)).Should().BeEmpty();
        (await DeliveriesOfAsync(payments.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Dispatch_EventThatOccurredBeforeTheSubscription_NotDeliveredToIt()
    {
        var subscription = await SubscribeAsync(EventTypes.PaymentReceived);

        // Still waiting for the dispatcher when the subscription appears, but it happened a second before.
        var older = await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 1m), subscription.CreatedAt.AddSeconds(-1));
        var newer = await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 2m));

        (await Receiver.WaitForAsync(1)).Single().Header(WebhookSignature.EventIdHeader).Should().Be(newer.Id.ToString());
        await EventuallyAsync(() => Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == older.Id)), m => m.WebhooksDispatchedAt != null, "the older event to be dispatched");
        await SettleAsync();
        Receiver.Received.Should().HaveCount(1);
        (await DeliveriesOfAsync(subscription.Id)).Select(d => d.MessageId).Should().Equal(newer.Id);
    }

    [Fact]
    public async Task Dispatch_RolledBackTransaction_DeliversNothing()
    {
        var subscription = await SubscribeAsync(EventTypes.PaymentReceived);
        var rolledBackKey = "CUST-" + ApiFactory.Unique();
        await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Outbox.Record(db, EventTypes.PaymentReceived, "customer", rolledBackKey, Payment(rolledBackKey, 5m), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        var committed = await RecordAsync(EventTypes.PaymentReceived, "CUST-" + ApiFactory.Unique(), Payment("c", 6m));

        (await Receiver.WaitForAsync(1)).Single().Header(WebhookSignature.EventIdHeader).Should().Be(committed.Id.ToString());
        await SettleAsync();
        Receiver.Received.Should().HaveCount(1);
        (await DeliveriesOfAsync(subscription.Id)).Select(d => d.MessageId).Should().Equal(committed.Id);
    }

    [Fact]
    public async Task Dispatch_FirstEventOfAKeyFails_LaterEventsOfThatKeyWaitAndArriveInOrder()
    {
        await SubscribeAsync(EventTypes.PaymentReceived, EventTypes.CreditLimitChanged);
        var key = "CUST-" + ApiFactory.Unique();
        Receiver.FailNext(1, 502);

        var messages = await RecordManyAsync(
        [
            (EventTypes.PaymentReceived, key, Payment(key, 1m)),
            (EventTypes.CreditLimitChanged, key, new { customerId = key, oldLimit = 100m, newLimit = 200m, currency = "TRY", approvalId = "APR-2026-0001" }),
            (EventTypes.PaymentReceived, key, Payment(key, 3m)),
        ]);

        await Receiver.WaitForAsync(4);
        await SettleAsync();

        // The first try of event 1 is refused; events 2 and 3 wait behind it through its backoff.
        Receiver.Received.Select(r => (Guid.Parse(r.Header(WebhookSignature.EventIdHeader)), r.AnsweredStatus))
            .Should().Equal((messages[0].Id, 502), (messages[0].Id, 200), (messages[1].Id, 200), (messages[2].Id, 200));
    }

    [Fact]
    public async Task Dispatch_TwoApiHostsOnOneDatabase_EachEventDeliveredExactlyOnceInOrderPerKey()
    {
        await using var second = Factory.WithWebHostBuilder(_ => { });
        _ = second.Server; // its dispatcher starts with it
        await SubscribeAsync(EventTypes.PaymentReceived, EventTypes.CollectionEscalated);

        // Four customers, ten events each, interleaved in three transactions: 40 events over both dispatchers in batches of 10.
        var keys = Enumerable.Range(0, 4).Select(_ => "CUST-" + ApiFactory.Unique()).ToList();
        var events = Enumerable.Range(0, 40)
            .Select(i => (Type: i % 3 == 0 ? EventTypes.CollectionEscalated : EventTypes.PaymentReceived, Key: keys[i % 4], Data: (object)Payment(keys[i % 4], i + 1)))
            .ToList();
        var messages = new List<OutboxMessage>();
        foreach (var chunk in events.Chunk(14))
        {
            messages.AddRange(await RecordManyAsync(chunk));
        }

        await Receiver.WaitForAsync(40);
        await SettleAsync();

        var received = Receiver.Received.Select(r => Guid.Parse(r.Header(WebhookSignature.EventIdHeader))).ToList();
        received.Should().HaveCount(40).And.OnlyHaveUniqueItems().And.BeEquivalentTo(messages.Select(m => m.Id));
        foreach (var key in keys)
        {
            var inOrder = messages.Where(m => m.AggregateId == key).OrderBy(m => m.Sequence).Select(m => m.Id).ToList();
            received.Where(inOrder.Contains).Should().Equal(inOrder, $"events of {key} arrive in the order they were recorded");
        }
    }
}
