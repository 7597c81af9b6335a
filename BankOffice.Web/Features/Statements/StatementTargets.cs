using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Statements;

/// <summary>What a customer can have a statement of: each of their accounts, and their receivables when they have a credit account.</summary>
public sealed class StatementTargets(IAccountsClient accounts, IReceivablesClient receivables)
{
    public async Task<IReadOnlyList<StatementTarget>> ForCustomerAsync(string customerId, CancellationToken ct = default)
    {
        var found = await accounts.ListAsync(new AccountQuery { CustomerId = customerId, Page = 1, Size = PageRequest.MaxSize, SortBy = "createdAt", SortOrder = "asc" }, ct);
        var targets = found.Data.Select(Of).ToList();
        try
        {
            var credit = await receivables.GetAccountAsync(customerId, ct);
            targets.Add(new StatementTarget(StatementKind.CUSTOMER, credit.CustomerId, $"Receivables statement ({credit.Currency} credit account)"));
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            // No credit account: no receivables statement to offer.
        }

        return targets;
    }

    /// <summary>The holder of an account, to offer their other statements next to it.</summary>
    public async Task<string> CustomerOfAsync(string accountNumber, CancellationToken ct = default) =>
        (await accounts.GetAsync(accountNumber, ct)).CustomerId;

    public static StatementTarget Of(AccountDto account) =>
        new(StatementKind.ACCOUNT, account.AccountNumber, $"{account.AccountNumber} · {account.AccountType} · {account.Currency}{(account.Status == AccountStatus.ACTIVE ? null : $" · {account.Status}")}");
}
