using BankOffice.Core.Common;
using BankOffice.Core.Customers;

namespace BankOffice.Core.Tests.Customers;

public class CustomerTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 8, 30, 0, TimeSpan.Zero);

    private static CustomerDetails Details(string name = "Zeynep Kaya") =>
        new(CustomerKind.PERSON, name, "12345678901", "zeynep@example.com", "+90 212 555 0101", "Istiklal Cd. 1", "Istanbul", "34430", "TR");

    [Theory]
    [InlineData(42L, "C000042")]
    [InlineData(1L, "C000001")]
    [InlineData(999_999L, "C999999")]
    [InlineData(1_234_567L, "C1234567")]
    public void FormatId_Sequence_IsCAndSixDigitsAtLeast(long sequence, string expected)
    {
        Customer.FormatId(sequence).Should().Be(expected);
    }

    [Fact]
    public void Create_ValidDetails_KeepsThem()
    {
        var customer = Customer.Create("C000042", Details(), Created);

        customer.Id.Should().Be("C000042");
        customer.Kind.Should().Be(CustomerKind.PERSON);
        customer.Name.Should().Be("Zeynep Kaya");
        customer.TaxId.Should().Be("12345678901");
        customer.Phone.Should().Be("+90 212 555 0101");
        customer.AddressLine.Should().Be("Istiklal Cd. 1");
        customer.City.Should().Be("Istanbul");
        customer.PostalCode.Should().Be("34430");
        customer.CreatedAt.Should().Be(Created);
        customer.UpdatedAt.Should().Be(Created);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("   ab   ")]
    [InlineData("")]
    public void Create_NameTooShort_IsRefused(string name)
    {
        var act = () => Customer.Create("C000001", Details(name), Created);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Create_NameOf101Chars_IsRefused()
    {
        var act = () => Customer.Create("C000001", Details(new string('z', 101)), Created);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    public void Create_NameAtLengthBoundary_IsAccepted(int length)
    {
        Customer.Create("C000001", Details(new string('z', length)), Created).Name.Should().HaveLength(length);
    }

    [Fact]
    public void Create_EmailAndCountry_AreNormalized()
    {
        var details = Details("  Acme Ticaret A.Ş.  ") with { Kind = CustomerKind.BUSINESS, Email = "  Info@ACME.Example ", Country = " tr " };

        var customer = Customer.Create("C000002", details, Created);

        customer.Name.Should().Be("Acme Ticaret A.Ş.");
        customer.Kind.Should().Be(CustomerKind.BUSINESS);
        customer.Email.Should().Be("info@acme.example");
        customer.Country.Should().Be("TR");
    }

    [Fact]
    public void Create_BlankOptionalFields_BecomeNull()
    {
        var details = new CustomerDetails(CustomerKind.PERSON, "Li Wei", " ", "", "\t", null, "  ", " ", "");

        var customer = Customer.Create("C000003", details, Created);

        customer.TaxId.Should().BeNull();
        customer.Email.Should().BeNull();
        customer.Phone.Should().BeNull();
        customer.AddressLine.Should().BeNull();
        customer.City.Should().BeNull();
        customer.PostalCode.Should().BeNull();
        customer.Country.Should().BeNull();
    }

    [Fact]
    public void Update_NewDetails_ReplaceOldAndKeepCreatedAt()
    {
        var customer = Customer.Create("C000004", Details(), Created);
        var later = Created.AddDays(3);

        customer.Update(Details("Zeynep Demir") with { Email = "Z.DEMIR@Example.com", TaxId = null }, later);

        customer.Name.Should().Be("Zeynep Demir");
        customer.Email.Should().Be("z.demir@example.com");
        customer.TaxId.Should().BeNull();
        customer.CreatedAt.Should().Be(Created);
        customer.UpdatedAt.Should().Be(later);
    }

    [Fact]
    public void Update_InvalidName_IsRefusedAndKeepsDetails()
    {
        var customer = Customer.Create("C000005", Details(), Created);

        var act = () => customer.Update(Details("no") with { Email = "other@example.com" }, Created.AddDays(1));

        act.Should().Throw<DomainException>();
        customer.Name.Should().Be("Zeynep Kaya");
        customer.Email.Should().Be("zeynep@example.com");
        customer.UpdatedAt.Should().Be(Created);
    }
}
