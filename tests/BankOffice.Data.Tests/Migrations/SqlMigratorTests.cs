using BankOffice.Data.Migrations;
using BankOffice.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BankOffice.Data.Tests.Migrations;

/// <summary>Each test needs an empty database of its own, so these do not use the shared fixture.</summary>
public class SqlMigratorTests
{
    private static SqlMigrator NewMigrator() => new(NullLogger<SqlMigrator>.Instance);

    private static async Task WithEmptyDatabase(Func<string, Task> test)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("bo_migr");
        try
        {
            await test(connectionString);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<List<(string Version, string Checksum)>> AppliedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static string ScriptsFolderOnDisk()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "BankOffice.Data", "Migrations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("BankOffice.Data/Migrations not found above " + AppContext.BaseDirectory);
    }

    // A script added to Migrations/ but not embedded would never be applied; compare with the files.
    [Fact]
    public void Scripts_Embedded_AreExactlyTheSqlFilesInOrder()
    {
        var files = Directory.GetFiles(ScriptsFolderOnDisk(), "*.sql")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList();

        files.Should().Contain("0001_initial");
        SqlMigrator.Scripts().Select(s => s.Version).Should().Equal(files);
    }

    [Fact]
    public Task MigrateAsync_EmptyDatabase_AppliesEveryScriptOnce() => WithEmptyDatabase(async cs =>
    {
        var expected = Directory.GetFiles(ScriptsFolderOnDisk(), "*.sql").Length;

        var applied = await NewMigrator().MigrateAsync(cs);

        applied.Should().Be(expected);
        var rows = await AppliedAsync(cs);
        rows.Select(r => r.Version).Should().Equal(SqlMigrator.Scripts().Select(s => s.Version));
        rows.Should().OnlyContain(r => r.Checksum.Length == 64);
    });

    [Fact]
    public Task MigrateAsync_SecondRun_AppliesNothing() => WithEmptyDatabase(async cs =>
    {
        var first = await NewMigrator().MigrateAsync(cs);
        var before = await AppliedAsync(cs);

        var second = await NewMigrator().MigrateAsync(cs);

        first.Should().BePositive();
        second.Should().Be(0);
        (await AppliedAsync(cs)).Should().Equal(before);
    });

    // Several API instances start at once; the advisory lock must let exactly one apply the scripts.
    [Fact]
    public Task MigrateAsync_ConcurrentRunsOnFreshDatabase_ApplyEachScriptExactlyOnce() => WithEmptyDatabase(async cs =>
    {
        var expected = SqlMigrator.Scripts().Count;
        using var start = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await NewMigrator().MigrateAsync(cs);
        })).ToArray();

        start.Set();
        var counts = await Task.WhenAll(runs);

        counts.Order().Should().Equal(0, expected);
        var rows = await AppliedAsync(cs);
        rows.Should().HaveCount(expected);
        rows.Select(r => r.Version).Should().OnlyHaveUniqueItems();
    });

    [Fact]
    public Task MigrateAsync_AppliedScriptChangedAfterwards_Throws() => WithEmptyDatabase(async cs =>
    {
        await NewMigrator().MigrateAsync(cs);
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE schema_migrations SET checksum = 'x'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var act = () => NewMigrator().MigrateAsync(cs);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("0001_initial");
        // The lock is released on failure: a further run fails the same way instead of hanging.
        var again = () => NewMigrator().MigrateAsync(cs).WaitAsync(TimeSpan.FromSeconds(30));
        await again.Should().ThrowAsync<InvalidOperationException>();
    });
}
