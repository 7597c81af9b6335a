using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>A journal line as stored, read straight from the database (not through the API under test).</summary>
public sealed record StoredLine(long Id, Guid EntryId, string? AccountNumber, string? LedgerCode, Currency Currency, decimal Amount, decimal? BalanceAfter);

/// <summary>Calls of the ledger API and direct reads of what it stored, shared by the ledger tests.</summary>
public static class LedgerApi
{
    public const string Transactions = "/api/v1/transactions";

    public static async Task<AccountDto> OpenAsync(HttpClient staff, string customerId, AccountType type = AccountType.CHECKING, Currency currency = Currency.TRY)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/accounts", new CreateAccountRequest { CustomerId = customerId, AccountType = type, Currency = currency }, ApiFactory.Json);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApiResponse<AccountDto>>(ApiFactory.Json))!.Data;
    }

    /// <summary>Sends a JSON body with an Idempotency-Key (a new one unless given; none when <paramref name="key"/> is the empty string).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string? key = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: ApiFactory.Json) };
        if (key != string.Empty)
        {
            request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string operation, object body, string? key = null) =>
        SendAsync(client, HttpMethod.Post, $"{Transactions}/{operation}", body, key);

    /// <summary>deposit, withdrawal, credit or debit of one account.</summary>
    public static Task<HttpResponseMessage> MoveAsync(HttpClient client, string operation, string accountNumber, decimal amount, string? key = null, DateOnly? valueDate = null) =>
        PostAsync(client, operation, new AccountAmountRequest { AccountNumber = accountNumber, Amount = amount, ValueDate = valueDate }, key);

    public static async Task<TransactionDto> CreatedAsync(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return System.Text.Json.JsonSerializer.Deserialize<TransactionDto>(body, ApiFactory.Json)!;
    }

    public static Task<TransactionDto> DepositAsync(HttpClient staff, string accountNumber, decimal amount, DateOnly? valueDate = null) =>
        MoveAsync(staff, "deposit", accountNumber, amount, valueDate: valueDate).CreatedAsync();

    public static Task<HttpResponseMessage> TransferAsync(HttpClient client, string from, string to, decimal amount, string? key = null) =>
        PostAsync(client, "transfer", new TransferRequest { FromAccountNumber = from, ToAccountNumber = to, Amount = amount }, key);

    public static Task<HttpResponseMessage> ReverseAsync(HttpClient staff, Guid transactionId, string reason = "Posted in error", string? key = null) =>
        PostAsync(staff, $"{transactionId}/reverse", new ReverseRequest { Reason = reason }, key);

    public static Task<decimal> BalanceAsync(this ApiFactory factory, string accountNumber) =>
        factory.WithDbAsync(db => db.Accounts.AsNoTracking().Where(a => a.Number == accountNumber).Select(a => a.Balance).SingleAsync());

    /// <summary>All lines of the entries that touch the account, in insertion order.</summary>
    public static Task<List<StoredLine>> LinesOfAccountAsync(this ApiFactory factory, string accountNumber) =>
        factory.WithDbAsync(async db =>
        {
            var id = await db.Accounts.Where(a => a.Number == accountNumber).Select(a => a.Id).SingleAsync();
            return await db.JournalLines.AsNoTracking().Where(l => l.AccountId == id)
                .OrderBy(l => l.Id)
                .Select(l => new StoredLine(l.Id, l.EntryId, accountNumber, null, l.Currency, l.Amount, l.BalanceAfter))
                .ToListAsync();
        });

    public static Task<List<StoredLine>> LinesOfEntryAsync(this ApiFactory factory, Guid entryId) =>
        factory.WithDbAsync(db => (from l in db.JournalLines.AsNoTracking()
                                   where l.EntryId == entryId
                                   join a in db.Accounts on l.AccountId equals a.Id into accounts
                                   from a in accounts.DefaultIfEmpty()
                                   join g in db.LedgerAccounts on l.LedgerAccountId equals g.Id into ledgers
                                   from g in ledgers.DefaultIfEmpty()
                                   orderby l.Id
                                   select new StoredLine(l.Id, l.EntryId, a.Number, g.Code, l.Currency, l.Amount, l.BalanceAfter)).ToListAsync());

    public static Task<int> EntryCountAsync(this ApiFactory factory) =>
        factory.WithDbAsync(db => db.JournalEntries.CountAsync());

    public static Task<int> EntryCountOfAccountAsync(this ApiFactory factory, string accountNumber) =>
        factory.WithDbAsync(async db =>
        {
            var id = await db.Accounts.Where(a => a.Number == accountNumber).Select(a => a.Id).SingleAsync();
            return await db.JournalLines.Where(l => l.AccountId == id).Select(l => l.EntryId).Distinct().CountAsync();
        });

    public static Task<int> HistoryCountAsync(this ApiFactory factory, string accountNumber) =>
        factory.WithDbAsync(db => db.AccountHistory.CountAsync(h => h.AccountNumber == accountNumber && h.Operation == AccountOperation.UpdateBalance));

    /// <summary>A syntactically valid IBAN of this bank's format that no account has.</summary>
    public static string UnknownIban() => new IbanOptions().ForSerial(9_000_000_000_000_000 + Random.Shared.NextInt64(1, 999_999_999_999_999)).Value;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
