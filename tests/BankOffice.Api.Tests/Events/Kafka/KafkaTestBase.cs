using BankOffice.Api.Events;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>Outbox reads and waits shared by the publisher tests (each test on keys of its own).</summary>
public abstract class KafkaTestBase<TFactory>(TFactory factory) : ClockedTestBase<TFactory>(factory)
    where TFactory : ClockedApiFactory
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The outbox rows of these keys, in sequence order, read straight from the database.</summary>
    protected Task<List<OutboxMessage>> OutboxOfAsync(params string[] keys) =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.AggregateId)).OrderBy(m => m.Sequence).ToListAsync());

    /// <summary>Waits until the keys have outbox rows and none of them is PENDING any more.</summary>
    protected async Task<List<OutboxMessage>> WaitUntilPublishedAsync(params string[] keys)
    {
        List<OutboxMessage> messages = [];
        await WaitForAsync(async () => (messages = await OutboxOfAsync(keys)).Count > 0 && messages.All(m => m.Status != OutboxStatus.PENDING),
            () => $"outbox of {string.Join(", ", keys)}: " + string.Join("; ", messages.Select(m => $"{m.Sequence} {m.Status} x{m.Attempts} {m.LastError}")));
        return messages;
    }

    /// <summary>Records the events in one transaction, as a command would, and returns them in order.</summary>
    protected Task<List<OutboxMessage>> RecordAsync(IEnumerable<(string Type, string Key, object Data)> events) =>
        Factory.WithDbAsync(async db =>
        {
            var now = Clock.GetUtcNow();
            var messages = events.Select(e => Outbox.Create(e.Type, "test", e.Key, e.Data, now)).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages;
        });

    /// <summary>Polls (never a fixed sleep) until <paramref name="done"/>, failing with <paramref name="state"/> on a timeout.</summary>
    protected static async Task WaitForAsync(Func<Task<bool>> done, Func<string> state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not there within {(timeout ?? Timeout).TotalSeconds} s: {state()}");
            }

            await Task.Delay(50);
        }
    }
}
