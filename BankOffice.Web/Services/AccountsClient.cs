using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Web.Services;

public interface IAccountsClient
{
    Task<PagedResult<AccountDto>> ListAsync(AccountQuery query, CancellationToken ct = default);
    Task<AccountDto> GetAsync(string accountNumber, CancellationToken ct = default);
    Task<AccountDto> GetByIbanAsync(string iban, CancellationToken ct = default);
    Task<AccountBalanceDto> GetBalanceAsync(string accountNumber, CancellationToken ct = default);
    Task<AccountDto> CreateAsync(CreateAccountRequest request, CancellationToken ct = default);
    Task<AccountDto> UpdateAsync(string accountNumber, UpdateAccountRequest request, CancellationToken ct = default);
    Task<AccountDto> SuspendAsync(string accountNumber, string reason, CancellationToken ct = default);
    Task<AccountDto> ReactivateAsync(string accountNumber, string reason, CancellationToken ct = default);
    Task<AccountClosedDto> CloseAsync(string accountNumber, string reason, CancellationToken ct = default);
    Task<PagedResult<AccountHistoryDto>> HistoryAsync(string accountNumber, int page, int size, string? operation, CancellationToken ct = default);
}

public sealed class AccountsClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IAccountsClient
{
    public Task<PagedResult<AccountDto>> ListAsync(AccountQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<AccountDto>>(
            QueryString.Build(
                "accounts",
                ("page", query.Page),
                ("size", query.Size),
                ("status", query.Status),
                ("type", query.Type),
                ("currency", query.Currency),
                ("customerId", query.CustomerId),
                ("search", query.Search),
                ("sortBy", query.SortBy),
                ("sortOrder", query.SortOrder)),
            ct);

    public async Task<AccountDto> GetAsync(string accountNumber, CancellationToken ct = default) =>
        (await GetAsync<ApiResponse<AccountDto>>($"accounts/{Esc(accountNumber)}", ct)).Data;

    public async Task<AccountDto> GetByIbanAsync(string iban, CancellationToken ct = default) =>
        (await GetAsync<ApiResponse<AccountDto>>($"accounts/iban/{Esc(iban.Replace(" ", string.Empty, StringComparison.Ordinal))}", ct)).Data;

    public async Task<AccountBalanceDto> GetBalanceAsync(string accountNumber, CancellationToken ct = default) =>
        (await GetAsync<ApiResponse<AccountBalanceDto>>($"accounts/{Esc(accountNumber)}/balance", ct)).Data;

    public async Task<AccountDto> CreateAsync(CreateAccountRequest request, CancellationToken ct = default) =>
        (await ReadAsync<ApiResponse<AccountDto>>(HttpMethod.Post, "accounts", request, ct)).Data;

    public async Task<AccountDto> UpdateAsync(string accountNumber, UpdateAccountRequest request, CancellationToken ct = default) =>
        (await ReadAsync<ApiResponse<AccountDto>>(HttpMethod.Put, $"accounts/{Esc(accountNumber)}", request, ct)).Data;

    public async Task<AccountDto> SuspendAsync(string accountNumber, string reason, CancellationToken ct = default) =>
        (await ReadAsync<ApiResponse<AccountDto>>(HttpMethod.Post, $"accounts/{Esc(accountNumber)}/suspend", new AccountStatusRequest { Reason = reason }, ct)).Data;

    public async Task<AccountDto> ReactivateAsync(string accountNumber, string reason, CancellationToken ct = default) =>
        (await ReadAsync<ApiResponse<AccountDto>>(HttpMethod.Post, $"accounts/{Esc(accountNumber)}/reactivate", new AccountStatusRequest { Reason = reason }, ct)).Data;

    public async Task<AccountClosedDto> CloseAsync(string accountNumber, string reason, CancellationToken ct = default) =>
        (await ReadAsync<ApiResponse<AccountClosedDto>>(HttpMethod.Delete, QueryString.Build($"accounts/{Esc(accountNumber)}", ("reason", reason)), null, ct)).Data;

    public Task<PagedResult<AccountHistoryDto>> HistoryAsync(string accountNumber, int page, int size, string? operation, CancellationToken ct = default) =>
        GetAsync<PagedResult<AccountHistoryDto>>(
            QueryString.Build($"accounts/{Esc(accountNumber)}/history", ("page", page), ("size", size), ("operation", operation)), ct);

    private static string Esc(string value) => Uri.EscapeDataString(value);
}
