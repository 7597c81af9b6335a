using BankOffice.Api.Tests.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Events;

/// <summary>
/// Outbox rows written as the services write them (<c>Outbox.Record</c> + SaveChanges), and moved to the
/// states the publisher would leave them in with SQL: no Kafka is configured in the test hosts, so
/// nothing leaves PENDING by itself.
/// </summary>
public static class OutboxAdminApi
{
    public const string Outbox = "/api/v1/admin/outbox";
    public const string Messages = Outbox + "/messages";
    public const string Replay = Outbox + "/replay";
    public const string Catalogue = "/api/v1/events/catalogue";

    /// <summary>Now in whole seconds: a value that round-trips through PostgreSQL unchanged.</summary>
    public static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static async Task<OutboxMessage> RecordAsync(this ApiFactory factory, string type, string aggregateId, DateTimeOffset occurredAt)
    {
        var aggregateType = EventCatalogue.Get(type).Stream switch
        {
            EventStreams.Receivables => "customer",
            EventStreams.Periods => "period",
            _ => "account",
        };
        return await factory.WithDbAsync(async db =>
        {
            global::BankOffice.Api.Events.Outbox.Record(db, type, aggregateType, aggregateId, new { aggregateId, note = "recorded by a test" }, occurredAt);
            var message = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
            await db.SaveChangesAsync();
            return message;
        });
    }

    /// <summary>What the publisher does after tries that all failed.</summary>
    public static Task DeadLetterAsync(this ApiFactory factory, Guid eventId, string error, int attempts = 10) =>
        factory.ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE outbox_messages SET status = 'DEAD_LETTER', attempts = {attempts}, last_error = {error} WHERE id = {eventId}"));

    /// <summary>What the publisher does once Kafka acknowledged the message.</summary>
    public static Task MarkSentAsync(this ApiFactory factory, Guid eventId, DateTimeOffset publishedAt) =>
        factory.ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE outbox_messages SET status = 'SENT', published_at = {publishedAt} WHERE id = {eventId}"));

    public static Task<OutboxMessage> StoredAsync(this ApiFactory factory, Guid eventId) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == eventId));

    public static Task<PagedResult<OutboxMessageDto>> ListAsync(this HttpClient admin, string query) =>
        admin.GetOkAsync<PagedResult<OutboxMessageDto>>($"{Messages}?{query}");

    public static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.ToString("O"));

    private static async Task ExecuteAsync(this ApiFactory factory, Func<BankOfficeDbContext, Task<int>> work) =>
        (await factory.WithDbAsync(work)).Should().Be(1, "the test moves exactly the message it recorded");
}

/// <summary>A test class of the outbox admin API: the factory and a signed-in admin.</summary>
public abstract class OutboxAdminTestBase(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;

    protected HttpClient Admin { get; private set; } = default!;

    public async Task InitializeAsync() => Admin = await Factory.ClientForRoleAsync(Roles.Admin);

    public Task DisposeAsync()
    {
        Admin.Dispose();
        return Task.CompletedTask;
    }
}
