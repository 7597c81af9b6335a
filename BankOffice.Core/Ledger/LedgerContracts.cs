using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Common;

namespace BankOffice.Core.Ledger;

// Wire contracts of /api/v1/transactions and the ledger, shared by the API and the Web client.

/// <summary>Deposit, withdrawal, and seed 001's generic credit and debit: one account and a positive amount.</summary>
public sealed class AccountAmountRequest
{
    [Required]
    [StringLength(Accounts.AccountNumber.MaxLength)]
    public string? AccountNumber { get; set; }

    [Required]
    public decimal? Amount { get; set; }

    [StringLength(JournalEntry.DescriptionMaxLength)]
    public string? Description { get; set; }

    /// <summary>Defaults to today; may be in the past, never in the future.</summary>
    public DateOnly? ValueDate { get; set; }
}

/// <summary>A transfer between two accounts of the same currency; the target by account number or IBAN.</summary>
public sealed class TransferRequest
{
    [Required]
    [StringLength(Accounts.AccountNumber.MaxLength)]
    public string? FromAccountNumber { get; set; }

    [StringLength(Accounts.AccountNumber.MaxLength)]
    public string? ToAccountNumber { get; set; }

    [StringLength(Accounts.Iban.MaxLength + 8)]
    public string? ToIban { get; set; }

    [Required]
    public decimal? Amount { get; set; }

    [StringLength(JournalEntry.DescriptionMaxLength)]
    public string? Description { get; set; }

    public DateOnly? ValueDate { get; set; }
}

/// <summary>Seed 004's <c>PUT /accounts/{accountNumber}/balance</c>: positive credits, negative debits.</summary>
public sealed class BalanceUpdateRequest
{
    [Required]
    public decimal? Amount { get; set; }

    [StringLength(JournalEntry.DescriptionMaxLength)]
    public string? Description { get; set; }
}

public sealed class ReverseRequest
{
    [Required]
    [StringLength(JournalEntry.DescriptionMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }
}

/// <summary>One line as shown to the caller: the account moved (customer account number or internal code), its signed amount and, where the caller may see it, the balance after.</summary>
public sealed record TransactionLineDto(string? AccountNumber, string? LedgerAccount, Currency Currency, decimal Amount, decimal? BalanceAfter);

/// <summary>A journal entry. <c>Amount</c> is what moved (the sum of the credit lines).</summary>
public sealed record TransactionDto(
    Guid TransactionId,
    EntryKind Kind,
    string Description,
    DateOnly ValueDate,
    DateTimeOffset PostedAt,
    string Actor,
    decimal Amount,
    Currency Currency,
    Guid? ReversalOf,
    Guid? ReversedBy,
    IReadOnlyList<TransactionLineDto> Lines);

/// <summary>One posting on one account, with the running balance (the account's ledger / statement line).</summary>
public sealed record AccountTransactionDto(
    Guid TransactionId,
    EntryKind Kind,
    string Description,
    DateOnly ValueDate,
    DateTimeOffset PostedAt,
    decimal Amount,
    decimal BalanceAfter,
    Guid? ReversalOf);

/// <summary>Seed 004's balance-update answer.</summary>
public sealed record BalanceUpdateDto(string AccountNumber, decimal PreviousBalance, decimal NewBalance, decimal Amount, string Operation, Guid TransactionId, DateTimeOffset Timestamp);

/// <summary>Query of <c>GET /api/v1/transactions</c>.</summary>
public sealed record TransactionQuery(
    int Page = 1,
    int Size = PageRequest.DefaultSize,
    string? AccountNumber = null,
    EntryKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null);

public sealed record CurrencySumDto(Currency Currency, decimal Sum, long Lines);

public sealed record BalanceMismatchDto(string AccountNumber, Currency Currency, decimal StoredBalance, decimal LedgerBalance, decimal Difference);

public sealed record UnbalancedEntryDto(Guid TransactionId, Currency Currency, decimal Sum);

/// <summary>Answer of the admin integrity check: ok when every entry sums to zero and every balance equals its lines.</summary>
public sealed record LedgerCheckDto(
    bool Ok,
    DateTimeOffset CheckedAt,
    long Entries,
    long Lines,
    long AccountsChecked,
    IReadOnlyList<CurrencySumDto> CurrencyTotals,
    IReadOnlyList<UnbalancedEntryDto> UnbalancedEntries,
    IReadOnlyList<BalanceMismatchDto> BalanceMismatches,
    double Milliseconds);

public static class IdempotencyHeader
{
    public const string Name = "Idempotency-Key";
    public const int MaxLength = JournalEntry.IdempotencyKeyMaxLength;
}
