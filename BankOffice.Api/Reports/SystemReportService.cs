using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;
using BankOffice.Core.Security;
using Npgsql;

namespace BankOffice.Api.Reports;

/// <summary>
/// Seed 002's system report for admins: users per role, customer accounts per type and status,
/// balances per currency and the journal's daily volumes over the last <see cref="VolumeDays"/> days
/// (today included, by the UTC day an entry was posted). All on one snapshot, each figure one aggregate.
/// </summary>
public sealed class SystemReportService(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int VolumeDays = 30;

    private const string UsersByRoleSql = """
        SELECT r.name, count(ur.user_id)::int FROM roles r LEFT JOIN user_roles ur ON ur.role_id = r.id GROUP BY r.name
        """;

    private const string AccountsSql = "SELECT type, status, count(*)::int FROM accounts GROUP BY type, status ORDER BY type, status";

    private const string BalancesSql = """
        SELECT currency, count(*)::int,
               coalesce(sum(balance) FILTER (WHERE type <> 'LOAN'), 0), coalesce(sum(balance) FILTER (WHERE type = 'LOAN'), 0)
        FROM accounts GROUP BY currency ORDER BY currency
        """;

    // $1, $2: the window's first midnight and the midnight after its last day (UTC); by posted_at, which is indexed.
    private const string VolumesSql = """
        SELECT (posted_at AT TIME ZONE 'UTC')::date, currency, count(*)::int, sum(amount)
        FROM journal_entries WHERE posted_at >= $1 AND posted_at < $2 GROUP BY 1, 2
        """;

    public async Task<SystemReportDto> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = today.AddDays(-(VolumeDays - 1));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ReportSql.SnapshotAsync(connection, cancellationToken);
        var totalUsers = (await ReportSql.ReadAsync(connection, transaction, "SELECT count(*)::int FROM users", r => r.GetInt32(0), cancellationToken)).Single();
        var roles = (await ReportSql.ReadAsync(connection, transaction, UsersByRoleSql, r => (Role: r.GetString(0), Users: r.GetInt32(1)), cancellationToken))
            .ToDictionary(r => r.Role, r => r.Users, StringComparer.Ordinal);
        var accounts = await ReportSql.ReadAsync(connection, transaction, AccountsSql,
            r => new AccountGroupDto(Enum.Parse<AccountType>(r.GetString(0)), Enum.Parse<AccountStatus>(r.GetString(1)), r.GetInt32(2)), cancellationToken);
        var balances = await ReportSql.ReadAsync(connection, transaction, BalancesSql,
            r => new CurrencyBalancesDto(Enum.Parse<Currency>(r.GetString(0)), r.GetInt32(1), M(r.GetDecimal(2)), M(r.GetDecimal(3)), M(r.GetDecimal(2) + r.GetDecimal(3))), cancellationToken);
        var volumes = await ReportSql.ReadAsync(connection, transaction, VolumesSql,
            r => new DailyVolumeDto(r.GetFieldValue<DateOnly>(0), Enum.Parse<Currency>(r.GetString(1)), r.GetInt32(2), M(r.GetDecimal(3))), cancellationToken,
            Midnight(from), Midnight(today.AddDays(1)));
        await transaction.CommitAsync(cancellationToken);

        // Every role the application knows, in its own order, also those nobody holds (then any other role in the table).
        var usersByRole = Roles.All.Select(r => new RoleUsersDto(r, roles.GetValueOrDefault(r)))
            .Concat(roles.Where(r => !Roles.All.Contains(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RoleUsersDto(r.Key, r.Value)))
            .ToList();

        // A row for every day and every currency that moved in the window, so a chart has no gaps.
        var byDay = volumes.ToDictionary(v => (v.Date, v.Currency));
        var days = Enumerable.Range(0, VolumeDays).Select(from.AddDays).ToList();
        var daily = volumes.Select(v => v.Currency).Distinct().Order()
            .SelectMany(c => days.Select(d => byDay.GetValueOrDefault((d, c)) ?? new DailyVolumeDto(d, c, 0, M(0m))))
            .ToList();

        return new SystemReportDto(now, totalUsers, usersByRole, accounts, balances, from, today, daily);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static decimal M(decimal value) => Money.AtScale(value);
}
