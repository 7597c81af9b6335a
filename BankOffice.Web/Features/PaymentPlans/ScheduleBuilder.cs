using BankOffice.Core.Collections;

namespace BankOffice.Web.Features.PaymentPlans;

/// <summary>"Spread evenly": equal monthly installments after the start date, the remainder cents on the last one.</summary>
public static class ScheduleBuilder
{
    public static IReadOnlyList<ScheduleLine> SpreadEvenly(decimal amount, int installments, DateOnly startDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(installments, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);

        var each = Math.Floor(amount * 100m / installments) / 100m;
        var lines = Enumerable.Range(1, installments).Select(i => new ScheduleLine(startDate.AddMonths(i), each)).ToList();
        lines[^1] = lines[^1] with { Amount = amount - (each * (installments - 1)) };
        return lines;
    }
}
