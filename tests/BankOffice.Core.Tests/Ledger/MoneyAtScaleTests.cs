using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Ledger;

/// <summary>
/// <see cref="Money.AtScale"/> makes an amount built in memory print like numeric(19,4) read back
/// from PostgreSQL, so that a replayed answer is byte-for-byte the first one.
/// </summary>
public class MoneyAtScaleTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("100.5", "100.5000")]
    [InlineData("100", "100.0000")]
    [InlineData("0", "0.0000")]
    [InlineData("-3", "-3.0000")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("12.340000", "12.3400")] // more written decimals than four are cut to four
    [InlineData("999999999999999.9999", "999999999999999.9999")]
    public void AtScale_AnyValueWithinScale_PrintsExactlyFourDecimalsAndKeepsTheValue(string input, string printed)
    {
        var value = D(input);

        var scaled = Money.AtScale(value);

        scaled.ToString(CultureInfo.InvariantCulture).Should().Be(printed);
        scaled.Should().Be(value);
        scaled.Scale.Should().Be(4);
    }

    [Fact]
    public void AtScale_AppliedTwice_IsStable()
    {
        var once = Money.AtScale(D("7.25"));

        Money.AtScale(once).ToString(CultureInfo.InvariantCulture).Should().Be(once.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1.23456", "1.2346")]
    [InlineData("-1.23454", "-1.2345")]
    public void AtScale_MoreThanFourSignificantDecimals_RoundsToFour(string input, string printed)
    {
        Money.AtScale(D(input)).ToString(CultureInfo.InvariantCulture).Should().Be(printed);
    }
}
