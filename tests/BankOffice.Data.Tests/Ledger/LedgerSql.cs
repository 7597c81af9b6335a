using BankOffice.Core.Accounts;
using Npgsql;

namespace BankOffice.Data.Tests.Ledger;

/// <summary>Plain SQL writes of ledger rows, to exercise the database's own guards without the posting engine.</summary>
internal static class LedgerSql
{
    private static long serial = Random.Shared.NextInt64(1, 1_000_000_000);

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecAsync(NpgsqlConnection connection, string sql, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<Guid> InsertEntryAsync(NpgsqlConnection connection, string kind = "DEPOSIT", decimal amount = 10m, string currency = "TRY", Guid? reversalOf = null)
    {
        var id = Guid.CreateVersion7();
        await ExecAsync(connection,
            "INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency) VALUES ($1, $2, 'test', current_date, now(), 'test', NULL, $3, $4, $5)",
            id, kind, reversalOf, amount, currency);
        return id;
    }

    /// <summary>A line on an internal account by code (e.g. CASH-TRY).</summary>
    public static Task<int> InsertLedgerLineAsync(NpgsqlConnection connection, Guid entryId, string code, decimal amount, string currency = "TRY") =>
        ExecAsync(connection,
            "INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after) SELECT $1, NULL, id, $2, $3, NULL FROM ledger_accounts WHERE code = $4",
            entryId, currency, amount, code);

    /// <summary>A balanced two-line entry (cash against clearing), committed.</summary>
    public static async Task<Guid> CommitBalancedEntryAsync(string connectionString, decimal amount = 10m)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await InsertEntryAsync(connection, amount: amount);
        await InsertLedgerLineAsync(connection, id, "CLEARING-TRY", amount);
        await InsertLedgerLineAsync(connection, id, "CASH-TRY", -amount);
        await transaction.CommitAsync();
        return id;
    }

    public static async Task<string> InsertCustomerAsync(NpgsqlConnection connection)
    {
        var id = TestData.NewCustomerId();
        await ExecAsync(connection, "INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES ($1, 'PERSON', 'Ledger Test', now(), now())", id);
        return id;
    }

    public static async Task<Guid> InsertAccountAsync(NpgsqlConnection connection, string customerId, AccountType type, string currency, decimal balance, AccountStatus status = AccountStatus.ACTIVE)
    {
        var id = Guid.CreateVersion7();
        var iban = new IbanOptions().ForSerial(Interlocked.Increment(ref serial)).Value;
        await ExecAsync(connection,
            """
            INSERT INTO accounts (id, number, iban, customer_id, name, type, currency, status, balance, status_reason, created_at, updated_at, closed_at)
            VALUES ($1, $2, $3, $4, 'Ledger Test', $5, $6, $7, $8, NULL, now(), now(), NULL)
            """,
            id, AccountNumber.New().Value, iban, customerId, type.ToString(), currency, status.ToString(), balance);
        return id;
    }
}
