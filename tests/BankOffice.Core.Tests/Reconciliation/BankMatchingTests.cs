using BankOffice.Core.Reconciliation;

namespace BankOffice.Core.Tests.Reconciliation;

public class BankMatchingTests
{
    private static readonly DateOnly Jan15 = new(2026, 1, 15);

    private static StatementItem Line(int n, decimal amount, string reference = "DEP123456", DateOnly? date = null) =>
        new(Id(n), date ?? Jan15, reference, amount);

    private static BookItem Payment(int n, decimal amount, string reference = "DEP123456", DateOnly? date = null) =>
        new(Id(100 + n), date ?? Jan15, reference, amount);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");

    [Theory]
    [InlineData(-3)]
    [InlineData(3)]
    public void AutoMatch_PaymentExactlyThreeDaysFromLine_Matches(int days)
    {
        var pairs = BankMatching.AutoMatch([Line(1, 100_000m)], [Payment(1, 100_000m, date: Jan15.AddDays(days))]);

        pairs.Should().Equal(new MatchPair(Id(1), Id(101)));
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public void AutoMatch_PaymentFourDaysFromLine_DoesNotMatch(int days)
    {
        // Same reference and amount, but outside the window; the second pass needs the very same date.
        var pairs = BankMatching.AutoMatch([Line(1, 100_000m)], [Payment(1, 100_000m, date: Jan15.AddDays(days))]);

        pairs.Should().BeEmpty();
    }

    [Fact]
    public void AutoMatch_ReferenceInOtherCaseWithSpaces_Matches()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 250.50m, "  dep-777 ", Jan15)], [Payment(1, 250.50m, "DEP-777", Jan15.AddDays(2))]);

        pairs.Should().Equal(new MatchPair(Id(1), Id(101)));
    }

    [Fact]
    public void AutoMatch_SameReferenceOtherAmount_DoesNotMatch()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 100.00m)], [Payment(1, 100.01m)]);

        pairs.Should().BeEmpty();
    }

    [Fact]
    public void AutoMatch_TwoPaymentsQualify_NearestDateWinsAndTheOtherStaysForTheNextLine()
    {
        // Both payments carry the line's reference and amount; the one 1 day away beats the one 3 days away.
        var far = Payment(1, 500m, date: Jan15.AddDays(-3));
        var near = Payment(2, 500m, date: Jan15.AddDays(1));
        var later = Line(2, 500m, date: Jan15.AddDays(-2));

        var pairs = BankMatching.AutoMatch([Line(1, 500m), later], [far, near]);

        pairs.Should().Equal(new MatchPair(Id(1), Id(102)), new MatchPair(Id(2), Id(101)));
    }

    [Fact]
    public void AutoMatch_NegativeLineWithPaymentOfSameReferenceAndSize_NeverMatches()
    {
        // Money out cannot be a receipt, whatever it looks like.
        var pairs = BankMatching.AutoMatch([Line(1, -100m), Line(2, -100m, "OTHER")], [Payment(1, 100m), Payment(2, -100m, "OTHER")]);

        pairs.Should().BeEmpty();
    }

    [Fact]
    public void AutoMatch_SecondPass_OneLineOnePaymentSameAmountAndDate_Match()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 75.25m, "BANK TEXT 1")], [Payment(1, 75.25m, "WIRE-9")]);

        pairs.Should().Equal(new MatchPair(Id(1), Id(101)));
    }

    [Fact]
    public void AutoMatch_SecondPass_TwoPaymentsShareAmountAndDate_NeitherIsGuessed()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 75.25m, "BANK TEXT 1")], [Payment(1, 75.25m, "WIRE-9"), Payment(2, 75.25m, "WIRE-10")]);

        pairs.Should().BeEmpty();
    }

    [Fact]
    public void AutoMatch_SecondPass_TwoLinesShareAmountAndDate_NeitherIsGuessed()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 75.25m, "BANK TEXT 1"), Line(2, 75.25m, "BANK TEXT 2")], [Payment(1, 75.25m, "WIRE-9")]);

        pairs.Should().BeEmpty();
    }

    [Fact]
    public void AutoMatch_SecondPass_CountsOnlyWhatTheFirstPassLeft()
    {
        // Two lines and two payments of 80 on the 15th: the first pass pairs the ones whose reference agrees,
        // which leaves exactly one of each for the second pass.
        var pairs = BankMatching.AutoMatch([Line(1, 80m, "INV-1"), Line(2, 80m, "no reference given")], [Payment(1, 80m, "WIRE-2"), Payment(2, 80m, "inv-1")]);

        pairs.Should().Equal(new MatchPair(Id(1), Id(102)), new MatchPair(Id(2), Id(101)));
    }

    [Fact]
    public void AutoMatch_SecondPass_OneDayApart_DoesNotMatch()
    {
        var pairs = BankMatching.AutoMatch([Line(1, 75.25m, "BANK TEXT 1")], [Payment(1, 75.25m, "WIRE-9", Jan15.AddDays(1))]);

        pairs.Should().BeEmpty();
    }
}
