using BankOffice.Core.Periods;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Periods;

public class ProvisionRulesTests
{
    private static readonly ProvisionRates Defaults = new();

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ProvisionRates_Defaults_AreOneFiveTwentyFiftyHundred()
    {
        Defaults.Current.Should().Be(1m);
        Defaults.Days1_30.Should().Be(5m);
        Defaults.Days31_60.Should().Be(20m);
        Defaults.Days61_90.Should().Be(50m);
        Defaults.Over90.Should().Be(100m);
    }

    [Theory]
    [InlineData("0.50", "1", "0.01")] // 0.005 exactly: half away from zero goes up
    [InlineData("0.49", "1", "0.00")] // 0.0049 below the half
    [InlineData("333.33", "50", "166.67")] // 166.665 -> 166.67 (to-even would say 166.66)
    [InlineData("2345.67", "5", "117.28")] // 117.2835 -> 117.28
    [InlineData("1000.03", "20", "200.01")] // 200.006 -> 200.01
    [InlineData("0.30", "2.5", "0.01")] // a fractional rate: 0.0075 -> 0.01
    [InlineData("-0.50", "1", "-0.01")] // a credit balance rounds away from zero as well
    [InlineData("123.45", "0", "0.00")]
    public void Part_AmountTimesPercent_RoundedToCents(string amount, string rate, string expected) =>
        ProvisionRules.Part(D(amount), D(rate)).Should().Be(D(expected));

    [Fact]
    public void Required_EachBucketAtItsOwnRate_Sums()
    {
        var aging = new AgingBuckets(10_000.00m, 2_345.67m, 1_000.03m, 333.33m, 50.00m);

        // Current 10 000.00 x 1 % = 100.00
        // 1-30     2 345.67 x 5 % = 117.2835 -> 117.28
        // 31-60    1 000.03 x 20 % = 200.006 -> 200.01
        // 61-90      333.33 x 50 % = 166.665 -> 166.67
        // 90+         50.00 x 100 % = 50.00
        // Total 633.96
        ProvisionRules.Required(aging, Defaults).Should().Be(633.96m);
    }

    [Fact]
    public void Required_RoundsEachBucketBeforeSumming()
    {
        // Current 0.50 x 1 % = 0.005 -> 0.01; 1-30 0.10 x 5 % = 0.005 -> 0.01; total 0.02.
        // Rounding the unrounded sum (0.010) once would give 0.01.
        ProvisionRules.Required(new AgingBuckets(0.50m, 0.10m, 0m, 0m, 0m), Defaults).Should().Be(0.02m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Required_OneBucket_UsesThatBucketsRate(int bucket)
    {
        // 1000 in one bucket; rates 1, 2, 3, 4, 6 % so each bucket's answer is different: 10, 20, 30, 40, 60.
        var amounts = new decimal[5];
        amounts[bucket] = 1_000m;
        var aging = new AgingBuckets(amounts[0], amounts[1], amounts[2], amounts[3], amounts[4]);
        var rates = new ProvisionRates { Current = 1m, Days1_30 = 2m, Days31_60 = 3m, Days61_90 = 4m, Over90 = 6m };

        ProvisionRules.Required(aging, rates).Should().Be(new[] { 10m, 20m, 30m, 40m, 60m }[bucket]);
    }

    [Fact]
    public void Required_NoReceivables_IsZero() => ProvisionRules.Required(AgingBuckets.Empty, Defaults).Should().Be(0m);
}
