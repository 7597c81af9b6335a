using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Credit;

public class CreditReviewTests
{
    private static readonly DateTimeOffset ReviewedAt = new(2024, 8, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void New_Review_KeepsBothCategoriesAndTrimsNotes()
    {
        var review = new CreditReview(Guid.Empty, "C001234", RiskCategory.B, RiskCategory.C, new DateOnly(2025, 2, 1), "  Two late payments ", "officer.ayse", ReviewedAt);

        review.PreviousCategory.Should().Be(RiskCategory.B);
        review.RiskCategory.Should().Be(RiskCategory.C);
        review.NextReviewDate.Should().Be(new DateOnly(2025, 2, 1));
        review.Notes.Should().Be("Two late payments");
        review.ReviewedBy.Should().Be("officer.ayse");
        review.ReviewedAt.Should().Be(ReviewedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void New_BlankNotes_AreNull(string? notes)
    {
        new CreditReview(Guid.Empty, "C001234", RiskCategory.A, RiskCategory.A, new DateOnly(2025, 2, 1), notes, "officer.ayse", ReviewedAt)
            .Notes.Should().BeNull();
    }
}
