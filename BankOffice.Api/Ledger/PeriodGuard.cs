using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Api.Ledger;

/// <summary>
/// Keeps postings out of closed months. Every posting holds its value date's period lock shared
/// for its transaction; a close takes it exclusively to flip the period to CLOSING, so the flip
/// waits for postings in flight and every later posting reads the new status.
/// </summary>
public static class PeriodGuard
{
    /// <summary>The first key of the period advisory locks (the second is year * 100 + month).</summary>
    public const int LockClass = 0x5045_5244; // "PERD"

    /// <summary>
    /// The shared lock of the value date's month ($2 = yyyymm of $3), or, for a date before the first
    /// period row, of the first period: a backdated posting then queues behind that period's close.
    /// </summary>
    public const string SharedLockSql = """
        SELECT pg_advisory_xact_lock_shared($1, coalesce(
            (SELECT (extract(year FROM p.start_date) * 100 + extract(month FROM p.start_date))::int FROM accounting_periods p
             WHERE p.start_date > $3 AND NOT EXISTS (SELECT 1 FROM accounting_periods q WHERE q.start_date <= $3)
             ORDER BY p.start_date LIMIT 1),
            $2))
        """;
    public const string ExclusiveLockSql = "SELECT pg_advisory_xact_lock($1, $2)";
    /// <summary>
    /// The status of the value date's period; a date with no period row but a closed (or closing)
    /// period after it reads CLOSED, since periods close in order and the books before the first
    /// period are closed with it.
    /// </summary>
    public const string StatusSql = """
        SELECT coalesce(
            (SELECT status FROM accounting_periods WHERE start_date <= $1 AND end_date >= $1),
            (SELECT 'CLOSED' WHERE EXISTS (SELECT 1 FROM accounting_periods WHERE start_date > $1 AND status <> 'OPEN')))
        """;

    public static object[] LockKey(DateOnly date) => [LockClass, date.Year * 100 + date.Month];

    /// <summary>The parameters of <see cref="SharedLockSql"/>.</summary>
    public static object[] SharedLockParameters(DateOnly date) => [LockClass, date.Year * 100 + date.Month, date];

    public static object[] LockKey(PeriodKey period) => [LockClass, period.Year * 100 + period.Month];

    /// <summary>A posting dated into a CLOSED period, or into a CLOSING one by anyone but the close itself, is refused.</summary>
    public static void Check(PeriodStatus? status, DateOnly valueDate, bool byPeriodClose)
    {
        var period = PeriodKey.Of(valueDate);
        if (status == PeriodStatus.CLOSED)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodClosed, $"Period {period} is closed: nothing can be posted with a value date in it ({valueDate:yyyy-MM-dd}). Post a correction in the current period, or ask for the period to be reopened.",
                new Dictionary<string, object?> { ["period"] = period.ToString(), ["valueDate"] = valueDate });
        }

        if (status == PeriodStatus.CLOSING && !byPeriodClose)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodClosed, $"Period {period} is being closed: nothing can be posted with a value date in it until the close finishes.",
                new Dictionary<string, object?> { ["period"] = period.ToString(), ["valueDate"] = valueDate, ["status"] = status.ToString() });
        }
    }
}
