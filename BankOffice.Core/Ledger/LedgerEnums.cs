namespace BankOffice.Core.Ledger;

/// <summary>What a journal entry records. Stored by name.</summary>
public enum EntryKind
{
    DEPOSIT,
    WITHDRAWAL,
    TRANSFER,
    CREDIT,
    DEBIT,
    REVERSAL,
    OPENING,
    INVOICE,
    CREDIT_NOTE,
    PAYMENT,
    ALLOCATION,

    /// <summary>Interest booked by the period close.</summary>
    INTEREST,

    /// <summary>Change in the allowance for doubtful receivables, booked by the period close.</summary>
    PROVISION,
}

/// <summary>The bank's own (internal) ledger accounts, one per kind and currency, e.g. CASH-TRY.</summary>
public enum LedgerAccountKind
{
    /// <summary>Cash and vault: deposits and withdrawals at the counter.</summary>
    CASH,

    /// <summary>Clearing: money arriving from or leaving to other banks and systems (generic credit/debit).</summary>
    CLEARING,
    INTEREST,
    FEES,

    /// <summary>Suspense: balances taken over without a known counterpart (the opening balances of existing accounts).</summary>
    SUSPENSE,

    /// <summary>Receivables control: what customers owe on invoices, less their unallocated credit.</summary>
    RECEIVABLES,
    REVENUE,
    TAX_PAYABLE,
    DISCOUNTS_ALLOWED,

    /// <summary>The bank's own account at other banks: bank transfers received.</summary>
    BANK,

    /// <summary>Customer payments received but not applied to an invoice yet (owed back or to be applied).</summary>
    UNAPPLIED_CASH,

    /// <summary>Allowance for doubtful receivables (contra-asset): what the close expects not to collect.</summary>
    ALLOWANCE,

    /// <summary>The expense side of the allowance: provisions booked (or released) by the close.</summary>
    PROVISION_EXPENSE,
}

public static class LedgerAccountCodes
{
    public const int MaxLength = 50;

    public static string For(LedgerAccountKind kind, Common.Currency currency) => $"{kind}-{currency}";

    /// <summary>The kind in a code such as CASH-TRY or TAX_PAYABLE-EUR.</summary>
    public static LedgerAccountKind KindOf(string code) => Enum.Parse<LedgerAccountKind>(code[..code.LastIndexOf('-')]);
}
