using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankOffice.Data.Tests.Configurations;

public class AccountConfigurationTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private async Task<Account> SaveNewAccountAsync(string name = "Test Account")
    {
        var customer = TestData.Customer();
        var account = TestData.Account(customer.Id, name);
        await using var context = db.CreateContext();
        context.Customers.Add(customer);
        context.Accounts.Add(account);
        await context.SaveChangesAsync();
        return account;
    }

    [Theory]
    [InlineData("accounts", "balance")]
    [InlineData("account_history", "previous_balance")]
    [InlineData("account_history", "new_balance")]
    public async Task MoneyColumn_InMigratedSchema_IsNumeric19_4(string table, string column)
    {
        var type = await db.ScalarAsync<string>(
            "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = @t::regclass AND a.attname = @c",
            ("t", table), ("c", column));

        type.Should().Be("numeric(19,4)");
    }

    [Fact]
    public async Task SaveChanges_AccountWithFourDecimalBalance_LoadsBackEqual()
    {
        var customer = TestData.Customer("Çağrı Şükrü Öztürk");
        var account = TestData.Account(customer.Id, "İpek Ağaoğlu 王秀英", Currency.EUR);
        account.ApplyBalanceChange(1234.5678m, "Opening deposit", "teller.ıŞ", TestData.Now);
        await using (var context = db.CreateContext())
        {
            context.Customers.Add(customer);
            context.Accounts.Add(account);
            await context.SaveChangesAsync();
        }

        await using var readContext = db.CreateContext();
        var loaded = await readContext.Accounts.Include(a => a.History).SingleAsync(a => a.Id == account.Id);

        loaded.Should().BeEquivalentTo(account, o => o.Excluding(a => a.Version).Excluding(a => a.History));
        loaded.Balance.Should().Be(1234.5678m);
        loaded.Version.Should().NotBe(0u);
        loaded.History.OrderBy(h => h.Id).Should().BeEquivalentTo(account.History, o => o.Excluding(h => h.Id).WithStrictOrdering());
        loaded.History.Should().OnlyContain(h => h.Id > 0);
        (await db.ScalarAsync<decimal>("SELECT balance FROM accounts WHERE id = @id", ("id", account.Id))).Should().Be(1234.5678m);
    }

    [Fact]
    public async Task SaveChanges_Enums_AreStoredAsTheirNames()
    {
        var customer = TestData.Customer();
        var account = TestData.Account(customer.Id, "Enum Check", Currency.GBP);
        account.Update("Enum Check", AccountType.SAVINGS, "t", TestData.Now);
        account.Suspend("Review", "t", TestData.Now);
        await using (var context = db.CreateContext())
        {
            context.Customers.Add(customer);
            context.Accounts.Add(account);
            await context.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT a.type, a.currency, a.status, c.kind FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = @id", connection);
        command.Parameters.AddWithValue("id", account.Id);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();

        reader.GetString(0).Should().Be("SAVINGS");
        reader.GetString(1).Should().Be("GBP");
        reader.GetString(2).Should().Be("SUSPENDED");
        reader.GetString(3).Should().Be("PERSON");
    }

    [Fact]
    public async Task SaveChanges_SameAccountChangedInTwoContexts_SecondThrowsConcurrencyException()
    {
        var account = await SaveNewAccountAsync("Race Account");
        await using var first = db.CreateContext();
        await using var second = db.CreateContext();
        var mine = await first.Accounts.SingleAsync(a => a.Id == account.Id);
        var theirs = await second.Accounts.SingleAsync(a => a.Id == account.Id);

        mine.Suspend("Fraud check", "teller.a", TestData.Now);
        await first.SaveChangesAsync();
        theirs.Update("Renamed Account", AccountType.BUSINESS, "teller.b", TestData.Now);
        var act = () => second.SaveChangesAsync();

        await act.Should().ThrowAsync<DbUpdateConcurrencyException>();
        await using var check = db.CreateContext();
        var stored = await check.Accounts.SingleAsync(a => a.Id == account.Id);
        stored.Status.Should().Be(AccountStatus.SUSPENDED);
        stored.Name.Should().Be("Race Account");
    }

    [Fact]
    public async Task CheckConstraint_ClosedAccountWithBalance_IsRefused()
    {
        var account = await SaveNewAccountAsync();

        var act = () => db.ExecuteAsync($"UPDATE accounts SET status = 'CLOSED', balance = 1 WHERE id = '{account.Id}'");

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    // The audit trail must survive even SQL that bypasses the application.
    [Theory]
    [InlineData("UPDATE account_history SET description = 'x'")]
    [InlineData("DELETE FROM account_history")]
    [InlineData("TRUNCATE account_history")]
    public async Task AccountHistory_UpdateDeleteOrTruncate_IsRefusedByDatabase(string sql)
    {
        var account = await SaveNewAccountAsync();
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM account_history WHERE account_id = @id", ("id", account.Id));

        var act = () => db.ExecuteAsync(sql);

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        before.Should().Be(1);
        (await db.ScalarAsync<long>("SELECT count(*) FROM account_history WHERE account_id = @id AND description <> 'x'", ("id", account.Id)))
            .Should().Be(before);
    }

    [Fact]
    public async Task AccountHistory_UpdateThroughEf_IsRefusedByDatabase()
    {
        var account = await SaveNewAccountAsync();
        await using var context = db.CreateContext();
        var entry = await context.AccountHistory.SingleAsync(h => h.AccountId == account.Id);
        context.Entry(entry).Property(h => h.Description).CurrentValue = "rewritten";

        var act = () => context.SaveChangesAsync();

        (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>();
    }
}
