using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankOffice.Core.Accounts;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Ledger.LedgerApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Events;

/// <summary>
/// Every committed change records exactly the catalogue's events in its own transaction, with the
/// seeds' field names and order; a change that fails or replays records none. (Publishing them is
/// tested against Kafka in Events/Kafka.)
/// </summary>
public sealed class EventRecordingTests(ApiFactory factory) : Receivables.ReceivablesTestBase(factory)
{
    [Fact]
    public async Task OpenAccount_Committed_RecordsAccountCreatedAsSeed004ShapesIt()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync("Ayşe Yılmaz"));

        var events = await EventsOfAsync(account.AccountNumber);

        var created = events.Should().ContainSingle().Which;
        created.Type.Should().Be(EventTypes.AccountCreated);
        created.Stream.Should().Be(EventStreams.AccountEvents);
        created.AggregateType.Should().Be("account");
        created.SchemaVersion.Should().Be(1);
        created.Status.Should().Be(OutboxStatus.PENDING, "no Kafka is configured in this host");
        created.Payload.Should().Contain("\"customerName\":\"Ayşe Yılmaz\"", "names are stored readable, not \\u-escaped");
        ShouldMatch(created, $$"""
            {"eventType":"ACCOUNT_CREATED","accountNumber":"{{account.AccountNumber}}","iban":"{{account.Iban}}","customerName":"Ayşe Yılmaz",
             "accountType":"CHECKING","currency":"TRY","initialBalance":0.0000}
            """);
    }

    [Fact]
    public async Task Deposit_Committed_RecordsTransactionThenBalanceChangedThenAccountUpdated()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync());
        var first = await DepositAsync(Teller, account.AccountNumber, 1_000m);

        var deposit = await MoveAsync(Teller, "deposit", account.AccountNumber, 100m).CreatedAsync();

        var events = (await EventsOfAsync(account.AccountNumber)).Where(e => e.OccurredAt >= deposit.PostedAt.AddTicks(-10)).ToList();
        events.Select(e => e.Type).Should().Equal(EventTypes.TransactionPosted, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        events.Select(e => e.Stream).Should().Equal(EventStreams.Transactions, EventStreams.AccountEvents, EventStreams.AccountUpdates);
        events.Should().OnlyContain(e => e.AggregateId == account.AccountNumber);
        first.TransactionId.Should().NotBe(deposit.TransactionId);

        // 1,000 already there; +100 → 1,100, a CREDIT of 100.
        ShouldMatch(events[1], $$"""
            {"eventType":"BALANCE_CHANGED","accountNumber":"{{account.AccountNumber}}","previousBalance":1000.0000,"newBalance":1100.0000,
             "amount":100.0000,"operation":"CREDIT","description":"{{deposit.Description}}"}
            """);
        ShouldMatch(events[2], $$"""{"event":"ACCOUNT_UPDATED","accountId":"{{account.AccountNumber}}","changes":{"balance":1100.0000} }""", timestamped: false);
        var transaction = JsonNode.Parse(events[0].Payload)!;
        transaction["eventType"]!.GetValue<string>().Should().Be(EventTypes.TransactionPosted);
        transaction["transactionId"]!.GetValue<Guid>().Should().Be(deposit.TransactionId);
        transaction["kind"]!.GetValue<string>().Should().Be("DEPOSIT");
        transaction["amount"]!.GetValue<decimal>().Should().Be(100m);
        transaction["currency"]!.GetValue<string>().Should().Be("TRY");
        transaction["reversalOf"].Should().BeNull();
        transaction["lines"]!.AsArray().Select(l => (l!["accountNumber"]?.GetValue<string>(), l["ledgerAccount"]?.GetValue<string>(), l["amount"]!.GetValue<decimal>()))
            .Should().BeEquivalentTo(new[] { (account.AccountNumber, (string?)null, 100m), ((string?)null, "CASH-TRY", -100m) });
    }

    [Fact]
    public async Task Transfer_Committed_RecordsOneTransactionKeyedByTheSourceAndBalanceEventsForBothAccounts()
    {
        var customerId = await Factory.CreateCustomerAsync();
        var from = await OpenAsync(Teller, customerId);
        var to = await OpenAsync(Teller, customerId);
        await DepositAsync(Teller, from.AccountNumber, 500m);
        var before = await MaxSequenceAsync();

        var transfer = await TransferAsync(Teller, from.AccountNumber, to.AccountNumber, 200m).CreatedAsync();

        var events = await EventsAfterAsync(before);
        events.Select(e => (e.Type, e.AggregateId)).Should().Equal(
            (EventTypes.TransactionPosted, from.AccountNumber),
            (EventTypes.BalanceChanged, from.AccountNumber), (EventTypes.AccountUpdated, from.AccountNumber),
            (EventTypes.BalanceChanged, to.AccountNumber), (EventTypes.AccountUpdated, to.AccountNumber));
        JsonNode.Parse(events[0].Payload)!["transactionId"]!.GetValue<Guid>().Should().Be(transfer.TransactionId);

        // 500 − 200 = 300 on the source (DEBIT), 0 + 200 on the target (CREDIT).
        var debit = JsonNode.Parse(events[1].Payload)!;
        (debit["operation"]!.GetValue<string>(), debit["previousBalance"]!.GetValue<decimal>(), debit["newBalance"]!.GetValue<decimal>(), debit["amount"]!.GetValue<decimal>())
            .Should().Be(("DEBIT", 500m, 300m, 200m));
        var credit = JsonNode.Parse(events[3].Payload)!;
        (credit["operation"]!.GetValue<string>(), credit["previousBalance"]!.GetValue<decimal>(), credit["newBalance"]!.GetValue<decimal>(), credit["amount"]!.GetValue<decimal>())
            .Should().Be(("CREDIT", 0m, 200m, 200m));
    }

    [Fact]
    public async Task Withdrawal_RefusedForInsufficientFunds_RecordsNothing()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync());
        await DepositAsync(Teller, account.AccountNumber, 50m);
        var before = await MaxSequenceAsync();

        using var refused = await MoveAsync(Teller, "withdrawal", account.AccountNumber, 80m);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EventsAfterAsync(before)).Should().NotContain(e => e.AggregateId == account.AccountNumber);
    }

    [Fact]
    public async Task Deposit_ReplayedWithTheSameKey_RecordsTheEventsOnce()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync());
        var key = Guid.NewGuid().ToString();
        var before = await MaxSequenceAsync();

        var original = await MoveAsync(Teller, "deposit", account.AccountNumber, 10m, key).CreatedAsync();
        using var replay = await MoveAsync(Teller, "deposit", account.AccountNumber, 10m, key);

        replay.IsSuccessStatusCode.Should().BeTrue();
        (await EventsAfterAsync(before)).Where(e => e.AggregateId == account.AccountNumber).Select(e => e.Type)
            .Should().Equal(EventTypes.TransactionPosted, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        original.TransactionId.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Reverse_Committed_RecordsTransactionReversedPointingAtTheOriginal()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync());
        var deposit = await DepositAsync(Teller, account.AccountNumber, 40m);
        var before = await MaxSequenceAsync();

        var reversal = await ReverseAsync(Manager, deposit.TransactionId).CreatedAsync();

        var events = await EventsAfterAsync(before);
        events.Select(e => e.Type).Should().Equal(EventTypes.TransactionReversed, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        var data = JsonNode.Parse(events[0].Payload)!;
        data["transactionId"]!.GetValue<Guid>().Should().Be(reversal.TransactionId);
        data["reversalOf"]!.GetValue<Guid>().Should().Be(deposit.TransactionId);
        JsonNode.Parse(events[1].Payload)!["operation"]!.GetValue<string>().Should().Be("DEBIT", "the reversal takes the 40 back out");
    }

    [Fact]
    public async Task Suspend_Committed_RecordsStatusChangedAndAccountUpdated_ANoOpEditRecordsNothing()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync("Can Demir"));
        using (var suspended = await Teller.PostAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Suspicious activity detected" }))
        {
            suspended.EnsureSuccessStatusCode();
        }

        using (var unchanged = await Teller.PutAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}", new UpdateAccountRequest { CustomerName = "Can Demir", AccountType = AccountType.CHECKING }, ApiFactory.Json))
        {
            unchanged.EnsureSuccessStatusCode();
        }

        var events = (await EventsOfAsync(account.AccountNumber)).Skip(1).ToList();
        events.Select(e => e.Type).Should().Equal(EventTypes.StatusChanged, EventTypes.AccountUpdated);
        ShouldMatch(events[0], $$"""
            {"eventType":"STATUS_CHANGED","accountNumber":"{{account.AccountNumber}}","previousStatus":"ACTIVE","newStatus":"SUSPENDED","reason":"Suspicious activity detected"}
            """);
        ShouldMatch(events[1], $$"""
            {"event":"ACCOUNT_UPDATED","accountId":"{{account.AccountNumber}}","changes":{"status":"SUSPENDED","statusReason":"Suspicious activity detected"} }
            """, timestamped: false);
    }

    [Fact]
    public async Task Rename_Committed_RecordsAccountUpdatedWithOnlyTheChangedFields()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync("Old Name"));

        using var renamed = await Teller.PutAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}", new UpdateAccountRequest { CustomerName = "New Name", AccountType = AccountType.CHECKING }, ApiFactory.Json);
        using var again = await Teller.PutAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}", new UpdateAccountRequest { CustomerName = "New Name", AccountType = AccountType.CHECKING }, ApiFactory.Json);

        renamed.EnsureSuccessStatusCode();
        again.EnsureSuccessStatusCode();
        var events = (await EventsOfAsync(account.AccountNumber)).Skip(1).ToList();
        ShouldMatch(events.Should().ContainSingle("the second edit changed nothing").Which,
            $$"""{"event":"ACCOUNT_UPDATED","accountId":"{{account.AccountNumber}}","changes":{"customerName":"New Name"} }""", timestamped: false);
    }

    [Fact]
    public async Task RecordPayment_Committed_RecordsPaymentReceivedKeyedByCustomer()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 300m);
        var before = await MaxSequenceAsync();

        var payment = await RecordPaymentAsync(Teller, customerId, 500m, "WIRE-EV-1").CreatedAsync<PaymentDto>();

        var events = await EventsAfterAsync(before);
        var received = events.Should().ContainSingle(e => e.Type == EventTypes.PaymentReceived).Which;
        received.Stream.Should().Be(EventStreams.Receivables);
        received.AggregateType.Should().Be("customer");
        received.AggregateId.Should().Be(customerId);

        // 300 of the 500 settles the invoice (NET30, no discount); 200 stays unallocated.
        ShouldMatch(received, $$"""
            {"paymentId":"{{payment.PaymentNumber}}","customerId":"{{customerId}}","amount":500.0000,"currency":"TRY","method":"BANK_TRANSFER",
             "paymentDate":"{{Today:yyyy-MM-dd}}","reference":"WIRE-EV-1","allocated":300.0000,"unallocated":200.0000,"transactionId":"{{payment.TransactionId}}"}
            """, timestamped: false);
    }

    [Fact]
    public async Task Deposit_WithCorrelationIdHeader_RecordsItOnEveryEvent()
    {
        var account = await OpenAsync(Teller, await Factory.CreateCustomerAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Transactions}/deposit")
        {
            Content = JsonContent.Create(new { accountNumber = account.AccountNumber, amount = 5m }, options: ApiFactory.Json),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Add("X-Correlation-Id", "checkout-4711");

        using var response = await Teller.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Correlation-Id").Should().Equal("checkout-4711");
        (await EventsOfAsync(account.AccountNumber)).Skip(1).Select(e => e.CorrelationId).Should().Equal("checkout-4711", "checkout-4711", "checkout-4711");
    }

    /// <summary>The payload equals <paramref name="expected"/> field by field and in the same order, plus the event's time as a UTC timestamp.</summary>
    private static void ShouldMatch(OutboxMessage message, string expected, bool timestamped = true)
    {
        var actual = JsonNode.Parse(message.Payload)!.AsObject();
        var wanted = JsonNode.Parse(expected)!.AsObject();
        if (timestamped)
        {
            var timestamp = actual["timestamp"]!.GetValue<string>();
            timestamp.Should().EndWith("Z");
            DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(message.OccurredAt, TimeSpan.FromMilliseconds(1));
            wanted["timestamp"] = timestamp;
        }

        actual.Select(p => p.Key).Should().Equal(wanted.Select(p => p.Key), "the fields keep the documented order");
        JsonNode.DeepEquals(actual, wanted).Should().BeTrue($"{actual.ToJsonString()} should equal {wanted.ToJsonString()}");
    }

    private Task<List<OutboxMessage>> EventsOfAsync(string aggregateId) =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == aggregateId).OrderBy(m => m.Sequence).ToListAsync());

    private Task<List<OutboxMessage>> EventsAfterAsync(long sequence) =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Sequence > sequence).OrderBy(m => m.Sequence).ToListAsync());

    private Task<long> MaxSequenceAsync() =>
        Factory.WithDbAsync(async db => await db.OutboxMessages.MaxAsync(m => (long?)m.Sequence) ?? 0L);
}
