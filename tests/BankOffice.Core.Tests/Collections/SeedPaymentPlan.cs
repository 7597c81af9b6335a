using BankOffice.Core.Collections;

namespace BankOffice.Core.Tests.Collections;

/// <summary>
/// Seed 003's payment plan: 150,000 in total, 30,000 down on 1 February 2024, then 30,000 / 40,000 /
/// 50,000 on the first of February, March and April; agreed on 20 January.
/// </summary>
internal static class SeedPaymentPlan
{
    public const decimal Total = 150_000m;
    public const decimal DownPayment = 30_000m;
    public static readonly DateOnly StartDate = new(2024, 2, 1);
    public static readonly DateOnly Today = new(2024, 1, 20);

    public static IReadOnlyList<ScheduleLine> Schedule() =>
        [new(new DateOnly(2024, 2, 1), 30_000m), new(new DateOnly(2024, 3, 1), 40_000m), new(new DateOnly(2024, 4, 1), 50_000m)];

    /// <summary>The plan as stored: the down payment is sequence 0, due on the start date.</summary>
    public static IReadOnlyList<(int Sequence, DateOnly DueDate, decimal Amount)> Installments() =>
    [
        (0, new DateOnly(2024, 2, 1), 30_000m),
        (1, new DateOnly(2024, 2, 1), 30_000m),
        (2, new DateOnly(2024, 3, 1), 40_000m),
        (3, new DateOnly(2024, 4, 1), 50_000m),
    ];
}
