using BankOffice.Api.Events;
using BankOffice.Api.Customers;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Accounts;

/// <summary>
/// Deposit-account lifecycle: open, read, search, edit, suspend, reactivate, close, history. A
/// customer-only caller is limited to their own accounts everywhere.
/// </summary>
public sealed class AccountService(BankOfficeDbContext db, CustomerService customers, IOptions<IbanOptions> ibanOptions, TimeProvider time)
{
    public async Task<PagedResult<AccountDto>> SearchAsync(CurrentUser user, AccountQuery query, CancellationToken cancellationToken)
    {
        var accounts = Visible(user);
        if (query.Status is { } status)
        {
            accounts = accounts.Where(a => a.Status == status);
        }

        if (query.Type is { } type)
        {
            accounts = accounts.Where(a => a.Type == type);
        }

        if (query.Currency is { } currency)
        {
            accounts = accounts.Where(a => a.Currency == currency);
        }

        if (!string.IsNullOrWhiteSpace(query.CustomerId))
        {
            accounts = accounts.Where(a => a.CustomerId == query.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Paging.LikePattern(query.Search);
            var ibanPattern = Paging.LikePattern(query.Search.Replace(" ", string.Empty, StringComparison.Ordinal));
            accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern) || EF.Functions.ILike(a.Number, pattern) || EF.Functions.ILike(a.Iban, ibanPattern));
        }

        var descending = Paging.Descending(query.SortOrder, defaultDescending: true);
        accounts = (query.SortBy?.ToLowerInvariant() ?? "createdat") switch
        {
            "createdat" => Order(accounts, a => a.CreatedAt, descending),
            "updatedat" => Order(accounts, a => a.UpdatedAt, descending),
            "balance" => Order(accounts, a => a.Balance, descending),
            "name" => Order(accounts, a => a.Name, descending),
            "number" => Order(accounts, a => a.Number, descending),
            "type" => Order(accounts, a => a.Type, descending),
            "status" => Order(accounts, a => a.Status, descending),
            "currency" => Order(accounts, a => a.Currency, descending),
            _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortBy is one of: " + string.Join(", ", AccountQuery.SortFields) + "."),
        };

        return await accounts.ToPageAsync(query.Page, query.Size, AccountDto.From, cancellationToken);
    }

    public async Task<AccountDto> OpenAsync(CurrentUser user, CreateAccountRequest request, CancellationToken cancellationToken)
    {
        var customerId = user.IsCustomerOnly ? user.CustomerId : request.CustomerId;
        if (user.IsCustomerOnly && request.CustomerId is not null && request.CustomerId != user.CustomerId)
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Customers can open accounts only for themselves.");
        }

        if (string.IsNullOrWhiteSpace(customerId))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "customerId is required.");
        }

        var customer = await customers.FindVisibleAsync(user, customerId, cancellationToken);
        var iban = ibanOptions.Value.ForSerial(await db.NextIbanSerialAsync(cancellationToken));
        var account = Account.Open(AccountNumber.New(), iban, customer.Id, request.CustomerName ?? customer.Name, request.AccountType!.Value, request.Currency!.Value, user.Name, time.GetUtcNow());
        db.Accounts.Add(account);
        db.OutboxMessages.Add(AccountEvents.Created(account, account.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        return AccountDto.From(account);
    }

    public async Task<AccountDto> GetAsync(CurrentUser user, string accountNumber, CancellationToken cancellationToken) =>
        AccountDto.From(await FindAsync(user, a => a.Number == accountNumber, accountNumber, tracked: false, cancellationToken));

    public async Task<AccountDto> GetByIbanAsync(CurrentUser user, string iban, CancellationToken cancellationToken)
    {
        var value = Iban.Parse(iban).Value;
        return AccountDto.From(await FindAsync(user, a => a.Iban == value, iban, tracked: false, cancellationToken));
    }

    public async Task<AccountBalanceDto> GetBalanceAsync(CurrentUser user, string accountNumber, CancellationToken cancellationToken)
    {
        var a = await FindAsync(user, x => x.Number == accountNumber, accountNumber, tracked: false, cancellationToken);
        return new AccountBalanceDto(a.Number, a.Iban, a.Balance, a.Currency, a.Status, time.GetUtcNow());
    }

    public Task<AccountDto> UpdateAsync(CurrentUser user, string accountNumber, UpdateAccountRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(user, accountNumber, (a, now) => a.Update(request.CustomerName!, request.AccountType!.Value, user.Name, now), cancellationToken);

    public Task<AccountDto> SuspendAsync(CurrentUser user, string accountNumber, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(user, accountNumber, (a, now) => a.Suspend(reason, user.Name, now), cancellationToken);

    public Task<AccountDto> ReactivateAsync(CurrentUser user, string accountNumber, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(user, accountNumber, (a, now) => a.Reactivate(reason, user.Name, now), cancellationToken);

    public async Task<AccountClosedDto> CloseAsync(CurrentUser user, string accountNumber, string? reason, CancellationToken cancellationToken)
    {
        var account = await ChangeAsync(user, accountNumber, (a, now) => a.Close(string.IsNullOrWhiteSpace(reason) ? "Closed at customer request" : reason, user.Name, now), cancellationToken);
        return new AccountClosedDto(account.AccountNumber, account.Status, account.Balance, account.ClosedAt!.Value);
    }

    public async Task<PagedResult<AccountHistoryDto>> HistoryAsync(CurrentUser user, string accountNumber, int page, int size, string? operation, CancellationToken cancellationToken)
    {
        var account = await FindAsync(user, a => a.Number == accountNumber, accountNumber, tracked: false, cancellationToken);
        var history = db.AccountHistory.AsNoTracking().Where(h => h.AccountId == account.Id);
        if (!string.IsNullOrWhiteSpace(operation))
        {
            var op = operation.Trim().ToUpperInvariant();
            if (!AccountOperation.All.Contains(op))
            {
                throw DomainException.Invalid(ErrorCodes.ValidationError, "operation is one of: " + string.Join(", ", AccountOperation.All) + ".");
            }

            history = history.Where(h => h.Operation == op);
        }

        return await history.OrderByDescending(h => h.Id).ToPageAsync(page, size, AccountHistoryDto.From, cancellationToken);
    }

    internal IQueryable<Account> Visible(CurrentUser user)
    {
        var accounts = db.Accounts.AsNoTracking();
        return user.IsCustomerOnly ? accounts.Where(a => a.CustomerId == user.CustomerId) : accounts;
    }

    private async Task<AccountDto> ChangeAsync(CurrentUser user, string accountNumber, Action<Account, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var account = await FindAsync(user, a => a.Number == accountNumber, accountNumber, tracked: true, cancellationToken);
        var (name, type, status) = (account.Name, account.Type, account.Status);
        var now = time.GetUtcNow();
        change(account, now);
        RecordChanges(account, name, type, status, now);
        await db.SaveChangesAsync(cancellationToken);
        return AccountDto.From(account);
    }

    /// <summary>STATUS_CHANGED for a new status, and ACCOUNT_UPDATED with whatever changed; nothing for a no-op edit.</summary>
    private void RecordChanges(Account account, string name, AccountType type, AccountStatus status, DateTimeOffset now)
    {
        var changes = new Dictionary<string, object?>();
        if (account.Name != name)
        {
            changes["customerName"] = account.Name;
        }

        if (account.Type != type)
        {
            changes["accountType"] = account.Type;
        }

        if (account.Status != status)
        {
            db.OutboxMessages.Add(AccountEvents.StatusChanged(account.Number, status, account.Status, account.StatusReason, now));
            changes["status"] = account.Status;
            changes["statusReason"] = account.StatusReason;
        }

        if (changes.Count > 0)
        {
            db.OutboxMessages.Add(AccountEvents.Updated(account.Number, changes, now));
        }
    }

    private async Task<Account> FindAsync(CurrentUser user, System.Linq.Expressions.Expression<Func<Account, bool>> predicate, string key, bool tracked, CancellationToken cancellationToken)
    {
        var source = tracked ? db.Accounts : db.Accounts.AsNoTracking();
        var account = await source.SingleOrDefaultAsync(predicate, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AccountNotFound, $"Account not found: {key}");
        if (!user.CanSeeCustomer(account.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only access your own accounts.");
        }

        return account;
    }

    private static IOrderedQueryable<Account> Order<TKey>(IQueryable<Account> accounts, System.Linq.Expressions.Expression<Func<Account, TKey>> key, bool descending) =>
        descending ? accounts.OrderByDescending(key).ThenByDescending(a => a.Id) : accounts.OrderBy(key).ThenBy(a => a.Id);
}
