using System.Globalization;
using BankOffice.Api.Statements;
using BankOffice.Api.Tests.Periods;
using Npgsql;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// <see cref="PeriodApiFactory"/> (a movable clock, closes with hand-computed figures) with statement
/// limits small enough to reach in a test: a 31-day range, five lines to a PDF, runs in batches of two,
/// and the close queuing its statement run.
/// </summary>
public class StatementApiFactory : PeriodApiFactory
{
    public const int MaxSpanDays = 31;
    public const int MaxPdfLines = 5;
    public const int RunBatchSize = 2;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private object? _shared;

    protected virtual string ChromiumPath => "/usr/bin/chromium";

    protected override bool StatementRunOnClose => true;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Statements:MaxSpanDays"] = MaxSpanDays.ToString(CultureInfo.InvariantCulture);
            settings["Statements:MaxPdfLines"] = MaxPdfLines.ToString(CultureInfo.InvariantCulture);
            settings["Statements:RunBatchSize"] = RunBatchSize.ToString(CultureInfo.InvariantCulture);
            settings["Statements:ChromiumPath"] = ChromiumPath;
            return settings;
        }
    }

    /// <summary>
    /// What the tests of a class share (a data set built through the API), built by whichever test
    /// asks first; tests of a class run one after another, so they only read it.
    /// </summary>
    public async Task<T> SharedAsync<T>(Func<Task<T>> build)
        where T : class
    {
        await _gate.WaitAsync();
        try
        {
            return (T)(_shared ??= await build());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Holds the statement run's advisory lock, as a second API instance busy with a run would: this
    /// host's worker then leaves queued runs alone until the lock is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> HoldRunLockAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await LockAsync(connection, "pg_advisory_lock");
        return new RunLock(connection);
    }

    private static async Task LockAsync(NpgsqlConnection connection, string function)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1, 0)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = StatementRunWorker.RunLockClass });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Unlocks explicitly: a pooled connection keeps its session (and the lock) when closed.</summary>
    private sealed class RunLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await LockAsync(connection, "pg_advisory_unlock");
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A host whose Chromium is missing: every PDF must fail clearly while everything else works.</summary>
public sealed class NoChromiumApiFactory : StatementApiFactory
{
    public const string MissingChromium = "/nonexistent/chromium";

    protected override string ChromiumPath => MissingChromium;
}
