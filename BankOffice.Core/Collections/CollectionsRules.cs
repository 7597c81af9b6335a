using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Collections;

/// <summary>Seed 003's age groups, by days the oldest overdue invoice is past due.</summary>
public static class AgeGroups
{
    public const string Days1To7 = "1_7";
    public const string Days8To15 = "8_15";
    public const string Days16To30 = "16_30";
    public const string Days31To45 = "31_45";
    public const string Days46To60 = "46_60";
    public const string Over60 = "OVER_60";

    /// <summary>Each group with the days past due it covers (inclusive).</summary>
    public static readonly IReadOnlyList<(string Group, int FromDays, int ToDays)> Ranges =
    [
        (Days1To7, 1, 7), (Days8To15, 8, 15), (Days16To30, 16, 30), (Days31To45, 31, 45), (Days46To60, 46, 60), (Over60, 61, int.MaxValue),
    ];

    public static readonly IReadOnlyList<string> All = Ranges.Select(r => r.Group).ToList();

    public static string Of(int daysOverdue) => daysOverdue < 1
        ? throw new ArgumentOutOfRangeException(nameof(daysOverdue), daysOverdue, "Only overdue customers have an age group.")
        : Ranges.First(r => daysOverdue <= r.ToDays).Group;

    public static string Parse(string value) =>
        All.FirstOrDefault(g => string.Equals(g, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw DomainException.Invalid(ErrorCodes.ValidationError, $"ageGroup is one of: {string.Join(", ", All)}.");
}

/// <summary>How the queue's priority was reached, point by point, so a collector can see why.</summary>
public sealed record PriorityScore(int AmountPoints, int AgePoints, int RiskPoints, int BrokenPromisePoints, int PlanBreachPoints)
{
    public int Total => AmountPoints + AgePoints + RiskPoints + BrokenPromisePoints + PlanBreachPoints;

    public Priority Level => Total >= CollectionPriority.HighFrom ? Priority.HIGH : Total >= CollectionPriority.MediumFrom ? Priority.MEDIUM : Priority.LOW;
}

/// <summary>
/// The collections priority score (5–165): points for the overdue amount, the age of the oldest
/// overdue invoice, the risk category, promises broken in the last 12 months and a breached
/// payment plan. HIGH from 70 points, MEDIUM from 40, LOW below. The table is in README.md.
/// </summary>
public static class CollectionPriority
{
    public const int HighFrom = 70;
    public const int MediumFrom = 40;
    public const int PointsPerBrokenPromise = 15;
    public const int MaxBrokenPromisesCounted = 3;
    public const int PlanBreachPoints = 20;
    public const int BrokenPromiseLookbackDays = 365;

    /// <summary>Points from each overdue amount up, highest first (nothing below the last).</summary>
    public static readonly IReadOnlyList<(decimal From, int Points)> AmountBands = [(100_000m, 40), (50_000m, 30), (10_000m, 20), (1_000m, 10)];

    /// <summary>Points above each number of days past due, highest first (<see cref="MinAgePoints"/> below the last).</summary>
    public static readonly IReadOnlyList<(int Above, int Points)> AgeBands = [(60, 40), (45, 30), (30, 25), (15, 15), (7, 10)];

    public const int MinAgePoints = 5;

    public static readonly IReadOnlyDictionary<RiskCategory, int> RiskPoints = new Dictionary<RiskCategory, int>
    {
        [RiskCategory.A] = 0, [RiskCategory.B] = 5, [RiskCategory.C] = 10, [RiskCategory.D] = 20,
    };

    public static PriorityScore Score(decimal overdueAmount, int daysOverdue, RiskCategory risk, int brokenPromises, bool planBreached) => new(
        AmountBands.Where(b => overdueAmount >= b.From).Select(b => b.Points).FirstOrDefault(),
        AgeBands.Where(b => daysOverdue > b.Above).Select(b => b.Points).DefaultIfEmpty(MinAgePoints).First(),
        RiskPoints[risk],
        Math.Min(brokenPromises, MaxBrokenPromisesCounted) * PointsPerBrokenPromise,
        planBreached ? PlanBreachPoints : 0);
}

/// <summary>A promise to pay is kept once payments recorded since it was given (dated up to its date) reach its amount, and broken when its date passes first.</summary>
public static class PromiseRules
{
    public static PromiseStatus Evaluate(decimal promisedAmount, DateOnly promiseDate, decimal paidSinceMade, DateOnly today) =>
        paidSinceMade >= promisedAmount ? PromiseStatus.KEPT : today > promiseDate ? PromiseStatus.BROKEN : PromiseStatus.OPEN;
}

public sealed record ScheduleLine(DateOnly DueDate, decimal Amount);

public sealed record InstallmentProgress(int Sequence, DateOnly DueDate, decimal Amount, decimal Paid, InstallmentStatus Status)
{
    public bool IsDownPayment => Sequence == 0;
}

public sealed record PlanProgress(IReadOnlyList<InstallmentProgress> Installments, PlanStatus Status, decimal Paid, decimal Remaining);

/// <summary>
/// Payment plans: the down payment (due on the start date) plus the installments add up exactly to
/// the total. Payments recorded after the plan was made are applied to the down payment and
/// then to the installments in due order; an installment not fully paid by its due date plus the
/// grace days is MISSED and breaches the plan.
/// </summary>
public static class PaymentPlanRules
{
    public const int MaxInstallments = 60;

    /// <summary>Every reason the plan is refused (empty when it is valid): the API's 400 and the editor's live check.</summary>
    public static IReadOnlyList<string> Problems(decimal totalAmount, decimal downPayment, int installments, DateOnly startDate, IReadOnlyList<ScheduleLine> schedule, DateOnly today)
    {
        var problems = new List<string>();
        if (totalAmount <= 0 || !HasCents(totalAmount))
        {
            problems.Add("The total is greater than zero, with at most 2 decimals.");
        }

        if (downPayment < 0 || downPayment >= totalAmount || !HasCents(downPayment))
        {
            problems.Add("The down payment is zero or more and less than the total, with at most 2 decimals.");
        }

        if (startDate < today)
        {
            problems.Add("The start date cannot be in the past.");
        }

        if (installments is < 1 or > MaxInstallments)
        {
            problems.Add($"There are 1 to {MaxInstallments} installments.");
        }

        if (schedule.Count != installments)
        {
            problems.Add($"The schedule has {schedule.Count} installment(s) but installments says {installments}.");
        }

        if (schedule.Any(l => l.Amount <= 0 || !HasCents(l.Amount)))
        {
            problems.Add("Every installment is greater than zero, with at most 2 decimals.");
        }

        if (schedule.Count > 0 && schedule[0].DueDate < startDate)
        {
            problems.Add("No installment is due before the start date.");
        }

        if (schedule.Zip(schedule.Skip(1)).Any(p => p.Second.DueDate <= p.First.DueDate))
        {
            problems.Add("Installment due dates are in increasing order, one per date.");
        }

        var scheduled = downPayment + schedule.Sum(l => l.Amount);
        if (scheduled != totalAmount)
        {
            problems.Add($"The down payment plus the installments come to {scheduled:0.00}, not the total {totalAmount:0.00} (difference {totalAmount - scheduled:0.00}).");
        }

        return problems;
    }

    public static void Validate(decimal totalAmount, decimal downPayment, int installments, DateOnly startDate, IReadOnlyList<ScheduleLine> schedule, DateOnly today)
    {
        var problems = Problems(totalAmount, downPayment, installments, startDate, schedule, today);
        if (problems.Count > 0)
        {
            throw DomainException.Rule(CollectionsErrors.InvalidSchedule, string.Join(" ", problems), new Dictionary<string, object?> { ["problems"] = problems });
        }
    }

    /// <summary>Where the plan stands on <paramref name="today"/> given <paramref name="paid"/> received since it was made.</summary>
    public static PlanProgress Evaluate(IReadOnlyList<(int Sequence, DateOnly DueDate, decimal Amount)> installments, decimal paid, DateOnly today, int graceDays)
    {
        var left = paid;
        var progress = new List<InstallmentProgress>();
        foreach (var (sequence, dueDate, amount) in installments.OrderBy(i => i.Sequence))
        {
            var applied = Math.Min(left, amount);
            left -= applied;
            var status = applied == amount ? InstallmentStatus.PAID
                : today > dueDate.AddDays(graceDays) ? InstallmentStatus.MISSED
                : applied > 0 ? InstallmentStatus.PARTIAL
                : InstallmentStatus.PENDING;
            progress.Add(new InstallmentProgress(sequence, dueDate, amount, applied, status));
        }

        var total = installments.Sum(i => i.Amount);
        var planStatus = progress.All(i => i.Status == InstallmentStatus.PAID) ? PlanStatus.COMPLETED
            : progress.Any(i => i.Status == InstallmentStatus.MISSED) ? PlanStatus.BREACHED
            : PlanStatus.ACTIVE;
        return new PlanProgress(progress, planStatus, Math.Min(paid, total), Math.Max(total - paid, 0m));
    }

    private static bool HasCents(decimal value) => decimal.Round(value, 2) == value;
}

public static class CollectionsErrors
{
    public const string InvalidSchedule = "INVALID_PAYMENT_SCHEDULE";
    public const string PlanExists = "PAYMENT_PLAN_EXISTS";
    public const string PlanNotFound = "PAYMENT_PLAN_NOT_FOUND";
    public const string NothingOverdue = "NOTHING_OVERDUE";
    public const string CaseAssigned = "CASE_ASSIGNED";
    public const string NotACollector = "NOT_A_COLLECTOR";
    public const string AlreadyEscalated = "ALREADY_ESCALATED";
    public const string DisputeNotFound = "DISPUTE_NOT_FOUND";
}
