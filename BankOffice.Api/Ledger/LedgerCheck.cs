using System.Data;
using System.Diagnostics;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace BankOffice.Api.Ledger;

/// <summary>
/// Proves the ledger on one consistent snapshot: every entry's lines sum to zero per currency (and
/// it has at least two), and every customer account's stored balance equals the sum of its lines.
/// </summary>
public sealed class LedgerCheck(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const int MaxListed = 100;

    /// <summary>Every customer account whose stored balance differs from the sum of its lines: number, currency, balance, total. Also the period close's first proof.</summary>
    public const string BalanceMismatchSql = """
        SELECT a.number, a.currency, a.balance, coalesce(s.total, 0) AS total
        FROM accounts a
        LEFT JOIN (SELECT account_id, sum(amount) AS total FROM journal_lines WHERE account_id IS NOT NULL GROUP BY account_id) s ON s.account_id = a.id
        WHERE a.balance <> coalesce(s.total, 0)
        """;

    public async Task<LedgerCheckDto> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var totals = await ReadAsync(connection, transaction, "SELECT currency, sum(amount), count(*) FROM journal_lines GROUP BY currency ORDER BY currency",
            r => new CurrencySumDto(Enum.Parse<Currency>(r.GetString(0)), r.GetDecimal(1), r.GetInt64(2)), cancellationToken);
        var unbalanced = await ReadAsync(connection, transaction,
            $"""
            SELECT e.id, coalesce(s.currency, e.currency), coalesce(s.total, 0)
            FROM journal_entries e
            LEFT JOIN (SELECT entry_id, currency, sum(amount) AS total, count(*) AS n FROM journal_lines GROUP BY entry_id, currency) s ON s.entry_id = e.id
            WHERE coalesce(s.total, 0) <> 0 OR coalesce(s.n, 0) < 2
            LIMIT {MaxListed}
            """,
            r => new UnbalancedEntryDto(r.GetGuid(0), Enum.Parse<Currency>(r.GetString(1)), r.GetDecimal(2)), cancellationToken);
        var mismatches = await ReadAsync(connection, transaction,
            $"SELECT number, currency, balance, total FROM ({BalanceMismatchSql}) m ORDER BY number LIMIT {MaxListed}",
            r => new BalanceMismatchDto(r.GetString(0), Enum.Parse<Currency>(r.GetString(1)), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(2) - r.GetDecimal(3)), cancellationToken);
        var counts = (await ReadAsync(connection, transaction,
            "SELECT (SELECT count(*) FROM journal_entries), (SELECT count(*) FROM journal_lines), (SELECT count(*) FROM accounts)",
            r => (Entries: r.GetInt64(0), Lines: r.GetInt64(1), Accounts: r.GetInt64(2)), cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);

        var ok = unbalanced.Count == 0 && mismatches.Count == 0 && totals.All(t => t.Sum == 0m);
        return new LedgerCheckDto(ok, time.GetUtcNow(), counts.Entries, counts.Lines, counts.Accounts, totals, unbalanced, mismatches, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        // Reads the whole ledger: minutes on millions of lines, not a request's default 30 s.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}

public static class LedgerCheckEndpoints
{
    public static RouteGroupBuilder MapLedgerCheckEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/admin/ledger").WithTags("Admin").RequireAuthorization(Permissions.UserAdmin).MapGet("/check", Check);
        return api;
    }

    public static async Task<Ok<LedgerCheckDto>> Check(LedgerCheck check, CancellationToken cancellationToken) =>
        TypedResults.Ok(await check.RunAsync(cancellationToken));
}
