using BankOffice.Core.Common;

namespace BankOffice.Core.Accounts;

/// <summary>
/// A deposit (or loan) account held by a customer. Number, IBAN and currency never change after
/// opening; the status follows ACTIVE &lt;-&gt; SUSPENDED -&gt; CLOSED; every change is written to
/// <see cref="History"/>. The balance is changed only by the ledger (see the ledger issue).
/// </summary>
public sealed class Account
{
    public const int NameMinLength = 3;
    public const int NameMaxLength = 100;
    public const int ReasonMaxLength = 500;

    private Account()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string Iban { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;

    /// <summary>The holder name shown on the account (seed 004's <c>customerName</c>).</summary>
    public string Name { get; private set; } = default!;
    public AccountType Type { get; private set; }
    public Currency Currency { get; private set; }
    public AccountStatus Status { get; private set; }
    public decimal Balance { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public List<AccountHistoryEntry> History { get; private set; } = [];

    public Money BalanceMoney => new(Balance, Currency);

    public static Account Open(AccountNumber number, Iban iban, string customerId, string name, AccountType type, Currency currency, string actor, DateTimeOffset now)
    {
        var account = new Account
        {
            Id = Guid.NewGuid(),
            Number = number.Value,
            Iban = iban.Value,
            CustomerId = customerId,
            Name = ValidName(name),
            Type = type,
            Currency = currency,
            Status = AccountStatus.ACTIVE,
            Balance = 0m,
            CreatedAt = now,
            UpdatedAt = now,
        };
        account.Record(AccountOperation.Create, null, 0m, "Account created", actor, now);
        return account;
    }

    public void Update(string name, AccountType type, string actor, DateTimeOffset now)
    {
        EnsureNotClosed("update");
        var validName = ValidName(name);
        if (validName == Name && type == Type)
        {
            return;
        }

        if (type != Type && (type == AccountType.LOAN || Type == AccountType.LOAN) && Balance != 0m)
        {
            // A LOAN's balance is what is owed (zero or negative); deposits are zero or positive.
            throw DomainException.Rule(ErrorCodes.AccountTypeChangeRefused, "An account can change to or from LOAN only at zero balance.",
                new Dictionary<string, object?> { ["accountNumber"] = Number, ["currentBalance"] = Balance });
        }

        var changes = new List<string>();
        if (validName != Name)
        {
            changes.Add($"name '{Name}' -> '{validName}'");
        }

        if (type != Type)
        {
            changes.Add($"type {Type} -> {type}");
        }

        Name = validName;
        Type = type;
        UpdatedAt = now;
        Record(AccountOperation.Update, Balance, Balance, "Updated " + string.Join(", ", changes), actor, now);
    }

    public void Suspend(string reason, string actor, DateTimeOffset now) =>
        ChangeStatus(AccountStatus.SUSPENDED, reason, actor, now);

    public void Reactivate(string reason, string actor, DateTimeOffset now) =>
        ChangeStatus(AccountStatus.ACTIVE, reason, actor, now);

    /// <summary>Soft close: only at exactly zero balance; the row stays for audit.</summary>
    public void Close(string reason, string actor, DateTimeOffset now)
    {
        if (Status != AccountStatus.CLOSED && Balance != 0m)
        {
            throw DomainException.Rule(
                ErrorCodes.NonZeroBalance,
                "Cannot close account with non-zero balance",
                new Dictionary<string, object?> { ["accountNumber"] = Number, ["currentBalance"] = Balance });
        }

        ChangeStatus(AccountStatus.CLOSED, reason, actor, now);
        ClosedAt = now;
    }

    /// <summary>Whether a move from the current status to <paramref name="target"/> is allowed.</summary>
    public static bool CanTransition(AccountStatus from, AccountStatus to) => (from, to) switch
    {
        (AccountStatus.ACTIVE, AccountStatus.SUSPENDED) => true,
        (AccountStatus.SUSPENDED, AccountStatus.ACTIVE) => true,
        (AccountStatus.ACTIVE, AccountStatus.CLOSED) => true,
        (AccountStatus.SUSPENDED, AccountStatus.CLOSED) => true,
        _ => false,
    };

    /// <summary>
    /// The entity-level balance rule, for the entity's own tests. Production code never calls this:
    /// balances change only through the ledger's posting engine, in the same transaction as the entry.
    /// </summary>
    internal void ApplyBalanceChange(decimal amount, string description, string actor, DateTimeOffset now)
    {
        if (Status != AccountStatus.ACTIVE)
        {
            throw DomainException.Rule(ErrorCodes.AccountNotActive, $"Cannot update balance: Account is {Status}");
        }

        var previous = Balance;
        Balance = new Money(previous + amount, Currency).Amount;
        UpdatedAt = now;
        Record(AccountOperation.UpdateBalance, previous, Balance, description, actor, now);
    }

    private void ChangeStatus(AccountStatus target, string reason, string actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "A reason is required to change an account's status.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The reason has at most {ReasonMaxLength} characters.");
        }

        if (!CanTransition(Status, target))
        {
            throw DomainException.Rule(
                Status == AccountStatus.CLOSED ? ErrorCodes.AccountClosed : ErrorCodes.InvalidStatusTransition,
                $"Cannot change account status from {Status} to {target}.",
                new Dictionary<string, object?> { ["accountNumber"] = Number, ["currentStatus"] = Status.ToString(), ["requestedStatus"] = target.ToString() });
        }

        var previous = Status;
        Status = target;
        StatusReason = reason.Trim();
        UpdatedAt = now;
        Record(AccountOperation.StatusChange, Balance, Balance, $"{previous} -> {target}: {StatusReason}", actor, now);
    }

    private void EnsureNotClosed(string what)
    {
        if (Status == AccountStatus.CLOSED)
        {
            throw DomainException.Rule(ErrorCodes.AccountClosed, $"Cannot {what} a CLOSED account.");
        }
    }

    private void Record(string operation, decimal? previous, decimal? next, string description, string actor, DateTimeOffset now) =>
        History.Add(new AccountHistoryEntry(Id, Number, operation, previous, next, description, actor, now));

    private static string ValidName(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is < NameMinLength or > NameMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Customer name must be {NameMinLength}-{NameMaxLength} characters.");
        }

        return trimmed;
    }
}
