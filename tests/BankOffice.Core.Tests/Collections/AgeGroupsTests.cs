using BankOffice.Core.Collections;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Collections;

public class AgeGroupsTests
{
    [Theory]
    [InlineData(1, "1_7")]
    [InlineData(7, "1_7")]
    [InlineData(8, "8_15")]
    [InlineData(15, "8_15")]
    [InlineData(16, "16_30")]
    [InlineData(30, "16_30")]
    [InlineData(31, "31_45")]
    [InlineData(45, "31_45")]
    [InlineData(46, "46_60")]
    [InlineData(60, "46_60")]
    [InlineData(61, "OVER_60")]
    [InlineData(400, "OVER_60")]
    public void Of_DaysOverdueAtEachBoundary_IsTheSeedGroup(int daysOverdue, string expected)
    {
        AgeGroups.Of(daysOverdue).Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Of_NotOverdue_Throws(int daysOverdue)
    {
        // A caller that asks for a group of a customer who is not late has a bug; no group would be right.
        var act = () => AgeGroups.Of(daysOverdue);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("daysOverdue");
    }

    [Theory]
    [InlineData("over_60", "OVER_60")]
    [InlineData(" Over_60 ", "OVER_60")]
    [InlineData("8_15", "8_15")]
    public void Parse_AnyCaseAndSurroundingSpaces_GivesTheCanonicalGroup(string value, string expected)
    {
        AgeGroups.Parse(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("0_7")]
    [InlineData("1-7")]
    [InlineData("")]
    public void Parse_Unknown_IsRefusedAsValidationError(string value)
    {
        var act = () => AgeGroups.Parse(value);

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Code.Should().Be(ErrorCodes.ValidationError);
        refusal.Kind.Should().Be(DomainErrorKind.Validation);
    }

    [Fact]
    public void All_Groups_AreInAgeOrder() =>
        AgeGroups.All.Should().Equal("1_7", "8_15", "16_30", "31_45", "46_60", "OVER_60");
}
