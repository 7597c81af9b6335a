using BankOffice.Data.Migrations;
using BankOffice.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BankOffice.Data.Tests.Migrations;

/// <summary>
/// The guard that keeps the hand-written SQL migrations in step with the EF model: a database
/// built by the scripts and one built by EnsureCreated from the model must have the same columns
/// and indexes.
/// </summary>
public class InitialSchemaTests
{
    private const string ColumnsSql = """
        SELECT table_name, column_name, data_type,
               coalesce(character_maximum_length::text, '-'), coalesce(numeric_precision::text, '-'),
               coalesce(numeric_scale::text, '-'), is_nullable
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
        """;

    private const string IndexesSql = """
        SELECT tablename || '.' || indexname FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
        """;

    private static async Task<SortedSet<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }

    private static string Differences(string what, SortedSet<string> scripts, SortedSet<string> model) =>
        $"{what} only in the SQL migrations:\n  {string.Join("\n  ", scripts.Except(model))}\n" +
        $"{what} only in the EF model:\n  {string.Join("\n  ", model.Except(scripts))}";

    [Fact]
    public async Task Scripts_ComparedWithEnsureCreatedModel_HaveSameColumnsAndIndexes()
    {
        var scriptsDb = await TestPostgres.CreateDatabaseAsync("bo_schema_sql");
        var modelDb = await TestPostgres.CreateDatabaseAsync("bo_schema_ef");
        try
        {
            await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(scriptsDb);
            await using (var context = MigratedDatabaseFixture.CreateContext(modelDb))
            {
                (await context.Database.EnsureCreatedAsync()).Should().BeTrue();
            }

            var scriptColumns = await RowsAsync(scriptsDb, ColumnsSql);
            var modelColumns = await RowsAsync(modelDb, ColumnsSql);
            var scriptIndexes = await RowsAsync(scriptsDb, IndexesSql);
            var modelIndexes = await RowsAsync(modelDb, IndexesSql);

            modelColumns.Should().NotBeEmpty();
            modelIndexes.Should().NotBeEmpty();
            scriptColumns.SetEquals(modelColumns).Should().BeTrue(Differences("Columns", scriptColumns, modelColumns));
            scriptIndexes.SetEquals(modelIndexes).Should().BeTrue(Differences("Indexes", scriptIndexes, modelIndexes));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(scriptsDb);
            await TestPostgres.DropDatabaseAsync(modelDb);
        }
    }
}
