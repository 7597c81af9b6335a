using BankOffice.Core.Security;
using BankOffice.Web.Features.Credit;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Credit;

public sealed class CreditReviewsTests : CreditTestBase
{
    public CreditReviewsTests()
    {
        Credit.ReviewsDue.Add(FakeCreditClient.ReviewDue());
        SignInAs(Roles.CreditOfficer);
    }

    [Fact]
    public void Render_DueReviews_ShowsRowsAndFiltersByReviewer()
    {
        var cut = Ctx.Render<CreditReviews>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=review-customer]").TextContent.Should().Be("Acme Ltd (C000003)"));
        cut.Find("[data-testid=review-utilisation]").TextContent.Should().Be("85 %");
        cut.Find("[data-testid=review-next-date]").TextContent.Should().Be("2026-11-01");
        cut.Find("[data-testid=reviews-grid]").TextContent.Should().Contain("8,500.00 TRY").And.Contain("WARNING");

        cut.Find("[data-testid=reviews-reviewer]").Change(" credit@bankoffice.local ");

        cut.WaitForAssertion(() => Credit.ReviewQueries[^1].Reviewer.Should().Be("credit@bankoffice.local"));
    }

    [Fact]
    public void CompleteReview_InDialog_SendsCategoryAndShowsResult()
    {
        var dialogs = DialogHost();
        var cut = Ctx.Render<CreditReviews>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=review-complete]").Click());
        dialogs.FindAll("[data-testid=review-category] .rz-button").Single(b => b.TextContent.Trim() == "C").Click();
        dialogs.Find("[data-testid=review-notes]").Change("Payments slowing down");
        dialogs.Find("[data-testid=review-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=review-result]").TextContent.Should().Contain("risk B → C"));
        var expectedNext = DateOnly.FromDateTime(DateTime.Today.AddMonths(6)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        cut.Find("[data-testid=review-result]").TextContent.Should().Contain($"next review {expectedNext}");
    }
}
