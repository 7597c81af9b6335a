using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Accounts;

public class IbanTests
{
    // Examples published by the national banking bodies / SWIFT IBAN registry.
    public static TheoryData<string> PublishedIbans => new()
    {
        "GB82WEST12345698765432",
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "BE68539007547034",
        "CH9300762011623852957",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "NO9386011117947",
        "TR330006100519786457841326",
    };

    [Theory]
    [MemberData(nameof(PublishedIbans))]
    public void Parse_PublishedIban_IsAcceptedInElectronicForm(string published)
    {
        var iban = Iban.Parse(published);

        iban.Value.Should().Be(published);
        iban.CountryCode.Should().Be(published[..2]);
        Iban.IsValid(published).Should().BeTrue();
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("gb82west12345698765432")]
    [InlineData("  Gb82 west 1234 5698 7654 32 ")]
    [InlineData("GB82-WEST-1234-5698-7654-32")]
    public void Parse_PrintFormOrLowerCase_NormalizesToElectronicForm(string input)
    {
        var parsed = Iban.TryParse(input, out var iban, out var error);

        parsed.Should().BeTrue(error);
        iban.Value.Should().Be("GB82WEST12345698765432");
    }

    [Theory]
    [InlineData("GB82WEST12345698765433", "check digits")] // one digit changed
    [InlineData("GB82WEST12345698765423", "check digits")] // last two digits swapped
    [InlineData("DE89370400440532031000", "check digits")] // digits swapped mid-BBAN
    [InlineData("GB83WEST12345698765432", "check digits")] // wrong check digits
    [InlineData("GB00WEST12345698765432", "check digits")]
    [InlineData("TR33000610051978645784132", "26 characters")] // TR is 26 long, this is 25
    [InlineData("GB82WEST123456987654321", "22 characters")]
    [InlineData("GB82WEST12345698765.32", "letters and digits")]
    [InlineData("GB82WEST1234569876543É", "letters and digits")]
    [InlineData("1282WEST12345698765432", "country code")]
    [InlineData("GBX2WEST12345698765432", "check digits")]
    [InlineData("GB82", "between 5 and 34")]
    [InlineData("GB82WEST12345698765432GB82WEST12345698765432", "between 5 and 34")]
    [InlineData("", "between 5 and 34")]
    [InlineData("   ", "between 5 and 34")]
    public void TryParse_InvalidIban_IsRefusedWithReason(string input, string reason)
    {
        var parsed = Iban.TryParse(input, out var iban, out var error);

        parsed.Should().BeFalse();
        iban.Should().Be(default(Iban));
        error.Should().ContainEquivalentOf(reason);
        Iban.IsValid(input).Should().BeFalse();
    }

    [Fact]
    public void TryParse_Null_IsRefusedWithReason()
    {
        Iban.TryParse(null, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrWhiteSpace();
        Iban.IsValid(null).Should().BeFalse();
    }

    [Fact]
    public void Parse_InvalidIban_ThrowsValidationErrorWithInvalidIbanCode()
    {
        var act = () => Iban.Parse("GB82WEST12345698765433");

        var ex = act.Should().Throw<DomainException>().Which;
        ex.Code.Should().Be(ErrorCodes.InvalidIban);
        ex.Kind.Should().Be(DomainErrorKind.Validation);
        ex.Message.Should().Contain("MOD-97");
    }

    [Theory]
    [InlineData("GB", "WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("DE", "370400440532013000", "DE89370400440532013000")]
    [InlineData("fr", "20041010050500013m02606", "FR1420041010050500013M02606")]
    [InlineData("TR", "000610051978645784132 6", "TR330006100519786457841326")]
    public void Create_CountryAndBban_GivesThePublishedIban(string country, string bban, string expected)
    {
        Iban.Create(country, bban).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("TR", "0006200000000000000006")] // check digits 02: must be zero-padded
    [InlineData("TR", "0006200000000006295467")]
    [InlineData("NL", "ABNA0123456789")]
    [InlineData("BE", "539007547099")]
    [InlineData("CH", "00762011623852999")]
    public void Create_AnyBban_ComputesCheckDigitsThatPassIndependentMod97(string country, string bban)
    {
        var iban = Iban.Create(country, bban);

        iban.Value.Should().Be(country + ReferenceMod97.CheckDigits(country, bban) + bban);
        ReferenceMod97.Holds(iban.Value).Should().BeTrue();
    }

    [Fact]
    public void Create_BbanOfWrongLengthForCountry_Throws()
    {
        var act = () => Iban.Create("GB", "WEST1234569876543");

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidIban);
    }

    [Theory]
    [InlineData("GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("FR1420041010050500013M02606", "FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("BE68539007547034", "BE68 5390 0754 7034")]
    public void ToPrintString_ValidIban_GroupsOfFour(string electronic, string print)
    {
        Iban.Parse(electronic).ToPrintString().Should().Be(print);
    }

    [Fact]
    public void ToPrintString_ParsedBack_GivesSameIban()
    {
        var iban = Iban.Parse("IT60X0542811101000000123456");

        Iban.Parse(iban.ToPrintString()).Should().Be(iban);
    }

    // Seed 004 quotes this as the example of the bank's TR format. Its check digits do not satisfy
    // MOD-97 (remainder 14, not 1); the same BBAN needs check digits 20.
    [Fact]
    public void IsValid_Seed004ExampleIban_IsRefusedBecauseItsCheckDigitsAreWrong()
    {
        const string seedExample = "TR330006200000000006295467";

        ReferenceMod97.Remainder(seedExample).Should().NotBe(1);
        Iban.IsValid(seedExample).Should().BeFalse();

        var corrected = "TR" + ReferenceMod97.CheckDigits("TR", seedExample[4..]) + seedExample[4..];
        corrected.Should().Be("TR200006200000000006295467");
        Iban.IsValid(corrected).Should().BeTrue();
    }
}
