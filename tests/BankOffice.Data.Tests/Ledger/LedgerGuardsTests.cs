using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using Npgsql;
using static BankOffice.Data.Tests.Ledger.LedgerSql;

namespace BankOffice.Data.Tests.Ledger;

/// <summary>
/// What the database itself enforces on the ledger (migration 0002), whatever code writes to it:
/// insert-only entries and lines, balanced entries at commit, one reversal per entry, balance signs.
/// </summary>
public class LedgerGuardsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static async Task<PostgresException> RefusedAsync(Func<Task> act) =>
        (await act.Should().ThrowAsync<PostgresException>()).Which;

    [Theory]
    [InlineData("UPDATE journal_entries SET description = 'changed' WHERE id = $1")]
    [InlineData("UPDATE journal_entries SET amount = amount * 2 WHERE id = $1")]
    [InlineData("DELETE FROM journal_entries WHERE id = $1")]
    [InlineData("UPDATE journal_lines SET amount = -amount WHERE entry_id = $1")]
    [InlineData("DELETE FROM journal_lines WHERE entry_id = $1")]
    public async Task UpdateOrDelete_CommittedEntryOrLines_IsRefusedAsInsufficientPrivilege(string sql)
    {
        var entryId = await CommitBalancedEntryAsync(db.ConnectionString);
        await using var connection = await OpenAsync(db.ConnectionString);

        var refusal = await RefusedAsync(() => ExecAsync(connection, sql, entryId));

        refusal.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_lines WHERE entry_id = $1 AND amount = 10", entryId)).Should().Be(1);
        (await ScalarAsync<string>(connection, "SELECT description FROM journal_entries WHERE id = $1", entryId)).Should().Be("test");
    }

    [Theory]
    [InlineData("journal_entries")]
    [InlineData("journal_lines")]
    [InlineData("journal_lines, journal_entries")]
    public async Task Truncate_JournalTables_IsRefusedAsInsufficientPrivilege(string tables)
    {
        var entryId = await CommitBalancedEntryAsync(db.ConnectionString);
        await using var connection = await OpenAsync(db.ConnectionString);

        var refusal = await RefusedAsync(() => ExecAsync(connection, $"TRUNCATE {tables} CASCADE"));

        refusal.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_lines WHERE entry_id = $1", entryId)).Should().Be(2);
    }

    [Fact]
    public async Task Commit_BalancedTwoLineEntry_Succeeds()
    {
        var entryId = await CommitBalancedEntryAsync(db.ConnectionString, 123.4567m);

        await using var connection = await OpenAsync(db.ConnectionString);
        (await ScalarAsync<decimal>(connection, "SELECT sum(amount) FROM journal_lines WHERE entry_id = $1", entryId)).Should().Be(0m);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_lines WHERE entry_id = $1", entryId)).Should().Be(2);
    }

    [Fact]
    public async Task Commit_EntryWithOneLine_FailsWithCheckViolationAndLeavesNothing()
    {
        await using var connection = await OpenAsync(db.ConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        var entryId = await InsertEntryAsync(connection);
        // The check is deferred: the insert itself passes, the commit does not.
        await InsertLedgerLineAsync(connection, entryId, "CASH-TRY", 10m);

        var refusal = await RefusedAsync(() => transaction.CommitAsync());

        refusal.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        refusal.MessageText.Should().Contain("at least two");
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_entries WHERE id = $1", entryId)).Should().Be(0);
    }

    [Fact]
    public async Task Commit_LinesNotSummingToZero_FailsWithCheckViolation()
    {
        await using var connection = await OpenAsync(db.ConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        var entryId = await InsertEntryAsync(connection);
        await InsertLedgerLineAsync(connection, entryId, "CLEARING-TRY", 10m);
        await InsertLedgerLineAsync(connection, entryId, "CASH-TRY", -9.9999m);

        var refusal = await RefusedAsync(() => transaction.CommitAsync());

        refusal.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_lines WHERE entry_id = $1", entryId)).Should().Be(0);
    }

    [Fact]
    public async Task Commit_LinesSummingToZeroOnlyAcrossCurrencies_FailsWithCheckViolation()
    {
        // +10 TRY and -10 USD add up to zero as numbers but not as money: each currency must balance.
        await using var connection = await OpenAsync(db.ConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        var entryId = await InsertEntryAsync(connection);
        await InsertLedgerLineAsync(connection, entryId, "CLEARING-TRY", 10m, "TRY");
        await InsertLedgerLineAsync(connection, entryId, "CASH-USD", -10m, "USD");

        var refusal = await RefusedAsync(() => transaction.CommitAsync());

        refusal.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    [Fact]
    public async Task Commit_UnbalancedLineAppendedToCommittedEntry_FailsWithCheckViolation()
    {
        var entryId = await CommitBalancedEntryAsync(db.ConnectionString);
        await using var connection = await OpenAsync(db.ConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        await InsertLedgerLineAsync(connection, entryId, "FEES-TRY", 1m);

        var refusal = await RefusedAsync(() => transaction.CommitAsync());

        refusal.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_lines WHERE entry_id = $1", entryId)).Should().Be(2);
    }

    [Fact]
    public async Task Insert_SecondReversalOfSameEntry_FailsOnUniqueIndex()
    {
        var original = await CommitBalancedEntryAsync(db.ConnectionString);
        await using var connection = await OpenAsync(db.ConnectionString);
        await InsertEntryAsync(connection, "REVERSAL", reversalOf: original);

        var refusal = await RefusedAsync(() => InsertEntryAsync(connection, "REVERSAL", reversalOf: original));

        refusal.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        refusal.ConstraintName.Should().Be("ix_journal_entries_reversal_of", "the posting engine maps exactly this constraint to ALREADY_REVERSED");
    }

    [Theory]
    [InlineData(AccountType.CHECKING, -0.0001)]
    [InlineData(AccountType.SAVINGS, -100)]
    [InlineData(AccountType.BUSINESS, -1)]
    [InlineData(AccountType.LOAN, 0.0001)]
    [InlineData(AccountType.LOAN, 500)]
    public async Task UpdateBalance_WrongSignForAccountType_FailsOnBalanceSignCheck(AccountType type, double balance)
    {
        await using var connection = await OpenAsync(db.ConnectionString);
        var accountId = await InsertAccountAsync(connection, await InsertCustomerAsync(connection), type, "TRY", 0m);

        var refusal = await RefusedAsync(() => ExecAsync(connection, "UPDATE accounts SET balance = $1 WHERE id = $2", (decimal)balance, accountId));

        refusal.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        refusal.ConstraintName.Should().Be("ck_accounts_balance_sign");
        (await ScalarAsync<decimal>(connection, "SELECT balance FROM accounts WHERE id = $1", accountId)).Should().Be(0m);
    }

    [Theory]
    [InlineData(AccountType.CHECKING, 0)]
    [InlineData(AccountType.CHECKING, 1000.5)]
    [InlineData(AccountType.LOAN, 0)]
    [InlineData(AccountType.LOAN, -25000)]
    public async Task UpdateBalance_RightSignForAccountType_IsAccepted(AccountType type, double balance)
    {
        await using var connection = await OpenAsync(db.ConnectionString);
        var accountId = await InsertAccountAsync(connection, await InsertCustomerAsync(connection), type, "TRY", 0m);

        (await ExecAsync(connection, "UPDATE accounts SET balance = $1 WHERE id = $2", (decimal)balance, accountId)).Should().Be(1);
    }

    [Fact]
    public async Task Insert_NegativeCheckingAccount_FailsOnBalanceSignCheck()
    {
        await using var connection = await OpenAsync(db.ConnectionString);
        var customerId = await InsertCustomerAsync(connection);

        var refusal = await RefusedAsync(() => InsertAccountAsync(connection, customerId, AccountType.CHECKING, "TRY", -5m));

        refusal.ConstraintName.Should().Be("ck_accounts_balance_sign");
    }

    [Fact]
    public async Task LedgerAccounts_OnePerKindAndCurrency_WithCodeKindDashCurrency()
    {
        await using var context = db.CreateContext();

        var rows = context.LedgerAccounts.Select(a => new { a.Code, a.Kind, a.Currency, a.Name }).ToList();

        var expected = (from kind in Enum.GetValues<LedgerAccountKind>()
                        from currency in Enum.GetValues<Currency>()
                        select $"{kind}-{currency}").ToList();
        // 13 kinds (6 from the ledger migration, 5 from receivables, 2 from the period close) in 4 currencies.
        expected.Should().HaveCount(52);
        rows.Select(r => r.Code).Should().BeEquivalentTo(expected);
        rows.Should().OnlyContain(r => r.Code == LedgerAccountCodes.For(r.Kind, r.Currency));
        rows.Should().OnlyContain(r => r.Name.EndsWith(" " + r.Currency));
        rows.Select(r => r.Code).Should().Contain("CASH-TRY").And.Contain("SUSPENSE-GBP").And.Contain("TAX_PAYABLE-EUR").And.Contain("DISCOUNTS_ALLOWED-USD").And.Contain("UNAPPLIED_CASH-GBP").And.Contain("ALLOWANCE-TRY").And.Contain("PROVISION_EXPENSE-EUR");
    }
}
