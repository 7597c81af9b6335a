using System.Globalization;
using BankOffice.Core.Collections;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Collections;

public class CollectionPriorityTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    // Points by hand: amount 0/10/20/30/40 from 1,000 / 10,000 / 50,000 / 100,000; age 5/10/15/25/30/40
    // after 7 / 15 / 30 / 45 / 60 days; risk A 0, B 5, C 10, D 20; 15 a broken promise (at most 3); 20 for a breached plan.
    [Theory]
    [InlineData("999.99", 7, RiskCategory.A, 0, false, 0, 5, 0, 0, 0, 5, Priority.LOW)]
    [InlineData("1000", 8, RiskCategory.A, 0, false, 10, 10, 0, 0, 0, 20, Priority.LOW)]
    [InlineData("9999.99", 15, RiskCategory.B, 0, false, 10, 10, 5, 0, 0, 25, Priority.LOW)]
    [InlineData("10000", 16, RiskCategory.B, 0, false, 20, 15, 5, 0, 0, 40, Priority.MEDIUM)]
    [InlineData("49999.99", 30, RiskCategory.C, 0, false, 20, 15, 10, 0, 0, 45, Priority.MEDIUM)]
    [InlineData("50000", 31, RiskCategory.C, 0, false, 30, 25, 10, 0, 0, 65, Priority.MEDIUM)]
    [InlineData("99999.99", 45, RiskCategory.D, 0, false, 30, 25, 20, 0, 0, 75, Priority.HIGH)]
    [InlineData("100000", 46, RiskCategory.A, 0, false, 40, 30, 0, 0, 0, 70, Priority.HIGH)]
    [InlineData("500", 60, RiskCategory.B, 0, false, 0, 30, 5, 0, 0, 35, Priority.LOW)]
    [InlineData("500", 61, RiskCategory.A, 0, false, 0, 40, 0, 0, 0, 40, Priority.MEDIUM)]
    [InlineData("500", 1, RiskCategory.A, 1, false, 0, 5, 0, 15, 0, 20, Priority.LOW)]
    [InlineData("500", 1, RiskCategory.A, 2, false, 0, 5, 0, 30, 0, 35, Priority.LOW)]
    [InlineData("500", 1, RiskCategory.A, 3, false, 0, 5, 0, 45, 0, 50, Priority.MEDIUM)]
    [InlineData("500", 1, RiskCategory.A, 7, false, 0, 5, 0, 45, 0, 50, Priority.MEDIUM)] // capped at 3
    [InlineData("500", 1, RiskCategory.C, 0, true, 0, 5, 10, 0, 20, 35, Priority.LOW)]
    [InlineData("60000", 50, RiskCategory.C, 0, true, 30, 30, 10, 0, 20, 90, Priority.HIGH)]
    public void Score_HandComputedCases_GiveEachPartTotalAndLevel(string amount, int days, RiskCategory risk, int broken, bool breached,
        int amountPoints, int agePoints, int riskPoints, int brokenPoints, int planPoints, int total, Priority level)
    {
        var score = CollectionPriority.Score(D(amount), days, risk, broken, breached);

        score.Should().Be(new PriorityScore(amountPoints, agePoints, riskPoints, brokenPoints, planPoints));
        score.Total.Should().Be(total);
        score.Level.Should().Be(level);
    }

    [Fact]
    public void Score_OneBrokenPromise_MovesLowToMedium()
    {
        // 20,000 overdue (20), 10 days (10), risk B (5) = 35; a broken promise adds 15 = 50.
        var kept = CollectionPriority.Score(20_000m, 10, RiskCategory.B, 0, false);
        var broken = CollectionPriority.Score(20_000m, 10, RiskCategory.B, 1, false);

        (kept.Total, kept.Level).Should().Be((35, Priority.LOW));
        (broken.Total, broken.Level).Should().Be((50, Priority.MEDIUM));
    }

    [Theory]
    [InlineData(39, Priority.LOW)]
    [InlineData(40, Priority.MEDIUM)]
    [InlineData(69, Priority.MEDIUM)]
    [InlineData(70, Priority.HIGH)]
    public void Level_TotalAtThresholds_MediumFrom40HighFrom70(int total, Priority expected)
    {
        // Score only gives multiples of 5, so the one-below values need a hand-made score.
        new PriorityScore(total, 0, 0, 0, 0).Level.Should().Be(expected);
    }
}
