using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Common;

public class MoneyTests
{
    private const decimal Max = 999_999_999_999_999.9999m;

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Theory]
    [InlineData("0.00001")]
    [InlineData("1.12345")]
    [InlineData("-0.00005")]
    public void Constructor_MoreThanFourDecimals_IsRefused(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Refusal(() => _ = new Money(value, Currency.TRY)).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Theory]
    [InlineData("1.1234")]
    [InlineData("-0.0001")]
    [InlineData("1.00000")] // five written decimals, but only four significant ones
    [InlineData("0")]
    public void Constructor_AtMostFourSignificantDecimals_IsAccepted(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        new Money(value, Currency.USD).Amount.Should().Be(value);
    }

    [Fact]
    public void Constructor_LimitsOfNumeric19_4_AreAccepted()
    {
        new Money(Max, Currency.EUR).Amount.Should().Be(Max);
        new Money(-Max, Currency.EUR).Amount.Should().Be(-Max);
    }

    [Theory]
    [InlineData("1000000000000000")]
    [InlineData("-1000000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Constructor_OutOfRange_IsRefused(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Refusal(() => _ = new Money(value, Currency.EUR)).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Add_ResultOutOfRange_IsRefused()
    {
        var max = new Money(Max, Currency.GBP);

        Refusal(() => _ = max + new Money(0.0001m, Currency.GBP)).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Add_SameCurrency_AddsAmounts()
    {
        var sum = new Money(10.5m, Currency.TRY) + new Money(0.2505m, Currency.TRY);

        sum.Should().Be(new Money(10.7505m, Currency.TRY));
    }

    [Fact]
    public void Subtract_SameCurrency_CanGoNegative()
    {
        var difference = new Money(1m, Currency.USD) - new Money(2.5m, Currency.USD);

        difference.Amount.Should().Be(-1.5m);
        difference.Currency.Should().Be(Currency.USD);
        difference.IsNegative.Should().BeTrue();
    }

    [Fact]
    public void Negate_Amount_FlipsSignKeepsCurrency()
    {
        var negated = -new Money(7.25m, Currency.EUR);

        negated.Should().Be(new Money(-7.25m, Currency.EUR));
    }

    [Fact]
    public void Add_DifferentCurrencies_IsRefusedWithCurrencyMismatch()
    {
        var ex = Refusal(() => _ = new Money(1m, Currency.TRY) + new Money(1m, Currency.USD));

        ex.Code.Should().Be("CURRENCY_MISMATCH");
        ex.Message.Should().Contain("TRY").And.Contain("USD");
    }

    [Fact]
    public void Subtract_DifferentCurrencies_IsRefusedWithCurrencyMismatch()
    {
        Refusal(() => _ = new Money(1m, Currency.EUR) - new Money(1m, Currency.GBP)).Code.Should().Be("CURRENCY_MISMATCH");
    }

    [Fact]
    public void Zero_AnyCurrency_IsZeroAndNotNegative()
    {
        var zero = Money.Zero(Currency.GBP);

        zero.IsZero.Should().BeTrue();
        zero.IsNegative.Should().BeFalse();
        zero.Currency.Should().Be(Currency.GBP);
        new Money(0.0001m, Currency.GBP).IsZero.Should().BeFalse();
    }

    [Fact]
    public void Equals_SameAmountDifferentCurrency_IsFalse()
    {
        new Money(5m, Currency.USD).Should().NotBe(new Money(5m, Currency.EUR));
        new Money(5m, Currency.USD).Should().Be(new Money(5.00m, Currency.USD));
    }

    [Fact]
    public void ToString_Amount_TwoDecimalsInvariantWithCurrency()
    {
        new Money(1234567.5m, Currency.TRY).ToString().Should().Be("1,234,567.50 TRY");
    }
}
