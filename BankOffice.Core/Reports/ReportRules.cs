using System.Reflection;
using System.Text.Json.Serialization;
using BankOffice.Core.Common;

namespace BankOffice.Core.Reports;

/// <summary>The reports' options as they are written in a query string and in JSON (the enum's wire name).</summary>
public static class ReportOptions
{
    /// <summary>Reports are in one currency at a time; without one they are in the bank's home currency.</summary>
    public const Currency DefaultCurrency = Currency.TRY;

    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    /// <summary>
    /// <paramref name="fallback"/> when <paramref name="text"/> is empty, else the option whose wire
    /// name it is (any case); otherwise 400 VALIDATION_ERROR naming the field and its options. Numbers
    /// are refused: Enum.TryParse would take "7" for a value that does not exist.
    /// </summary>
    public static TEnum Parse<TEnum>(string? text, string field, TEnum fallback) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(WireName(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var options = string.Join(", ", Enum.GetValues<TEnum>().Select(WireName));
        throw DomainException.Invalid(ErrorCodes.ValidationError, $"{field} is one of: {options}; '{text.Trim()}' is not.");
    }
}

/// <summary>The calendar arithmetic of the DSO and cash-flow reports.</summary>
public static class ReportCalendar
{
    /// <summary>The longest cash-flow range: a leap year.</summary>
    public const int MaxCashFlowDays = 366;

    /// <summary>The default cash-flow range when no toDate is given: 90 days from fromDate.</summary>
    public const int DefaultCashFlowDays = 90;

    /// <summary>
    /// The last complete period before <paramref name="asOf"/>: the one before the month, quarter or
    /// year that <paramref name="asOf"/> falls in (a period counts from the day after its end, as a
    /// period can be closed from then). As of 2026-11-21 or 2026-11-01 that is October 2026; as of 2026-10-31, September.
    /// </summary>
    public static (DateOnly From, DateOnly To) LastComplete(DsoPeriod period, DateOnly asOf) => Containing(period, Start(period, asOf).AddDays(-1));

    /// <summary>The period to compare with: the one just before, or the same one a year earlier.</summary>
    public static (DateOnly From, DateOnly To) Comparison(DsoPeriod period, DsoComparison compareWith, DateOnly from) => compareWith switch
    {
        DsoComparison.PREVIOUS_YEAR => Containing(period, from.AddYears(-1)),
        _ => Containing(period, from.AddDays(-1)),
    };

    public static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;

    /// <summary>
    /// The buckets from <paramref name="from"/> to <paramref name="to"/>: days; calendar weeks
    /// (Monday to Sunday); or calendar months; the first and last cut to the range.
    /// </summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Buckets(DateOnly from, DateOnly to, CashFlowInterval interval)
    {
        var buckets = new List<(DateOnly, DateOnly)>();
        for (var start = from; start <= to;)
        {
            var end = interval switch
            {
                CashFlowInterval.Daily => start,
                CashFlowInterval.Weekly => start.AddDays((7 - DaysSinceMonday(start)) - 1),
                _ => new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1),
            };
            if (end > to)
            {
                end = to;
            }

            buckets.Add((start, end));
            start = end.AddDays(1);
        }

        return buckets;
    }

    /// <summary>Checks a cash-flow range: toDate not before fromDate, at most <see cref="MaxCashFlowDays"/> days.</summary>
    public static void CheckCashFlowRange(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"toDate ({to:yyyy-MM-dd}) is before fromDate ({from:yyyy-MM-dd}).");
        }

        if (Days(from, to) > MaxCashFlowDays)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"A cash-flow forecast covers at most {MaxCashFlowDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {Days(from, to)}.");
        }
    }

    /// <summary>Part of a whole in percent, 2 decimals (half away from zero); 0 of nothing is 0.</summary>
    public static decimal Percent(decimal part, decimal whole) =>
        whole == 0m ? 0m : decimal.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Days sales outstanding, 2 decimals; null without credit sales (a division by zero, or by a net credit).</summary>
    public static decimal? Dso(decimal receivables, decimal creditSales, int days) =>
        creditSales <= 0m ? null : decimal.Round(receivables / creditSales * days, 2, MidpointRounding.AwayFromZero);

    private static (DateOnly From, DateOnly To) Containing(DsoPeriod period, DateOnly day)
    {
        var start = Start(period, day);
        var months = period switch
        {
            DsoPeriod.MONTH => 1,
            DsoPeriod.QUARTER => 3,
            _ => 12,
        };
        return (start, start.AddMonths(months).AddDays(-1));
    }

    private static DateOnly Start(DsoPeriod period, DateOnly day) => period switch
    {
        DsoPeriod.MONTH => new DateOnly(day.Year, day.Month, 1),
        DsoPeriod.QUARTER => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    private static int DaysSinceMonday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;
}
