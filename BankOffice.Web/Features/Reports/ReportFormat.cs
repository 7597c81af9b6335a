using System.Globalization;
using BankOffice.Core.Reports;

namespace BankOffice.Web.Features.Reports;

/// <summary>How the report screens write their figures and options.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Bucket(AgingBucket bucket) => bucket switch
    {
        AgingBucket.CURRENT => "Current",
        AgingBucket.DAYS_1_30 => "1–30 days",
        AgingBucket.DAYS_31_60 => "31–60 days",
        AgingBucket.DAYS_61_90 => "61–90 days",
        _ => "Over 90 days",
    };

    public static string Percent(decimal value) => value.ToString("0.00", Culture) + " %";

    public static string Days(decimal? dso) => dso is { } days ? days.ToString("0.00", Culture) + " days" : "–";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Culture);

    public static string Range(DateOnly from, DateOnly to) => from == to ? Day(from) : $"{Day(from)} – {Day(to)}";

    /// <summary>Chart axis labels: whole units with thousands separators.</summary>
    public static string Axis(object value) => Convert.ToDouble(value, Culture).ToString("#,##0", Culture);

    public static DateOnly? DateOf(DateTime? value) => value is null ? null : DateOnly.FromDateTime(value.Value);
}
