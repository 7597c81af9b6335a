using BankOffice.Data.Migrations;
using BankOffice.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BankOffice.Data.Tests;

/// <summary>A fresh database per test class, migrated with the SQL scripts the API applies at start-up.</summary>
public sealed class MigratedDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("bo_data");
        await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(ConnectionString);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);

    public BankOfficeDbContext CreateContext() => CreateContext(ConnectionString);

    public static BankOfficeDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<BankOfficeDbContext>().UseNpgsql(connectionString).Options);

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
