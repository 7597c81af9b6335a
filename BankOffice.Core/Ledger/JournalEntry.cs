using BankOffice.Core.Common;

namespace BankOffice.Core.Ledger;

/// <summary>
/// One posting: two or more lines that sum to zero per currency. Insert-only; a mistake is
/// corrected by a reversal, which is a new entry pointing at the original (<see cref="ReversalOf"/>).
/// </summary>
public sealed class JournalEntry
{
    public const int DescriptionMaxLength = 500;
    public const int IdempotencyKeyMaxLength = 100;
    public const int ActorMaxLength = 256;

    private JournalEntry()
    {
        // For EF Core.
    }

    public JournalEntry(Guid id, EntryKind kind, string description, DateOnly valueDate, DateTimeOffset postedAt, string actor, string? idempotencyKey, Guid? reversalOf, decimal amount, Currency currency)
    {
        Id = id;
        Kind = kind;
        Amount = amount;
        Currency = currency;
        Description = description;
        ValueDate = valueDate;
        PostedAt = postedAt;
        Actor = actor;
        IdempotencyKey = idempotencyKey;
        ReversalOf = reversalOf;
    }

    public Guid Id { get; private set; }
    public EntryKind Kind { get; private set; }
    public string Description { get; private set; } = default!;
    public DateOnly ValueDate { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public string Actor { get; private set; } = default!;
    public string? IdempotencyKey { get; private set; }
    public Guid? ReversalOf { get; private set; }

    /// <summary>What moved: the sum of the entry's credit lines (entries are in one currency).</summary>
    public decimal Amount { get; private set; }
    public Currency Currency { get; private set; }
    public List<JournalLine> Lines { get; private set; } = [];
}

/// <summary>
/// One side of an entry, moving exactly one account: a customer account or an internal ledger
/// account. Amounts are signed credit-positive: a positive line raises what the bank owes the
/// account's holder (a deposit credits the customer +100 and debits cash -100).
/// </summary>
public sealed class JournalLine
{
    private JournalLine()
    {
        // For EF Core.
    }

    public JournalLine(Guid entryId, Guid? accountId, Guid? ledgerAccountId, Currency currency, decimal amount, decimal? balanceAfter)
    {
        EntryId = entryId;
        AccountId = accountId;
        LedgerAccountId = ledgerAccountId;
        Currency = currency;
        Amount = amount;
        BalanceAfter = balanceAfter;
    }

    public long Id { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? LedgerAccountId { get; private set; }
    public Currency Currency { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>The customer account's balance right after this line (running balance); null on internal accounts.</summary>
    public decimal? BalanceAfter { get; private set; }
}

/// <summary>An internal account of the bank (cash, clearing, interest, fees, suspense, receivables) in one currency.</summary>
public sealed class LedgerAccount
{
    public const int NameMaxLength = 100;

    private LedgerAccount()
    {
        // For EF Core.
    }

    public LedgerAccount(Guid id, LedgerAccountKind kind, Currency currency, string name)
    {
        Id = id;
        Kind = kind;
        Currency = currency;
        Code = LedgerAccountCodes.For(kind, currency);
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = default!;
    public LedgerAccountKind Kind { get; private set; }
    public Currency Currency { get; private set; }
    public string Name { get; private set; } = default!;
}

/// <summary>A money-moving request already answered: the same key and body replay the same entry (kept at least 24 h).</summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        // For EF Core.
    }

    public string UserId { get; private set; } = default!;
    public string Key { get; private set; } = default!;
    public string RequestHash { get; private set; } = default!;
    public Guid EntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
