using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Reconciliation;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Reconciliation;

/// <summary>Calls of the reconciliation API, and the payments and accounts the tests reconcile against.</summary>
public abstract class ReconciliationTestBase(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    public const string Bank = "/api/v1/reconciliation/bank";
    public const string CustomerPath = "/api/v1/reconciliation/customer";

    /// <summary>A customer with a credit account in <paramref name="currency"/> (no invoices, so a payment stays unallocated credit).</summary>
    protected async Task<string> PayerAsync(Currency currency = Currency.TRY)
    {
        var customerId = await Factory.CreateCustomerAsync();
        await Staff.CreditOfficer.PostAsJsonAsync(CreditAccounts, new { customerId, creditLimit = 100_000m, paymentTerms = "NET30", riskCategory = "B", currency }, ApiFactory.Json)
            .CreatedAsync<CreditAccountDto>();
        return customerId;
    }

    protected Task<PaymentDto> PaymentAsync(string customerId, decimal amount, string reference, DateOnly date, string method = "BANK_TRANSFER") =>
        RecordPaymentAsync(Staff.Teller, customerId, amount, reference, method, date, "MANUAL").CreatedAsync<PaymentDto>();

    protected static object Statement(string bankAccount, DateOnly statementDate, decimal statementBalance, Currency currency, params object[] transactions) =>
        new { bankAccount, statementDate, statementBalance, currency, transactions };

    protected static object Tx(DateOnly date, string reference, decimal amount, string type = "DEPOSIT", string? description = null) =>
        new { date, reference, amount, type, description };

    protected Task<HttpResponseMessage> CreateAsync(object statement, HttpClient? client = null) =>
        (client ?? Staff.Teller).PostAsJsonAsync(Bank, statement, ApiFactory.Json);

    protected Task<BankReconciliationDto> CreatedAsync(object statement) => CreateAsync(statement).CreatedAsync<BankReconciliationDto>();

    protected Task<HttpResponseMessage> MatchAsync(BankReconciliationDto reconciliation, int lineNo, string paymentId, HttpClient? client = null) =>
        (client ?? Staff.Teller).PutAsJsonAsync($"{Bank}/{reconciliation.Id}/lines/{Line(reconciliation, lineNo).Id}/match", new { paymentId }, ApiFactory.Json);

    protected Task<HttpResponseMessage> UnmatchAsync(BankReconciliationDto reconciliation, int lineNo) =>
        Staff.Teller.DeleteAsync($"{Bank}/{reconciliation.Id}/lines/{Line(reconciliation, lineNo).Id}/match");

    protected Task<HttpResponseMessage> CompleteAsync(BankReconciliationDto reconciliation) =>
        Staff.Manager.PostAsync($"{Bank}/{reconciliation.Id}/complete", null);

    protected Task<HttpResponseMessage> UploadAsync(string csv, string bankAccount, DateOnly statementDate, string statementBalance, string? currency = "TRY")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "statement.csv");
        form.Add(new StringContent(bankAccount), "bankAccount");
        form.Add(new StringContent(statementDate.ToString("yyyy-MM-dd")), "statementDate");
        form.Add(new StringContent(statementBalance), "statementBalance");
        if (currency is not null)
        {
            form.Add(new StringContent(currency), "currency");
        }

        return Staff.Teller.PostAsync($"{Bank}/upload", form);
    }

    protected static BankStatementLineDto Line(BankReconciliationDto reconciliation, int lineNo) => reconciliation.Lines.Single(l => l.LineNo == lineNo);

    /// <summary>A bank account label of its own for each test: the unmatched book items start from its first statement's month.</summary>
    protected static string BankAccountLabel() => "004-" + ApiFactory.Unique();
}
