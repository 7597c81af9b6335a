using BankOffice.Core.Accounts;

namespace BankOffice.Core.Tests.Accounts;

public class AccountNumberTests
{
    [Fact]
    public void New_Always_IsAccPrefixAndLowerCaseGuid()
    {
        var number = AccountNumber.New();

        number.Value.Should().MatchRegex("^ACC-[0-9a-f-]{36}$");
        Guid.TryParseExact(number.Value[4..], "D", out _).Should().BeTrue();
        number.ToString().Should().Be(number.Value);
        number.Value.Length.Should().BeLessThanOrEqualTo(AccountNumber.MaxLength);
    }

    [Fact]
    public void New_ManyCalls_AreUnique()
    {
        var numbers = Enumerable.Range(0, 1000).Select(_ => AccountNumber.New().Value).ToList();

        numbers.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("ACC-3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("acc-3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("ACC-3F2504E0-4F89-11D3-9A0C-0305E82C3301")]
    [InlineData("Acc-3F2504e0-4f89-11D3-9a0c-0305E82c3301")]
    public void TryParse_AccGuidInAnyCase_IsAcceptedInCanonicalForm(string input)
    {
        AccountNumber.TryParse(input, out var number).Should().BeTrue();

        number.Value.Should().Be("ACC-3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ACC-")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("ACX-3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("ACC3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("ACC-3f2504e04f8911d39a0c0305e82c3301")]
    [InlineData("ACC-{3f2504e0-4f89-11d3-9a0c-0305e82c3301}")]
    [InlineData("ACC-3f2504e0-4f89-11d3-9a0c-0305e82c330")]
    [InlineData("ACC-3f2504e0-4f89-11d3-9a0c-0305e82c330g")]
    [InlineData("ACC-not-a-guid")]
    public void TryParse_AnythingElse_IsRefused(string? input)
    {
        AccountNumber.TryParse(input, out var number).Should().BeFalse();

        number.Should().Be(default(AccountNumber));
    }

    [Fact]
    public void TryParse_NewNumber_RoundTrips()
    {
        var number = AccountNumber.New();

        AccountNumber.TryParse(number.Value, out var parsed).Should().BeTrue();
        parsed.Should().Be(number);
    }
}
