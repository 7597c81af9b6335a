using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Collections;

/// <summary>
/// Credit and collections test classes: one API host and database per class with a movable clock,
/// staff signed in once per class, and each test on customers of its own. Dates are relative to the
/// test clock, which earlier tests of the class may have moved.
/// </summary>
public abstract class ClockedTestBase(ClockedApiFactory factory) : ClockedTestBase<ClockedApiFactory>(factory);

/// <summary>
/// <see cref="ClockedTestBase"/> over a subclass of <see cref="ClockedApiFactory"/> with settings of
/// its own (xUnit makes the class fixture of exactly this type).
/// </summary>
public abstract class ClockedTestBase<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : ClockedApiFactory
{
    public const string Queue = "/api/v1/collections/queue";
    public const string Activities = "/api/v1/collections/activities";
    public const string PaymentPlans = "/api/v1/payment-plans";

    private HttpClient? _customer;

    protected TFactory Factory { get; } = factory;

    protected Staff Staff { get; private set; } = default!;

    protected TestClock Clock => Factory.Clock;

    protected DateOnly Today => Clock.Today;

    public virtual async Task InitializeAsync() => Staff = await Factory.StaffAsync();

    public Task DisposeAsync()
    {
        _customer?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A new customer with a credit account and a login of their own (one such login a test, disposed with it).</summary>
    protected async Task<(string CustomerId, HttpClient Client)> CustomerWithLoginAsync(decimal creditLimit = 100_000m)
    {
        var customerId = await CustomerWithAccountAsync(creditLimit);
        _customer = await Factory.ClientForRoleAsync(Roles.Customer, customerId);
        return (customerId, _customer);
    }

    /// <summary>A new customer with an open credit account on these terms.</summary>
    protected async Task<string> CustomerWithAccountAsync(decimal creditLimit = 100_000m, string risk = "B", string terms = "NET30")
    {
        var customerId = await Factory.CreateCustomerAsync();
        await OpenAccountAsync(Staff.CreditOfficer, customerId, creditLimit, terms, risk).CreatedAsync<CreditAccountDto>();
        return customerId;
    }

    /// <summary>An untaxed one-line invoice dated <paramref name="daysAgo"/> days before the clock's today.</summary>
    protected Task<InvoiceDto> InvoiceAsync(string customerId, decimal amount, int daysAgo = 0) =>
        CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, amount)], Today.AddDays(-daysAgo)).CreatedAsync<InvoiceDto>();

    protected Task<PaymentDto> PayAsync(string customerId, decimal amount, DateOnly? paymentDate = null) =>
        RecordPaymentAsync(Staff.Teller, customerId, amount, "WIRE-" + ApiFactory.Unique(), paymentDate: paymentDate ?? Today).CreatedAsync<PaymentDto>();

    protected Task<CreditAccountDto> AccountAsync(string customerId) => Staff.Teller.GetOkAsync<CreditAccountDto>($"{CreditAccounts}/{customerId}");

    /// <summary>The collections queue as a collector sees it (first 100 rows, the API's largest page).</summary>
    protected async Task<IReadOnlyList<QueueItemDto>> QueueAsync(string query = "", HttpClient? collector = null) =>
        (await (collector ?? Staff.Collector).GetOkAsync<PagedResult<QueueItemDto>>($"{Queue}?size=100&{query}")).Data;

    /// <summary>The customer's row in the queue, or null when they are not in it.</summary>
    protected async Task<QueueItemDto?> QueueItemAsync(string customerId) =>
        (await QueueAsync($"search={customerId}")).SingleOrDefault(i => i.CustomerId == customerId);

    protected Task<CollectionsCustomerDto> CollectionsCustomerAsync(string customerId) =>
        Staff.Collector.GetOkAsync<CollectionsCustomerDto>($"/api/v1/collections/customers/{customerId}");

    /// <summary>POST /collections/sweep by the manager (for one customer, or everything incl. due limit changes).</summary>
    protected async Task<SweepResultDto> SweepAsync(string? customerId = null)
    {
        using var response = await Staff.Manager.PostAsync("/api/v1/collections/sweep" + (customerId is null ? string.Empty : $"?customerId={customerId}"), null);
        return await response.ReadAsync<SweepResultDto>(HttpStatusCode.OK);
    }

    protected static object Activity(string customerId, ActivityOutcome outcome, DateOnly? promiseDate = null, decimal? promiseAmount = null) => new
    {
        customerId, activityType = ActivityType.PHONE_CALL, contactPerson = "Ms Finance", outcome, promiseDate, promiseAmount,
        notes = "Called about the overdue invoices", nextAction = NextAction.FOLLOW_UP, nextActionDate = promiseDate,
    };

    protected Task<HttpResponseMessage> RecordActivityAsync(HttpClient client, object activity) => client.PostAsJsonAsync(Activities, activity, ApiFactory.Json);

    protected Task<CollectionActivityDto> PromiseAsync(string customerId, decimal amount, DateOnly promiseDate) =>
        RecordActivityAsync(Staff.Collector, Activity(customerId, ActivityOutcome.PROMISE_TO_PAY, promiseDate, amount)).CreatedAsync<CollectionActivityDto>();

    /// <summary>Seed 003's "Create Payment Plan" body starting today; the schedule's due dates are days from today.</summary>
    protected object PlanBody(string customerId, decimal totalAmount, decimal downPayment, (int InDays, decimal Amount)[] schedule, int? installments = null) => new
    {
        customerId, totalAmount, downPayment, installments = installments ?? schedule.Length, startDate = Today,
        schedule = schedule.Select(l => new { dueDate = Today.AddDays(l.InDays), amount = l.Amount }).ToArray(),
        notes = "Agreed by phone",
    };

    protected Task<HttpResponseMessage> CreatePlanAsync(object body) => Staff.Collector.PostAsJsonAsync(PaymentPlans, body, ApiFactory.Json);

    protected Task<PaymentPlanDto> PlanAsync(string customerId, decimal totalAmount, decimal downPayment, params (int InDays, decimal Amount)[] schedule) =>
        CreatePlanAsync(PlanBody(customerId, totalAmount, downPayment, schedule)).CreatedAsync<PaymentPlanDto>();

    /// <summary>Outbox payloads of one event type for one customer, oldest first.</summary>
    protected Task<List<JsonElement>> OutboxAsync(string type, string customerId) =>
        Factory.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.Type == type && m.AggregateId == customerId).OrderBy(m => m.Sequence)
                .Select(m => m.Payload).ToListAsync())
            .Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList());
}
