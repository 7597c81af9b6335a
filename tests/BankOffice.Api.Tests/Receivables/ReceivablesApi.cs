using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Receivables;

/// <summary>Calls of the receivables API and direct reads of what it stored, shared by the receivables tests.</summary>
public static class ReceivablesApi
{
    public const string CreditAccounts = "/api/v1/receivables/accounts";
    public const string Invoices = "/api/v1/invoices";
    public const string Payments = "/api/v1/payments";

    public static object Item(decimal quantity, decimal unitPrice, decimal taxRate = 0m, string productCode = "P-1", string description = "Goods") =>
        new { productCode, description, quantity, unitPrice, taxRate };

    public static Task<HttpResponseMessage> OpenAccountAsync(HttpClient client, string customerId, decimal creditLimit, string paymentTerms, string riskCategory = "B") =>
        client.PostAsJsonAsync(CreditAccounts, new { customerId, creditLimit, paymentTerms, riskCategory }, ApiFactory.Json);

    public static Task<HttpResponseMessage> CreateInvoiceAsync(HttpClient client, string customerId, object[] items, DateOnly? invoiceDate = null, string? creditOverrideReason = null, string? key = null) =>
        SendAsync(client, HttpMethod.Post, Invoices, new { customerId, invoiceDate, items, creditOverrideReason }, key);

    public static Task<HttpResponseMessage> RecordPaymentAsync(HttpClient client, string customerId, decimal amount, string reference, string paymentMethod = "BANK_TRANSFER",
        DateOnly? paymentDate = null, string? allocationType = null, string? key = null) =>
        SendAsync(client, HttpMethod.Post, Payments, new { customerId, amount, paymentDate, paymentMethod, reference, allocationType }, key);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return JsonSerializer.Deserialize<T>(body, ApiFactory.Json)!;
    }

    public static async Task<T> CreatedAsync<T>(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return await response.ReadAsync<T>(HttpStatusCode.Created);
    }

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadAsync<T>(HttpStatusCode.OK);
    }

    /// <summary>The ledger lines of a journal entry as the API shows them: ledger code → amount (customer-account lines left out).</summary>
    public static async Task<Dictionary<string, decimal>> LedgerLinesAsync(HttpClient staff, Guid transactionId)
    {
        var transaction = await staff.GetOkAsync<TransactionDto>($"{Transactions}/{transactionId}");
        transaction.Lines.Should().OnlyContain(l => l.LedgerAccount != null && l.AccountNumber == null);
        transaction.Lines.Sum(l => l.Amount).Should().Be(0m, "every entry balances");
        return transaction.Lines.ToDictionary(l => l.LedgerAccount!, l => l.Amount);
    }

    public static Task<int> InvoiceCountAsync(this ApiFactory factory, string customerId) =>
        factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.CustomerId == customerId));

    public static Task<int> PaymentCountAsync(this ApiFactory factory, string customerId) =>
        factory.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == customerId));
}

/// <summary>
/// Receivables test classes: a credit officer, a teller and a manager whose clients live as long as
/// the test class; each test opens the credit accounts it needs on fresh customers.
/// </summary>
public abstract class ReceivablesTestBase(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];

    protected ApiFactory Factory { get; } = factory;

    protected HttpClient CreditOfficer { get; private set; } = default!;

    protected HttpClient Teller { get; private set; } = default!;

    protected HttpClient Manager { get; private set; } = default!;

    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public virtual async Task InitializeAsync()
    {
        CreditOfficer = await ClientAsync(Roles.CreditOfficer);
        Teller = await ClientAsync(Roles.Teller);
        Manager = await ClientAsync(Roles.Manager);
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    protected async Task<HttpClient> ClientAsync(string role, string? customerId = null)
    {
        var client = await Factory.ClientForRoleAsync(role, customerId);
        _clients.Add(client);
        return client;
    }

    /// <summary>A new customer with an open credit account on these terms.</summary>
    protected async Task<string> CustomerWithAccountAsync(string terms = "NET30", decimal creditLimit = 100_000m)
    {
        var customerId = await Factory.CreateCustomerAsync();
        await ReceivablesApi.OpenAccountAsync(CreditOfficer, customerId, creditLimit, terms).CreatedAsync<CreditAccountDto>();
        return customerId;
    }

    /// <summary>An untaxed invoice of one line for <paramref name="amount"/>, created by the teller.</summary>
    protected Task<InvoiceDto> InvoiceAsync(string customerId, decimal amount, DateOnly? invoiceDate = null) =>
        ReceivablesApi.CreateInvoiceAsync(Teller, customerId, [ReceivablesApi.Item(1m, amount)], invoiceDate).CreatedAsync<InvoiceDto>();

    protected Task<CreditAccountDto> AccountAsync(string customerId) => Teller.GetOkAsync<CreditAccountDto>($"{ReceivablesApi.CreditAccounts}/{customerId}");

    protected Task<InvoiceDto> InvoiceByIdAsync(Guid invoiceId) => Teller.GetOkAsync<InvoiceDto>($"{ReceivablesApi.Invoices}/{invoiceId}");
}
