using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Events;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Core.Collections;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>
/// Committed changes reach Kafka (a librdkafka mock cluster) as the catalogue documents them: the
/// right topic and key, the envelope and its headers, the data exactly as recorded, once each, in
/// order per key, also with two API instances sharing the outbox; rolled-back changes never do.
/// </summary>
public sealed class EventPublishingTests(KafkaApiFactory factory) : KafkaTestBase<KafkaApiFactory>(factory)
{
    private static readonly string[] EnvelopeFields = ["eventId", "type", "occurredAt", "aggregateId", "correlationId", "schemaVersion", "data"];

    [Fact]
    public async Task ChangeLimit_Committed_PublishesCreditLimitChangedOnceWithEnvelopeHeadersAndTheCallersCorrelationId()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);
        var correlationId = "limit-review-" + ApiFactory.Unique();

        // A decrease applies at once, whatever its size.
        using var response = await SendWithCorrelationAsync(Staff.CreditOfficer, HttpMethod.Put, CreditLimit(customerId), new { newLimit = 450_000m, reason = "Lower turnover" }, correlationId);

        var result = await response.ReadAsync<CreditLimitResponse>(HttpStatusCode.OK);
        var message = (await WaitUntilPublishedAsync(customerId)).Should().ContainSingle().Subject;
        (message.Type, message.Status, message.Attempts, message.LastError).Should().Be((EventTypes.CreditLimitChanged, OutboxStatus.SENT, 0, (string?)null));
        message.PublishedAt.Should().NotBeNull();
        var record = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId).Should().ContainSingle().Subject;
        ShouldBeTheEnvelopeOf(record, message, EventStreams.Receivables, customerId, correlationId);
        // Amounts at the money scale (4 places), fields in the catalogue's order.
        record.Data.GetRawText().Should().Be(
            $$"""{"customerId":"{{customerId}}","oldLimit":500000.0000,"newLimit":450000.0000,"currency":"TRY","approvalId":"{{result.ApprovalId}}"}""");
    }

    [Fact]
    public async Task Escalate_Committed_PublishesCollectionEscalatedKeyedByCustomerWithTheOverdueAmount()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 7_500.50m, daysAgo: 40);
        await InvoiceAsync(customerId, 1_000m); // not due: not part of the overdue amount
        var correlationId = "escalation-" + ApiFactory.Unique();

        using var response = await SendWithCorrelationAsync(Staff.Collector, HttpMethod.Post, $"/api/v1/collections/cases/{customerId}/escalate",
            new { escalationLevel = EscalationLevel.LEGAL, reason = "No answer to three letters" }, correlationId);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var message = (await WaitUntilPublishedAsync(customerId)).Should().ContainSingle().Subject;
        message.Type.Should().Be(EventTypes.CollectionEscalated);
        var record = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId).Should().ContainSingle().Subject;
        ShouldBeTheEnvelopeOf(record, message, EventStreams.Receivables, customerId, correlationId);
        record.Data.GetRawText().Should().Be(
            $$"""{"customerId":"{{customerId}}","escalationLevel":"LEGAL","overdueAmount":7500.5000,"currency":"TRY","reason":"No answer to three letters"}""");
    }

    [Fact]
    public async Task OpenAccountThenDeposit_Committed_PublishAccountCreatedBalanceChangedTransactionPostedAndAccountUpdatedOnTheirTopics()
    {
        var account = await LedgerApi.OpenAsync(Staff.Teller, await Factory.CreateCustomerAsync("Ayse Yilmaz"));
        var key = account.AccountNumber;
        var correlationId = "branch-till-" + ApiFactory.Unique();

        using var response = await SendWithCorrelationAsync(Staff.Teller, HttpMethod.Post, $"{LedgerApi.Transactions}/deposit", new { accountNumber = key, amount = 100m }, correlationId);

        var deposit = await response.ReadAsync<TransactionDto>(HttpStatusCode.Created);
        var messages = await WaitUntilPublishedAsync(key);
        messages.Select(m => m.Type).Should().Equal(EventTypes.AccountCreated, EventTypes.TransactionPosted, EventTypes.BalanceChanged, EventTypes.AccountUpdated);
        var accountEvents = Factory.Kafka.ReadKeys(EventStreams.AccountEvents, key);
        var transactionEvents = Factory.Kafka.ReadKeys(EventStreams.Transactions, key);
        var updates = Factory.Kafka.ReadKeys(EventStreams.AccountUpdates, key);
        accountEvents.Select(r => r.Type).Should().Equal(EventTypes.AccountCreated, EventTypes.BalanceChanged);
        transactionEvents.Select(r => r.Type).Should().Equal(EventTypes.TransactionPosted);
        updates.Select(r => r.Type).Should().Equal(EventTypes.AccountUpdated);

        var created = accountEvents[0];
        ShouldBeTheEnvelopeOf(created, messages[0], EventStreams.AccountEvents, key, messages[0].CorrelationId!);
        created.Data.GetRawText().Should().Be(
            $$"""{"eventType":"ACCOUNT_CREATED","accountNumber":"{{key}}","iban":"{{account.Iban}}","customerName":"Ayse Yilmaz","accountType":"CHECKING","currency":"TRY","initialBalance":0.0000,"timestamp":"{{Timestamp(created)}}"}""");
        ShouldBeTheEnvelopeOf(transactionEvents[0], messages[1], EventStreams.Transactions, key, correlationId);
        var posted = transactionEvents[0].Data;
        (posted.GetProperty("transactionId").GetGuid(), posted.GetProperty("kind").GetString(), posted.GetProperty("amount").GetDecimal(), posted.GetProperty("currency").GetString())
            .Should().Be((deposit.TransactionId, "DEPOSIT", 100m, "TRY"));
        posted.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("accountNumber").GetString(), l.GetProperty("ledgerAccount").GetString(), l.GetProperty("amount").GetDecimal()))
            .Should().BeEquivalentTo(new[] { (key, (string?)null, 100m), ((string?)null, "CASH-TRY", -100m) });
        // 0 + 100: a CREDIT of 100 to a balance of 100.
        ShouldBeTheEnvelopeOf(accountEvents[1], messages[2], EventStreams.AccountEvents, key, correlationId);
        accountEvents[1].Data.GetRawText().Should().Be(
            $$"""{"eventType":"BALANCE_CHANGED","accountNumber":"{{key}}","previousBalance":0.0000,"newBalance":100.0000,"amount":100.0000,"operation":"CREDIT","description":"{{deposit.Description}}","timestamp":"{{Timestamp(accountEvents[1])}}"}""");
        ShouldBeTheEnvelopeOf(updates[0], messages[3], EventStreams.AccountUpdates, key, correlationId);
        updates[0].Data.GetRawText().Should().Be($$$"""{"event":"ACCOUNT_UPDATED","accountId":"{{{key}}}","changes":{"balance":100.0000}}""");
    }

    [Fact]
    public async Task WithdrawalRefusedBetweenTwoDeposits_PublishesNothing_TheDepositsBalancesArriveInOrder()
    {
        var account = await LedgerApi.OpenAsync(Staff.Teller, await Factory.CreateCustomerAsync());
        await LedgerApi.DepositAsync(Staff.Teller, account.AccountNumber, 100m);

        using (var refused = await LedgerApi.MoveAsync(Staff.Teller, "withdrawal", account.AccountNumber, 500m))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "100 does not cover 500");
        }

        await LedgerApi.DepositAsync(Staff.Teller, account.AccountNumber, 50m);

        await WaitUntilPublishedAsync(account.AccountNumber);
        var balances = Factory.Kafka.ReadKeys(EventStreams.AccountEvents, account.AccountNumber).Where(r => r.Type == EventTypes.BalanceChanged).ToList();
        // 0 → 100 → 150: two CREDITs, no DEBIT of the refused 500.
        balances.Select(r => (r.Data.GetProperty("operation").GetString(), r.Data.GetProperty("previousBalance").GetDecimal(), r.Data.GetProperty("newBalance").GetDecimal()))
            .Should().Equal(("CREDIT", 0m, 100m), ("CREDIT", 100m, 150m));
        Factory.Kafka.ReadKeys(EventStreams.Transactions, account.AccountNumber).Select(r => r.Data.GetProperty("kind").GetString()).Should().Equal("DEPOSIT", "DEPOSIT");
    }

    [Fact]
    public async Task RecordPayment_Committed_PublishesPaymentReceivedKeyedByCustomer()
    {
        var customerId = await CustomerWithAccountAsync();
        await InvoiceAsync(customerId, 300m);
        var reference = "WIRE-" + ApiFactory.Unique();

        var payment = await RecordPaymentAsync(Staff.Teller, customerId, 500m, reference).CreatedAsync<PaymentDto>();

        var message = (await WaitUntilPublishedAsync(customerId)).Should().ContainSingle().Subject;
        var record = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId).Should().ContainSingle().Subject;
        record.Type.Should().Be(EventTypes.PaymentReceived);
        ShouldBeTheEnvelopeOf(record, message, EventStreams.Receivables, customerId, message.CorrelationId!);
        // 300 of the 500 settles the invoice; 200 stays unallocated.
        record.Data.GetRawText().Should().Be(
            $$"""{"paymentId":"{{payment.PaymentNumber}}","customerId":"{{customerId}}","amount":500.0000,"currency":"TRY","method":"BANK_TRANSFER","paymentDate":"{{Today:yyyy-MM-dd}}","reference":"{{reference}}","allocated":300.0000,"unallocated":200.0000,"transactionId":"{{payment.TransactionId}}"}""");
    }

    [Fact]
    public async Task RolledBackChanges_PublishNothing_TheNextCommittedChangeOfTheKeyGoesOutAlone()
    {
        var customerId = await CustomerWithAccountAsync(200_000m);
        await InvoiceAsync(customerId, 5_000m);

        // Refused by its rule (nothing is overdue) ...
        using var refused = await Staff.Collector.PostAsJsonAsync($"/api/v1/collections/cases/{customerId}/escalate",
            new { escalationLevel = EscalationLevel.MANAGER, reason = "Test" }, ApiFactory.Json);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // ... and a unit of work that recorded its event, saved, then rolled back.
        var rolledBack = await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var message = Outbox.Create(EventTypes.CollectionEscalated, "customer", customerId,
                new { customerId, escalationLevel = "MANAGER", overdueAmount = 5_000m, currency = "TRY", reason = "Rolled back" }, Clock.GetUtcNow());
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return message.Id;
        });
        var committed = await (await ChangeLimitAsync(Staff.CreditOfficer, customerId, 150_000m)).ReadAsync<CreditLimitResponse>(HttpStatusCode.OK);

        // Per key in order: once the later, committed event is out, nothing earlier can still be waiting.
        var message = (await WaitUntilPublishedAsync(customerId)).Should().ContainSingle().Subject;
        var record = Factory.Kafka.ReadKeys(EventStreams.Receivables, customerId).Should().ContainSingle().Subject;
        (record.EventId, record.Type).Should().Be((message.Id, EventTypes.CreditLimitChanged));
        record.Data.GetProperty("approvalId").GetString().Should().Be(committed.ApprovalId);
        (await Factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == rolledBack))).Should().BeFalse();
    }

    [Fact]
    public async Task ManyEventsOfInterleavedKeys_ArriveOnceEachInSequenceOrderPerKey()
    {
        var keys = Enumerable.Range(1, 3).Select(i => $"ORDER-{ApiFactory.Unique()}-{i}").ToArray();
        var counters = keys.ToDictionary(k => k, _ => 0);
        var recorded = new List<OutboxMessage>();

        // Five commits of 30 events, each going round the three keys: 50 events a key, 150 in all, the
        // publisher already sending the first commits while the later ones are made.
        for (var commit = 0; commit < 5; commit++)
        {
            var events = Enumerable.Range(0, 30).Select(i => keys[i % 3]).Select(key => (EventTypes.CreditLimitChanged, key, (object)new { customerId = key, n = ++counters[key] })).ToList();
            recorded.AddRange(await RecordAsync(events));
        }

        await WaitUntilPublishedAsync(keys);
        var records = Factory.Kafka.ReadKeys(EventStreams.Receivables, keys);
        records.Should().HaveCount(150);
        records.Select(r => r.EventId).Should().OnlyHaveUniqueItems();
        foreach (var key in keys)
        {
            var ofKey = records.Where(r => r.Key == key).ToList();
            ofKey.Select(r => r.Data.GetProperty("n").GetInt32()).Should().Equal(Enumerable.Range(1, 50));
            ofKey.Select(r => r.EventId).Should().Equal(recorded.Where(m => m.AggregateId == key).Select(m => m.Id));
        }
    }

    [Fact]
    public async Task KeyStuckInBackoffWithALongBacklog_DoesNotHoldBackOtherKeys()
    {
        var stuck = "STUCK-" + ApiFactory.Unique();
        var other = "OTHER-" + ApiFactory.Unique();

        // 1,200 events of one key, the first waiting an hour after a failure: more than the 1,000 oldest
        // pending messages the claim scans for heads. Then five events of another key, committed with them.
        var recorded = await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = Clock.GetUtcNow();
            var messages = Enumerable.Range(1, 1_200).Select(n => Outbox.Create(EventTypes.CreditLimitChanged, "test", stuck, new { customerId = stuck, n }, now))
                .Concat(Enumerable.Range(1, 5).Select(n => Outbox.Create(EventTypes.CreditLimitChanged, "test", other, new { customerId = other, n }, now)))
                .ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE outbox_messages SET attempts = 1, last_error = 'failed in a test', next_attempt_at = now() + interval '1 hour' WHERE id = {0}", messages[0].Id);
            await transaction.CommitAsync();
            return messages;
        });

        await WaitUntilPublishedAsync(other);
        Factory.Kafka.ReadKeys(EventStreams.Receivables, other).Select(r => r.Data.GetProperty("n").GetInt32()).Should().Equal(1, 2, 3, 4, 5);
        var waiting = await OutboxOfAsync(stuck);
        waiting.Should().HaveCount(1_200).And.OnlyContain(m => m.Status == OutboxStatus.PENDING, "nothing of a key goes out before its first message");
        waiting.Select(m => m.Id).Should().Equal(recorded.Take(1_200).Select(m => m.Id));
        Factory.Kafka.ReadKeys(EventStreams.Receivables, stuck).Should().BeEmpty();
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_ShareTheOutbox_EachEventPublishedByOneOfThemOnceInOrderPerKey()
    {
        await using var second = new SecondApiHost(Factory.ConnectionString, KafkaTestSettings.For(Factory.Kafka.BootstrapServers));
        _ = second.Server; // its publisher now polls the same outbox
        var keys = Enumerable.Range(1, 40).Select(i => $"SHARED-{ApiFactory.Unique()}-{i}").ToArray();

        // One commit of 400 events, going round 40 keys ten times. With batches of 20 (KafkaTestSettings)
        // each instance claims the first messages of up to 20 keys it can lock, so both get work.
        var recorded = await RecordAsync(Enumerable.Range(0, 400).Select(i => (EventTypes.CreditLimitChanged, keys[i % 40], (object)new { customerId = keys[i % 40], n = i / 40 + 1 })).ToList());

        await WaitUntilPublishedAsync(keys);
        var records = Factory.Kafka.ReadKeys(EventStreams.Receivables, keys);
        records.Select(r => r.EventId).Order().Should().Equal(recorded.Select(m => m.Id).Order(), "every event exactly once");
        foreach (var key in keys)
        {
            records.Where(r => r.Key == key).Select(r => r.Data.GetProperty("n").GetInt32()).Should().Equal(Enumerable.Range(1, 10));
        }

        var ids = recorded.Select(m => m.Id).ToHashSet();
        var byFirst = Factory.Transport.Acknowledged.Where(ids.Contains).ToList();
        var bySecond = second.Transport.Acknowledged.Where(ids.Contains).ToList();
        byFirst.Should().NotBeEmpty();
        bySecond.Should().NotBeEmpty();
        byFirst.Intersect(bySecond).Should().BeEmpty("a message is claimed under a row lock by one instance only");
        (byFirst.Count + bySecond.Count).Should().Be(400);
    }

    /// <summary>The data's own timestamp, checked to be the event's time in UTC (Z).</summary>
    private static string Timestamp(KafkaRecord record)
    {
        var timestamp = record.Data.GetProperty("timestamp").GetString()!;
        timestamp.Should().EndWith("Z");
        DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).Should().Be(record.Envelope.GetProperty("occurredAt").GetDateTimeOffset());
        return timestamp;
    }

    private static Task<HttpResponseMessage> SendWithCorrelationAsync(HttpClient client, HttpMethod method, string path, object body, string correlationId)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: ApiFactory.Json) };
        request.Headers.Add(Correlation.Header, correlationId);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    /// <summary>The envelope (fields in order) and the headers carry the outbox row's id, type, time, key, correlation id and schema version.</summary>
    private static void ShouldBeTheEnvelopeOf(KafkaRecord record, OutboxMessage message, string topic, string key, string correlationId)
    {
        (record.Topic, record.Key).Should().Be((topic, key));
        var envelope = record.Envelope;
        envelope.EnumerateObject().Select(p => p.Name).Should().Equal(EnvelopeFields);
        envelope.GetProperty("eventId").GetGuid().Should().Be(message.Id);
        envelope.GetProperty("type").GetString().Should().Be(message.Type);
        envelope.GetProperty("occurredAt").GetDateTimeOffset().Should().Be(message.OccurredAt);
        envelope.GetProperty("aggregateId").GetString().Should().Be(key);
        envelope.GetProperty("correlationId").GetString().Should().Be(correlationId);
        envelope.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        record.Data.GetRawText().Should().Be(message.Payload, "data is the recorded payload, byte for byte");
        record.Headers.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["eventId"] = message.Id.ToString(),
            ["type"] = message.Type,
            ["occurredAt"] = message.OccurredAt.ToUniversalTime().ToString("O"),
            ["aggregateId"] = key,
            ["correlationId"] = correlationId,
            ["schemaVersion"] = "1",
            ["content-type"] = "application/json",
        });
        DateTimeOffset.Parse(record.Headers["occurredAt"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(message.OccurredAt);
    }
}
