using System.Globalization;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Ledger;

/// <summary>The state of a customer account at the moment it is locked for a posting.</summary>
public sealed record AccountSnapshot(Guid Id, string Number, string Iban, string CustomerId, AccountType Type, Currency Currency, AccountStatus Status, decimal Balance);

/// <summary>
/// The rules every posting obeys, whatever operation makes it.
/// <list type="bullet">
/// <item>Amounts are positive, at most 4 decimals, within numeric(19,4).</item>
/// <item>Only ACTIVE accounts take postings (seed 004's messages); a reversal may also correct a SUSPENDED account.</item>
/// <item>Deposit accounts (CHECKING, SAVINGS, BUSINESS) never go below zero: INSUFFICIENT_BALANCE with
///       current balance, requested amount (signed, as seed 004 shows) and shortfall.</item>
/// <item>LOAN accounts use the same credit-positive sign: the balance is zero or negative and its
///       absolute value is what the customer owes. A debit draws on the loan (more negative); a credit
///       repays it; a credit that would take it above zero is refused (LOAN_OVERPAYMENT).</item>
/// </list>
/// </summary>
public static class PostingRules
{
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    public const string LoanOverpayment = "LOAN_OVERPAYMENT";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";
    public const string InvalidAmount = "INVALID_AMOUNT";
    public const string SameAccount = "SAME_ACCOUNT";

    public static decimal CheckAmount(decimal amount)
    {
        if (amount <= 0m)
        {
            throw Invalid("The amount must be greater than zero.");
        }

        if (decimal.Round(amount, Money.Scale) != amount)
        {
            throw Invalid($"The amount has at most {Money.Scale} decimals.");
        }

        if (amount > Money.MaxAbsolute)
        {
            throw Invalid("The amount is too large.");
        }

        return amount;
    }

    /// <summary>Checks that <paramref name="signedAmount"/> may be posted to the account and answers the new balance.</summary>
    public static decimal Apply(AccountSnapshot account, decimal signedAmount, Currency currency, bool isReversal = false)
    {
        if (account.Currency != currency)
        {
            throw DomainException.Rule(CurrencyMismatch, $"Account {account.Number} is in {account.Currency}, not {currency}.",
                new Dictionary<string, object?> { ["accountNumber"] = account.Number, ["accountCurrency"] = account.Currency.ToString(), ["requestedCurrency"] = currency.ToString() });
        }

        var allowed = account.Status == AccountStatus.ACTIVE || (isReversal && account.Status == AccountStatus.SUSPENDED);
        if (!allowed)
        {
            throw DomainException.Rule(
                account.Status == AccountStatus.CLOSED ? ErrorCodes.AccountClosed : ErrorCodes.AccountNotActive,
                $"Cannot update balance: Account is {account.Status}",
                new Dictionary<string, object?> { ["accountNumber"] = account.Number, ["status"] = account.Status.ToString() });
        }

        var balance = account.Balance + signedAmount;
        if (Math.Abs(balance) > Money.MaxAbsolute)
        {
            throw Invalid("The resulting balance is out of range.");
        }

        if (account.Type == AccountType.LOAN)
        {
            if (balance > 0m)
            {
                throw DomainException.Rule(LoanOverpayment, $"The payment exceeds what is owed on loan account {account.Number}.",
                    new Dictionary<string, object?> { ["accountNumber"] = account.Number, ["outstanding"] = -account.Balance, ["requestedAmount"] = signedAmount, ["excess"] = balance });
            }
        }
        else if (balance < 0m)
        {
            throw DomainException.Rule(InsufficientBalance, "Insufficient balance",
                new Dictionary<string, object?>
                {
                    ["accountNumber"] = account.Number,
                    ["currentBalance"] = account.Balance,
                    ["requestedAmount"] = signedAmount,
                    ["shortfall"] = -balance,
                });
        }

        return balance;
    }

    private static DomainException Invalid(string message) =>
        new(DomainErrorKind.Validation, InvalidAmount, message, new Dictionary<string, object?> { ["field"] = "amount" });

    public static string Format(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);
}
