using BankOffice.Core.Accounts;
using BankOffice.Data.Migrations;
using BankOffice.TestSupport;
using Npgsql;
using static BankOffice.Data.Tests.Ledger.LedgerSql;

namespace BankOffice.Data.Tests.Ledger;

/// <summary>
/// Migration 0002 takes the balances that existed before the ledger over as OPENING entries against
/// suspense, so that from then on every balance equals the sum of its lines.
/// </summary>
public class OpeningBalanceMigrationTests
{
    private sealed record Opening(Guid AccountId, string Kind, string EntryCurrency, decimal EntryAmount, string Actor, long Lines, decimal? CustomerLine, decimal? BalanceAfter, string? SuspenseCode, decimal? SuspenseLine);

    private static async Task ApplyAsync(string connectionString, string version)
    {
        var sql = SqlMigrator.Scripts().Single(s => s.Version.StartsWith(version + "_", StringComparison.Ordinal)).Sql;
        await using var connection = await OpenAsync(connectionString);
        // As the migrator does: one transaction per script, so the deferred balance check runs at its commit.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Migration0002_AccountsWithBalances_GetOneOpeningEntryAgainstSuspense()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("bo_opening");
        try
        {
            await ApplyAsync(connectionString, "0001");
            var balances = new (AccountType Type, string Currency, decimal Balance)[]
            {
                (AccountType.CHECKING, "TRY", 1500.25m),
                (AccountType.SAVINGS, "EUR", 0.0001m),
                (AccountType.BUSINESS, "GBP", 99999.9999m),
                (AccountType.LOAN, "USD", -12000m), // what is owed is taken over too
            };
            var ids = new Dictionary<Guid, (string Currency, decimal Balance)>();
            Guid zeroAccount;
            await using (var connection = await OpenAsync(connectionString))
            {
                var customerId = await InsertCustomerAsync(connection);
                foreach (var (type, currency, balance) in balances)
                {
                    ids[await InsertAccountAsync(connection, customerId, type, currency, balance)] = (currency, balance);
                }

                zeroAccount = await InsertAccountAsync(connection, customerId, AccountType.CHECKING, "TRY", 0m);
            }

            await ApplyAsync(connectionString, "0002");

            await using var check = await OpenAsync(connectionString);
            var openings = new List<Opening>();
            await using (var command = new NpgsqlCommand(
                """
                SELECT c.account_id, e.kind, e.currency, e.amount, e.actor,
                       (SELECT count(*) FROM journal_lines x WHERE x.entry_id = e.id),
                       c.amount, c.balance_after, la.code, s.amount
                FROM journal_lines c
                JOIN journal_entries e ON e.id = c.entry_id
                LEFT JOIN journal_lines s ON s.entry_id = e.id AND s.ledger_account_id IS NOT NULL
                LEFT JOIN ledger_accounts la ON la.id = s.ledger_account_id
                WHERE c.account_id IS NOT NULL
                """, check))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    openings.Add(new Opening(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetString(4), reader.GetInt64(5),
                        reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetDecimal(9)));
                }
            }

            openings.Select(o => o.AccountId).Should().BeEquivalentTo(ids.Keys, "one opening per account with a balance, none for a zero balance");
            openings.Should().NotContain(o => o.AccountId == zeroAccount);
            foreach (var opening in openings)
            {
                var (currency, balance) = ids[opening.AccountId];
                opening.Kind.Should().Be("OPENING");
                opening.EntryCurrency.Should().Be(currency);
                opening.EntryAmount.Should().Be(Math.Abs(balance));
                opening.Lines.Should().Be(2);
                opening.CustomerLine.Should().Be(balance);
                opening.BalanceAfter.Should().Be(balance);
                opening.SuspenseCode.Should().Be($"SUSPENSE-{currency}");
                opening.SuspenseLine.Should().Be(-balance);
            }

            (await ScalarAsync<long>(check, "SELECT count(*) FROM journal_entries")).Should().Be(balances.Length);
            (await ScalarAsync<long>(check, "SELECT count(*) FROM (SELECT currency FROM journal_lines GROUP BY currency HAVING sum(amount) <> 0) x")).Should().Be(0, "the ledger sums to zero per currency");
            (await ScalarAsync<long>(check,
                """
                SELECT count(*) FROM accounts a
                WHERE a.balance <> coalesce((SELECT sum(l.amount) FROM journal_lines l WHERE l.account_id = a.id), 0)
                """)).Should().Be(0, "every balance equals the sum of its lines");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migration0002_OnEmptyDatabase_WritesNoEntries()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("bo_opening");
        try
        {
            await ApplyAsync(connectionString, "0001");
            await ApplyAsync(connectionString, "0002");

            await using var connection = await OpenAsync(connectionString);
            (await ScalarAsync<long>(connection, "SELECT count(*) FROM journal_entries")).Should().Be(0);
            (await ScalarAsync<long>(connection, "SELECT count(*) FROM ledger_accounts")).Should().Be(24);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
