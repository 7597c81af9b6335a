using System.Globalization;
using BankOffice.Core.Credit;

namespace BankOffice.Core.Tests.Credit;

public class CreditOptionsTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Defaults_NewOptions_Are100000AndSixMonths()
    {
        var options = new CreditOptions();

        options.SecondApprovalThreshold.Should().Be(100_000m);
        options.DefaultReviewMonths.Should().Be(6);
    }

    [Theory]
    [InlineData("500000", "600000", false)] // exactly +100,000 is not above the threshold
    [InlineData("500000", "600000.0001", true)] // the smallest step above it
    [InlineData("500000", "599999.99", false)]
    [InlineData("0", "100000.01", true)] // a first limit counts from zero
    [InlineData("700000", "0", false)] // cutting a limit never needs a second approver
    [InlineData("1000000", "500000", false)]
    public void NeedsSecondApprover_DefaultThreshold_OnlyIncreasesAboveItNeedOne(string previous, string next, bool expected)
    {
        new CreditOptions().NeedsSecondApprover(D(previous), D(next)).Should().Be(expected);
    }

    [Fact]
    public void NeedsSecondApprover_ConfiguredThreshold_IsTheOneUsed()
    {
        var options = new CreditOptions { SecondApprovalThreshold = 50_000m };

        options.NeedsSecondApprover(0m, 50_000m).Should().BeFalse();
        options.NeedsSecondApprover(0m, 50_000.01m).Should().BeTrue();
    }
}
