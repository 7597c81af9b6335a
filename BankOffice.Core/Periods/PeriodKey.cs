using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Core.Periods;

/// <summary>An accounting period: one calendar month, written "2026-10" (seed 003's <c>period</c>).</summary>
public readonly record struct PeriodKey(int Year, int Month) : IComparable<PeriodKey>
{
    public const int Length = 7;

    public DateOnly Start => new(Year, Month, 1);
    public DateOnly End => Start.AddMonths(1).AddDays(-1);
    public int Days => End.DayNumber - Start.DayNumber + 1;
    public PeriodKey Next => Of(Start.AddMonths(1));
    public PeriodKey Previous => Of(Start.AddMonths(-1));

    public static PeriodKey Of(DateOnly date) => new(date.Year, date.Month);

    public static PeriodKey Parse(string? value)
    {
        if (value is { Length: Length } && value[4] == '-'
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && year is >= 2000 and <= 2999 && month is >= 1 and <= 12)
        {
            return new PeriodKey(year, month);
        }

        throw DomainException.Invalid(ErrorCodes.ValidationError, $"A period is written YYYY-MM, e.g. 2026-10; '{value}' is not one.");
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public int CompareTo(PeriodKey other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(PeriodKey left, PeriodKey right) => left.CompareTo(right) < 0;
    public static bool operator >(PeriodKey left, PeriodKey right) => left.CompareTo(right) > 0;
    public static bool operator <=(PeriodKey left, PeriodKey right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PeriodKey left, PeriodKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
