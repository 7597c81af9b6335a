using Npgsql;

namespace BankOffice.TestSupport;

/// <summary>
/// The PostgreSQL server the test run started (<c>./bankoffice test</c> sets
/// <c>BANKOFFICE_TEST_PG</c> to a superuser connection string). Each fixture gets its own fresh
/// database, dropped afterwards, so test classes never see each other's rows. Without the
/// variable the tests fail with an explanation rather than skip.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "BANKOFFICE_TEST_PG";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with './bankoffice test', which starts a PostgreSQL server for them, " +
                $"or set {EnvironmentVariable} to a superuser connection string such as Host=127.0.0.1;Port=5432;Username=postgres;Password=...");

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
