using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;

namespace BankOffice.Web.Services;

/// <summary>The ledger API: postings (each with an <c>Idempotency-Key</c>), transaction lists and details, the admin check.</summary>
public interface ITransactionsClient
{
    Task<TransactionDto> DepositAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<TransactionDto> WithdrawAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<TransactionDto> TransferAsync(TransferRequest request, string idempotencyKey, CancellationToken ct = default);
    Task<TransactionDto> ReverseAsync(Guid transactionId, string reason, string idempotencyKey, CancellationToken ct = default);
    Task<PagedResult<TransactionDto>> ListAsync(TransactionQuery query, CancellationToken ct = default);
    Task<TransactionDto> GetAsync(Guid transactionId, CancellationToken ct = default);
    Task<IReadOnlyList<TransactionDto>> RecentAsync(int limit = 10, CancellationToken ct = default);
    Task<PagedResult<AccountTransactionDto>> AccountTransactionsAsync(string accountNumber, int page, int size, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default);
    Task<LedgerCheckDto> CheckLedgerAsync(CancellationToken ct = default);
}

public sealed class TransactionsClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), ITransactionsClient
{
    public Task<TransactionDto> DepositAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync("transactions/deposit", request, idempotencyKey, ct);

    public Task<TransactionDto> WithdrawAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync("transactions/withdrawal", request, idempotencyKey, ct);

    public Task<TransactionDto> TransferAsync(TransferRequest request, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync("transactions/transfer", request, idempotencyKey, ct);

    public Task<TransactionDto> ReverseAsync(Guid transactionId, string reason, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync($"transactions/{transactionId:D}/reverse", new ReverseRequest { Reason = reason }, idempotencyKey, ct);

    public Task<PagedResult<TransactionDto>> ListAsync(TransactionQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<TransactionDto>>(
            QueryString.Build(
                "transactions",
                ("page", query.Page),
                ("size", query.Size),
                ("accountNumber", query.AccountNumber),
                ("kind", query.Kind),
                ("from", Date(query.From)),
                ("to", Date(query.To)),
                ("minAmount", query.MinAmount),
                ("maxAmount", query.MaxAmount)),
            ct);

    public Task<TransactionDto> GetAsync(Guid transactionId, CancellationToken ct = default) =>
        GetAsync<TransactionDto>($"transactions/{transactionId:D}", ct);

    public async Task<IReadOnlyList<TransactionDto>> RecentAsync(int limit = 10, CancellationToken ct = default) =>
        await GetAsync<List<TransactionDto>>(QueryString.Build("transactions/recent", ("limit", limit)), ct);

    public Task<PagedResult<AccountTransactionDto>> AccountTransactionsAsync(string accountNumber, int page, int size, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        GetAsync<PagedResult<AccountTransactionDto>>(
            QueryString.Build($"accounts/{Uri.EscapeDataString(accountNumber)}/transactions", ("page", page), ("size", size), ("from", Date(from)), ("to", Date(to))), ct);

    public Task<LedgerCheckDto> CheckLedgerAsync(CancellationToken ct = default) => GetAsync<LedgerCheckDto>("admin/ledger/check", ct);

    /// <summary>The API's date form, whatever the server culture.</summary>
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<TransactionDto> PostAsync(string path, object body, string idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyHeader.MaxLength)
        {
            throw new ArgumentException($"An idempotency key has 1 to {IdempotencyHeader.MaxLength} characters.", nameof(idempotencyKey));
        }

        return ReadAsync<TransactionDto>(HttpMethod.Post, path, body, ct, new Dictionary<string, string> { [IdempotencyHeader.Name] = idempotencyKey });
    }
}
