namespace BankOffice.Core.Accounts;

/// <summary>One line of an account's audit history (seed 004's <c>account_history</c>). Insert-only.</summary>
public sealed class AccountHistoryEntry
{
    public const int DescriptionMaxLength = 500;
    public const int ActorMaxLength = 256;

    private AccountHistoryEntry()
    {
        // For EF Core.
    }

    public AccountHistoryEntry(Guid accountId, string accountNumber, string operation, decimal? previousBalance, decimal? newBalance, string description, string actor, DateTimeOffset createdAt)
    {
        AccountId = accountId;
        AccountNumber = accountNumber;
        Operation = operation;
        PreviousBalance = previousBalance;
        NewBalance = newBalance;
        Description = description.Length > DescriptionMaxLength ? description[..DescriptionMaxLength] : description;
        Actor = actor;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string AccountNumber { get; private set; } = default!;
    public string Operation { get; private set; } = default!;
    public decimal? PreviousBalance { get; private set; }
    public decimal? NewBalance { get; private set; }
    public string Description { get; private set; } = default!;
    public string Actor { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
}
