using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Reports;

/// <summary>
/// A class fixture for the report tests: one API host and database, its clock on a fixed day
/// (<see cref="Today"/>, so the expected figures can be worked out by hand once), staff signed in,
/// and the data set of one test class built through the API before its first test. Reports cover
/// the whole book, so each class has a database of its own and its tests only read.
/// </summary>
public abstract class ReportBook : IAsyncLifetime
{
    /// <summary>A Wednesday: the weekly buckets start on Mondays.</summary>
    public static readonly DateOnly Today = new(2027, 3, 10);

    public ClockedApiFactory Api { get; } = new();

    public Staff Staff { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        Api.Clock.AdvanceDays(Today.DayNumber - Api.Clock.Today.DayNumber);
        Staff = await Api.StaffAsync();
        await BuildAsync();
    }

    public async Task DisposeAsync()
    {
        Clients.ForEach(c => c.Dispose());
        await Api.DisposeAsync();
    }

    /// <summary>GET a report and read it, or fail with the body.</summary>
    public Task<T> ReportAsync<T>(string path, HttpClient? client = null) => (client ?? Staff.Teller).GetOkAsync<T>("/api/v1/reports/" + path);

    /// <summary>Clients a book signs in beyond the shared staff, disposed with it.</summary>
    protected List<HttpClient> Clients { get; } = [];

    protected abstract Task BuildAsync();

    protected static DateOnly Day(int offset) => Today.AddDays(offset);

    /// <summary>A new customer named <paramref name="name"/> with a NET30 credit account of 1,000,000 in <paramref name="currency"/>.</summary>
    protected async Task<string> CustomerAsync(string name, string risk = "B", Currency currency = Currency.TRY)
    {
        var customerId = await Api.CreateCustomerAsync(name);
        await Staff.CreditOfficer.PostAsJsonAsync(CreditAccounts, new { customerId, creditLimit = 1_000_000m, paymentTerms = "NET30", riskCategory = risk, currency }, ApiFactory.Json)
            .CreatedAsync<CreditAccountDto>();
        return customerId;
    }

    /// <summary>An untaxed one-line invoice dated <paramref name="date"/>, due 30 days later.</summary>
    protected Task<InvoiceDto> InvoiceAsync(string customerId, decimal amount, DateOnly date) =>
        CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, amount)], date).CreatedAsync<InvoiceDto>();

    /// <summary>A payment dated <paramref name="date"/>; AUTO pays the oldest due invoices first, MANUAL leaves it all unallocated.</summary>
    protected Task<PaymentDto> PayAsync(string customerId, decimal amount, DateOnly date, string allocationType = "AUTO") =>
        RecordPaymentAsync(Staff.Teller, customerId, amount, "WIRE-" + ApiFactory.Unique(), paymentDate: date, allocationType: allocationType).CreatedAsync<PaymentDto>();

    protected Task<CreditNoteDto> CreditNoteAsync(string customerId, Guid invoiceId, decimal amount, DateOnly date) =>
        Ledger.LedgerApi.SendAsync(Staff.CreditOfficer, HttpMethod.Post, "/api/v1/credit-notes",
            new { customerId, relatedInvoiceId = invoiceId.ToString(), creditDate = date, reason = "PRODUCT_RETURN", items = new[] { Item(1m, amount) } }).CreatedAsync<CreditNoteDto>();

    /// <summary>An open dispute, raised now (today).</summary>
    protected Task<InvoiceDisputeDto> DisputeAsync(Guid invoiceId, decimal amount) =>
        Staff.Collector.PostAsJsonAsync($"{Invoices}/{invoiceId}/disputes", new { amount, reason = "Goods arrived damaged" }, ApiFactory.Json).CreatedAsync<InvoiceDisputeDto>();

    protected Task<CollectionActivityDto> PromiseAsync(string customerId, decimal amount, DateOnly promiseDate) =>
        Staff.Collector.PostAsJsonAsync("/api/v1/collections/activities", new
        {
            customerId, activityType = ActivityType.PHONE_CALL, contactPerson = "Ms Finance", outcome = ActivityOutcome.PROMISE_TO_PAY, promiseDate, promiseAmount = amount,
            notes = "Will pay part next week", nextAction = NextAction.FOLLOW_UP, nextActionDate = promiseDate,
        }, ApiFactory.Json).CreatedAsync<CollectionActivityDto>();

    /// <summary>A plan starting today with its down payment due today and installments <c>InDays</c> from today.</summary>
    protected Task<PaymentPlanDto> PlanAsync(string customerId, decimal totalAmount, decimal downPayment, params (int InDays, decimal Amount)[] schedule) =>
        Staff.Collector.PostAsJsonAsync("/api/v1/payment-plans", new
        {
            customerId, totalAmount, downPayment, installments = schedule.Length, startDate = Today,
            schedule = schedule.Select(l => new { dueDate = Day(l.InDays), amount = l.Amount }).ToArray(), notes = "Agreed by phone",
        }, ApiFactory.Json).CreatedAsync<PaymentPlanDto>();
}

public static class ReportAssertions
{
    /// <summary>GET as this client and expect a ProblemDetails answer.</summary>
    public static async Task ShouldRefuseAsync(this HttpClient client, string path, HttpStatusCode status, string code)
    {
        using var response = await client.GetAsync("/api/v1/reports/" + path);
        await response.ShouldBeProblemAsync(status, code);
    }
}
