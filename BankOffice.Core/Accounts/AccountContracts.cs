using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Common;

namespace BankOffice.Core.Accounts;

// Wire contracts of /api/v1/accounts, shared by the API and the Web host's typed client.
public sealed record AccountDto(
    string AccountNumber,
    string Iban,
    string CustomerId,
    string CustomerName,
    AccountType AccountType,
    decimal Balance,
    Currency Currency,
    AccountStatus Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt)
{
    public static AccountDto From(Account a) =>
        new(a.Number, a.Iban, a.CustomerId, a.Name, a.Type, a.Balance, a.Currency, a.Status, a.StatusReason, a.CreatedAt, a.UpdatedAt, a.ClosedAt);
}

public sealed class CreateAccountRequest
{
    /// <summary>Required for staff; a customer may omit it (their own record is used).</summary>
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    /// <summary>Holder name on the account; defaults to the customer's name.</summary>
    [StringLength(Account.NameMaxLength, MinimumLength = Account.NameMinLength)]
    public string? CustomerName { get; set; }

    [Required]
    public AccountType? AccountType { get; set; }

    [Required]
    public Currency? Currency { get; set; }
}

public sealed class UpdateAccountRequest
{
    [Required]
    [StringLength(Account.NameMaxLength, MinimumLength = Account.NameMinLength)]
    public string? CustomerName { get; set; }

    [Required]
    public AccountType? AccountType { get; set; }
}

public sealed class AccountStatusRequest
{
    [Required]
    [StringLength(Account.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }
}

public sealed record AccountBalanceDto(string AccountNumber, string Iban, decimal Balance, Currency Currency, AccountStatus Status, DateTimeOffset AsOf);

public sealed record AccountClosedDto(string AccountNumber, AccountStatus Status, decimal FinalBalance, DateTimeOffset ClosedAt);

public sealed record AccountHistoryDto(
    long Id,
    string AccountNumber,
    string Operation,
    decimal? PreviousBalance,
    decimal? NewBalance,
    string Description,
    string Actor,
    DateTimeOffset CreatedAt)
{
    public static AccountHistoryDto From(AccountHistoryEntry h) =>
        new(h.Id, h.AccountNumber, h.Operation, h.PreviousBalance, h.NewBalance, h.Description, h.Actor, h.CreatedAt);
}

/// <summary>Query of <c>GET /api/v1/accounts</c>. SortBy: createdAt (default), balance, name, number, type, status, currency, updatedAt; SortOrder: asc or desc (default).</summary>
public sealed record AccountQuery(
    int Page = 1,
    int Size = PageRequest.DefaultSize,
    AccountStatus? Status = null,
    AccountType? Type = null,
    Currency? Currency = null,
    string? CustomerId = null,
    string? Search = null,
    string? SortBy = null,
    string? SortOrder = null)
{
    public static readonly IReadOnlyList<string> SortFields = ["createdAt", "balance", "name", "number", "type", "status", "currency", "updatedAt"];
}
