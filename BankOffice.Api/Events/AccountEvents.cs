using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;

namespace BankOffice.Api.Events;

/// <summary>A customer account's line of a posting, as the balance events need it.</summary>
public sealed record BalanceMove(string AccountNumber, decimal Amount, decimal NewBalance);

/// <summary>A line of a posted transaction (a customer account or an internal ledger account).</summary>
public sealed record TransactionLineData(string? AccountNumber, string? LedgerAccount, decimal Amount, decimal? BalanceAfter);

/// <summary>
/// The account and transaction events of the catalogue, with the seeds' own field names and order:
/// seed 004 for <c>account.events</c>, seed 000 for <c>account-updates</c>, seed 001's transactions.
/// Amounts are written at the API's scale; timestamps in UTC.
/// </summary>
public static class AccountEvents
{
    private const string Aggregate = "account";

    public static OutboxMessage Created(Account account, DateTimeOffset now) =>
        Outbox.Create(EventTypes.AccountCreated, Aggregate, account.Number, new
        {
            eventType = EventTypes.AccountCreated,
            accountNumber = account.Number,
            iban = account.Iban,
            customerName = account.Name,
            accountType = account.Type,
            currency = account.Currency,
            initialBalance = Money.AtScale(account.Balance),
            timestamp = now.UtcDateTime,
        }, now);

    public static OutboxMessage StatusChanged(string accountNumber, AccountStatus previous, AccountStatus current, string? reason, DateTimeOffset now) =>
        Outbox.Create(EventTypes.StatusChanged, Aggregate, accountNumber, new
        {
            eventType = EventTypes.StatusChanged,
            accountNumber,
            previousStatus = previous,
            newStatus = current,
            reason,
            timestamp = now.UtcDateTime,
        }, now);

    /// <summary>Seed 000: only the fields that changed, with their new values.</summary>
    public static OutboxMessage Updated(string accountNumber, IReadOnlyDictionary<string, object?> changes, DateTimeOffset now) =>
        Outbox.Create(EventTypes.AccountUpdated, Aggregate, accountNumber, new
        {
            @event = EventTypes.AccountUpdated,
            accountId = accountNumber,
            changes,
        }, now);

    /// <summary>BALANCE_CHANGED and ACCOUNT_UPDATED for one customer line: CREDIT raises the balance, DEBIT lowers it.</summary>
    public static IEnumerable<OutboxMessage> BalanceMoved(BalanceMove move, string description, DateTimeOffset now)
    {
        yield return Outbox.Create(EventTypes.BalanceChanged, Aggregate, move.AccountNumber, new
        {
            eventType = EventTypes.BalanceChanged,
            accountNumber = move.AccountNumber,
            previousBalance = Money.AtScale(move.NewBalance - move.Amount),
            newBalance = Money.AtScale(move.NewBalance),
            amount = Money.AtScale(Math.Abs(move.Amount)),
            operation = move.Amount >= 0m ? "CREDIT" : "DEBIT",
            description,
            timestamp = now.UtcDateTime,
        }, now);
        yield return Updated(move.AccountNumber, new Dictionary<string, object?> { ["balance"] = Money.AtScale(move.NewBalance) }, now);
    }

    /// <summary>
    /// TRANSACTION_POSTED (or TRANSACTION_REVERSED for a reversal), keyed by the entry's first customer
    /// account so a consumer reading one account's stream sees its transactions in order.
    /// </summary>
    public static OutboxMessage Transaction(
        Guid transactionId, EntryKind kind, decimal amount, Currency currency, DateOnly valueDate, string description, Guid? reversalOf,
        IReadOnlyList<TransactionLineData> lines, DateTimeOffset now)
    {
        var type = reversalOf is null ? EventTypes.TransactionPosted : EventTypes.TransactionReversed;
        var key = lines.FirstOrDefault(l => l.AccountNumber is not null)?.AccountNumber ?? transactionId.ToString();
        return Outbox.Create(type, "transaction", key, new
        {
            eventType = type,
            transactionId,
            kind,
            amount = Money.AtScale(amount),
            currency,
            valueDate,
            description,
            reversalOf,
            lines = lines.Select(l => new
            {
                accountNumber = l.AccountNumber,
                ledgerAccount = l.LedgerAccount,
                amount = Money.AtScale(l.Amount),
                balanceAfter = l.BalanceAfter is { } b ? Money.AtScale(b) : (decimal?)null,
            }),
            timestamp = now.UtcDateTime,
        }, now);
    }
}
