using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written IAccountsClient fake: records the requests and answers canned data or a configured error.</summary>
public sealed class FakeAccountsClient : IAccountsClient
{
    public List<CreateAccountRequest> Created { get; } = [];
    public List<AccountQuery> Queries { get; } = [];
    public List<(string Action, string Number, string Reason)> StatusChanges { get; } = [];
    public Exception? CreateError { get; set; }
    public List<AccountDto> Accounts { get; } = [];

    public static AccountDto Account(string number = "1000000000000001", AccountStatus status = AccountStatus.ACTIVE, decimal balance = 0m) =>
        new(number, "TR000006200000001000000000000001", "C000001", "Ada Lovelace", AccountType.CHECKING, balance, Currency.TRY, status, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    public Task<PagedResult<AccountDto>> ListAsync(AccountQuery query, CancellationToken ct = default)
    {
        Queries.Add(query);
        return Task.FromResult(new PagedResult<AccountDto>(Accounts, Pagination.Of(query.Page, query.Size, Accounts.Count)));
    }

    public Task<AccountDto> GetAsync(string accountNumber, CancellationToken ct = default) =>
        Task.FromResult(Accounts.FirstOrDefault(a => a.AccountNumber == accountNumber) ?? throw new ApiException(404, "ACCOUNT_NOT_FOUND", "Not found", null));

    public Task<AccountDto> GetByIbanAsync(string iban, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AccountBalanceDto> GetBalanceAsync(string accountNumber, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AccountDto> CreateAsync(CreateAccountRequest request, CancellationToken ct = default)
    {
        Created.Add(request);
        if (CreateError is not null)
        {
            return Task.FromException<AccountDto>(CreateError);
        }

        return Task.FromResult(Account() with { AccountType = request.AccountType!.Value, Currency = request.Currency!.Value });
    }

    public Task<AccountDto> UpdateAsync(string accountNumber, UpdateAccountRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AccountDto> SuspendAsync(string accountNumber, string reason, CancellationToken ct = default)
    {
        StatusChanges.Add(("suspend", accountNumber, reason));
        return Task.FromResult(Account(accountNumber, AccountStatus.SUSPENDED));
    }

    public Task<AccountDto> ReactivateAsync(string accountNumber, string reason, CancellationToken ct = default)
    {
        StatusChanges.Add(("reactivate", accountNumber, reason));
        return Task.FromResult(Account(accountNumber, AccountStatus.ACTIVE));
    }

    public Task<AccountClosedDto> CloseAsync(string accountNumber, string reason, CancellationToken ct = default)
    {
        StatusChanges.Add(("close", accountNumber, reason));
        return Task.FromResult(new AccountClosedDto(accountNumber, AccountStatus.CLOSED, 0m, DateTimeOffset.UnixEpoch));
    }

    public Task<PagedResult<AccountHistoryDto>> HistoryAsync(string accountNumber, int page, int size, string? operation, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<AccountHistoryDto>([], Pagination.Of(page, size, 0)));
}
