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

    public const string SharedLockSql = "SELECT pg_advisory_xact_lock_shared($1, $2)";
    public const string ExclusiveLockSql = "SELECT pg_advisory_xact_lock($1, $2)";
    public const string StatusSql = "SELECT status FROM accounting_periods WHERE start_date <= $1 AND end_date >= $1";

    public static object[] LockKey(DateOnly date) => [LockClass, date.Year * 100 + date.Month];

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
