using BankOffice.Core.Customers;

namespace BankOffice.Core.Tests.Customers;

public class CustomerInvitationTests
{
    // Letters and digits without the look-alikes 0/O and 1/I/L.
    private const string Unambiguous = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static readonly DateTimeOffset IssuedAt = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_Always_Gives12CharCodeFromUnambiguousAlphabet()
    {
        var codes = Enumerable.Range(0, 300).Select(_ => CustomerInvitation.Issue("C000001", "teller", IssuedAt).Code).ToList();

        codes.Should().AllSatisfy(code =>
        {
            code.Should().HaveLength(12);
            code.Should().Match(c => c.All(ch => Unambiguous.Contains(ch)));
        });
        codes.Should().OnlyHaveUniqueItems();
        // 300 codes of 12 characters use practically every one of the 31 letters; a smaller alphabet would show here.
        codes.SelectMany(c => c).Distinct().Should().HaveCount(Unambiguous.Length);
    }

    [Fact]
    public void Issue_Always_StoresHashOfCodeAndSevenDayExpiry()
    {
        var (invitation, code) = CustomerInvitation.Issue("C000009", "teller.ali", IssuedAt);

        invitation.Id.Should().NotBeEmpty();
        invitation.CustomerId.Should().Be("C000009");
        invitation.IssuedBy.Should().Be("teller.ali");
        invitation.IssuedAt.Should().Be(IssuedAt);
        invitation.ExpiresAt.Should().Be(IssuedAt.AddDays(7));
        invitation.CodeHash.Should().Be(CustomerInvitation.Hash(code));
        invitation.CodeHash.Should().NotContain(code);
        invitation.UsedAt.Should().BeNull();
        invitation.UsedByUserId.Should().BeNull();
    }

    [Fact]
    public void Hash_Code_IsUpperHexSha256OfCanonicalCode()
    {
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ABCDEFGHJKMN"u8.ToArray()));

        CustomerInvitation.Hash("ABCDEFGHJKMN").Should().Be(expected).And.HaveLength(64).And.MatchRegex("^[0-9A-F]{64}$");
    }

    [Theory]
    [InlineData("abcdefghjkmn")]
    [InlineData("ABCD-EFGH-JKMN")]
    [InlineData("abcd-efgh-jkmn")]
    [InlineData("  ABCDEFGHJKMN \n")]
    [InlineData(" aBcD-eFgH-jKmN ")]
    public void Hash_CaseDashesAndSurroundingSpaces_AreIgnored(string typed)
    {
        CustomerInvitation.Hash(typed).Should().Be(CustomerInvitation.Hash("ABCDEFGHJKMN"));
    }

    [Fact]
    public void Hash_DifferentCode_DiffersFromOriginal()
    {
        CustomerInvitation.Hash("ABCDEFGHJKMP").Should().NotBe(CustomerInvitation.Hash("ABCDEFGHJKMN"));
    }

    [Fact]
    public void IsUsable_FreshInvitation_UntilJustBeforeSevenDays()
    {
        var (invitation, _) = CustomerInvitation.Issue("C000001", "teller", IssuedAt);

        invitation.IsUsable(IssuedAt).Should().BeTrue();
        invitation.IsUsable(IssuedAt.AddDays(7).AddTicks(-1)).Should().BeTrue();
    }

    [Fact]
    public void IsUsable_AtOrAfterExpiry_IsFalse()
    {
        var (invitation, _) = CustomerInvitation.Issue("C000001", "teller", IssuedAt);

        invitation.IsUsable(IssuedAt.AddDays(7)).Should().BeFalse();
        invitation.IsUsable(IssuedAt.AddDays(30)).Should().BeFalse();
    }

    [Fact]
    public void IsUsable_AfterMarkUsed_IsFalse()
    {
        var (invitation, _) = CustomerInvitation.Issue("C000001", "teller", IssuedAt);
        var usedAt = IssuedAt.AddHours(1);

        invitation.MarkUsed("user-17", usedAt);

        invitation.IsUsable(usedAt.AddMinutes(1)).Should().BeFalse();
        invitation.UsedAt.Should().Be(usedAt);
        invitation.UsedByUserId.Should().Be("user-17");
    }
}
