using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>What the publisher writes back for each message of a batch, from the broker's per-message outcomes.</summary>
public sealed class OutboxPublisherSettleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>2 s after the first failure, doubling, at most 60 s; dead letter at the 5th failure.</summary>
    private static readonly OutboxOptions Options = new() { BaseBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(60), MaxAttempts = 5 };

    [Fact]
    public void Settle_AllAcknowledged_MarksEverySent()
    {
        var batch = new[] { Message("ACC-1"), Message("ACC-2"), Message("ACC-1") };

        var updates = OutboxPublisher.Settle(batch, batch.Select(Ok).ToList(), Now, Options);

        updates.Select(u => (u.Id, u.Status, u.Attempts, u.LastError)).Should().Equal(batch.Select(m => (m.Id, OutboxStatus.SENT, 0, (string?)null)));
    }

    [Fact]
    public void Settle_FailuresByAttempt_WaitTwoFourEightThenTheCapAndDeadLetterAtMaxAttempts()
    {
        // Attempts already made before this round: 0, 1, 2, 3 and 4 (of 5 allowed).
        var batch = Enumerable.Range(0, 5).Select(done => Message($"ACC-{done}", attempts: done)).ToList();

        var updates = OutboxPublisher.Settle(batch, batch.Select(m => Failed(m, "Local_MsgTimedOut: Local: Message timed out")).ToList(), Now, Options);

        // 2 s x 2^(attempts - 1): 2, 4, 8, 16; the 5th failure is the last allowed one.
        updates.Select(u => (u.Status, u.Attempts, u.NextAttemptAt - Now)).Should().Equal(
            (OutboxStatus.PENDING, 1, TimeSpan.FromSeconds(2)),
            (OutboxStatus.PENDING, 2, TimeSpan.FromSeconds(4)),
            (OutboxStatus.PENDING, 3, TimeSpan.FromSeconds(8)),
            (OutboxStatus.PENDING, 4, TimeSpan.FromSeconds(16)),
            (OutboxStatus.DEAD_LETTER, 5, TimeSpan.Zero));
        updates.Should().OnlyContain(u => u.LastError == "Local_MsgTimedOut: Local: Message timed out");
    }

    [Fact]
    public void Settle_ManyFailures_BackoffStopsAtMaxBackoff()
    {
        var options = new OutboxOptions { BaseBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(60), MaxAttempts = 50 };
        var message = Message("ACC-1", attempts: 9);

        var update = OutboxPublisher.Settle([message], [Failed(message, "down")], Now, options).Single();

        // 2 s x 2^9 = 1,024 s, capped at 60 s.
        (update.Status, update.Attempts, update.NextAttemptAt).Should().Be((OutboxStatus.PENDING, 10, Now.AddSeconds(60)));
    }

    [Fact]
    public void Settle_KeyFailedEarlierInTheBatch_LaterAcknowledgedMessagesOfThatKeyStayPendingBehindItWithoutSpendingAnAttempt()
    {
        var first = Message("ACC-1");
        var second = Message("ACC-1", attempts: 1);
        var other = Message("ACC-2");
        var third = Message("ACC-1");

        var updates = OutboxPublisher.Settle([first, other, second, third], [Failed(first, "NotEnoughReplicas"), Ok(other), Ok(second), Ok(third)], Now, Options);

        updates.Select(u => (u.Id, u.Status, u.Attempts, u.NextAttemptAt)).Should().Equal(
            (first.Id, OutboxStatus.PENDING, 1, Now.AddSeconds(2)),
            (other.Id, OutboxStatus.SENT, 0, other.NextAttemptAt),
            (second.Id, OutboxStatus.PENDING, 1, Now.AddSeconds(2)),
            (third.Id, OutboxStatus.PENDING, 0, Now.AddSeconds(2)));
        updates[2].LastError.Should().Be($"Held back: the earlier event {first.Id} of key ACC-1 failed in the same batch; sent again after it.");
    }

    [Fact]
    public void Settle_SameKeyOnAnotherStream_IsNotHeldBack()
    {
        var balance = Message("ACC-1", EventTypes.BalanceChanged);
        var update = Message("ACC-1", EventTypes.AccountUpdated);

        var updates = OutboxPublisher.Settle([balance, update], [Failed(balance, "down"), Ok(update)], Now, Options);

        updates.Select(u => u.Status).Should().Equal(OutboxStatus.PENDING, OutboxStatus.SENT);
    }

    [Fact]
    public void Settle_NoOutcomeReportedForAMessage_CountsAsAFailedAttempt()
    {
        var message = Message("ACC-1");

        var update = OutboxPublisher.Settle([message], [], Now, Options).Single();

        (update.Status, update.Attempts, update.LastError).Should().Be((OutboxStatus.PENDING, 1, "The transport reported no outcome for this message."));
    }

    [Fact]
    public void NextId_ManyInOneMillisecond_AlwaysGrowsAndStaysAVersion7Uuid()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Outbox.NextId()).ToList();

        ids.Should().BeInAscendingOrder(Comparer<Guid>.Default);
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000);
    }

    private static OutboxMessage Message(string key, string type = EventTypes.CreditLimitChanged, int attempts = 0)
    {
        var message = Outbox.Create(type, "test", key, new { key }, Now.AddMinutes(-1));
        typeof(OutboxMessage).GetProperty(nameof(OutboxMessage.Attempts))!.SetValue(message, attempts);
        return message;
    }

    private static PublishOutcome Ok(OutboxMessage message) => new(message.Id, null);

    private static PublishOutcome Failed(OutboxMessage message, string error) => new(message.Id, error);
}
