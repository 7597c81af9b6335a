using BankOffice.Core.Accounts;

namespace BankOffice.Core.Tests.Accounts;

public class IbanOptionsTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(6L)]
    [InlineData(6_295_467L)]
    [InlineData(9_999_999_999_999_999L)]
    public void ForSerial_DefaultOptions_GivesValidTurkishIbanOfTheBank(long serial)
    {
        var iban = new IbanOptions().ForSerial(serial).Value;

        iban.Should().HaveLength(26);
        iban.Should().StartWith("TR");
        iban.Substring(4, 6).Should().Be("00062" + "0");
        iban[10..].Should().Be(serial.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(16, '0'));
        ReferenceMod97.Holds(iban).Should().BeTrue();
        Iban.IsValid(iban).Should().BeTrue();
    }

    [Fact]
    public void ForSerial_Serial42_GivesExpectedDigits()
    {
        var iban = new IbanOptions().ForSerial(42).Value;

        const string bban = "000620" + "0000000000000042";
        iban.Should().Be("TR" + ReferenceMod97.CheckDigits("TR", bban) + bban);
    }

    [Fact]
    public void ForSerial_DifferentSerials_GiveDifferentIbans()
    {
        var options = new IbanOptions();

        var ibans = Enumerable.Range(1, 500).Select(n => options.ForSerial(n).Value).ToList();

        ibans.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void ForSerial_NotPositive_Throws(long serial)
    {
        var act = () => new IbanOptions().ForSerial(serial);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ForSerial_BeyondSixteenDigits_Throws()
    {
        var act = () => new IbanOptions().ForSerial(10_000_000_000_000_000L);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void ForSerial_CustomOptions_UsesTheirCountryBankAndDigits()
    {
        var options = new IbanOptions { CountryCode = "DE", BankCode = "37040044", Reserved = "", AccountDigits = 10 };

        var iban = options.ForSerial(532013000).Value;

        iban.Should().Be("DE89370400440532013000");
        var exhausted = () => options.ForSerial(10_000_000_000L);
        exhausted.Should().Throw<InvalidOperationException>();
    }
}
