namespace BankOffice.Core.Accounts;

/// <summary>Kinds of deposit and loan account (seed 004 plus LOAN from seed 000). Stored by name.</summary>
public enum AccountType
{
    CHECKING,
    SAVINGS,
    BUSINESS,
    LOAN,
}

/// <summary>
/// ACTIVE: every operation. SUSPENDED: queries only, no balance changes. CLOSED: queries only, final.
/// </summary>
public enum AccountStatus
{
    ACTIVE,
    SUSPENDED,
    CLOSED,
}

/// <summary>Operations recorded in an account's history (seed 004).</summary>
public static class AccountOperation
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string UpdateBalance = "UPDATE_BALANCE";
    public const string StatusChange = "STATUS_CHANGE";
    public const int MaxLength = 50;

    public static readonly IReadOnlyList<string> All = [Create, Update, UpdateBalance, StatusChange];
}
