using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Receivables;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Credit;

/// <summary>The derived credit status (utilisation and days overdue), what HOLD blocks, and periodic credit reviews.</summary>
public sealed class CreditStatusAndReviewTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task CreditStatus_FromUtilisationAndDaysOverdue_IsShownAndFilteredAlike()
    {
        // NET30: an invoice dated N days ago is N − 30 days overdue.
        var nothingOwed = await CustomerWithAccountAsync(10_000m);
        var good = await CustomerWithInvoiceAsync(7_999m);                      // 79.99 % used
        var nearlyFull = await CustomerWithInvoiceAsync(8_000m);                // 80 % used
        var thirtyLate = await CustomerWithInvoiceAsync(100m, daysAgo: 60);     // 30 days overdue
        var thirtyOneLate = await CustomerWithInvoiceAsync(100m, daysAgo: 61);  // 31
        var sixtyLate = await CustomerWithInvoiceAsync(100m, daysAgo: 90);      // 60
        var sixtyOneLate = await CustomerWithInvoiceAsync(100m, daysAgo: 91);   // 61
        var overLimit = await CustomerWithInvoiceAsync(9_000m);
        (await ChangeLimitAsync(Staff.CreditOfficer, overLimit, 5_000m, reason: "Cut after review")).EnsureSuccessStatusCode();
        var ninetyOneLate = await CustomerWithInvoiceAsync(100m, daysAgo: 121); // 91

        var expected = new Dictionary<string, (CreditStatus Status, int DaysOverdue)>
        {
            [nothingOwed] = (CreditStatus.GOOD, 0),
            [good] = (CreditStatus.GOOD, 0),
            [nearlyFull] = (CreditStatus.WARNING, 0),
            [thirtyLate] = (CreditStatus.GOOD, 30),
            [thirtyOneLate] = (CreditStatus.WARNING, 31),
            [sixtyLate] = (CreditStatus.WARNING, 60),
            [sixtyOneLate] = (CreditStatus.HOLD, 61),
            [overLimit] = (CreditStatus.HOLD, 0),
            [ninetyOneLate] = (CreditStatus.SUSPENDED, 91),
        };
        foreach (var (customerId, (status, days)) in expected)
        {
            var account = await AccountAsync(customerId);
            (account.CreditStatus, account.DaysOverdue).Should().Be((status, days), customerId);
        }

        (await AccountAsync(nearlyFull)).UtilisationPercent.Should().Be(80.00m);
        (await AccountAsync(overLimit)).UtilisationPercent.Should().Be(180.00m);
        foreach (var status in new[] { CreditStatus.GOOD, CreditStatus.WARNING, CreditStatus.HOLD, CreditStatus.SUSPENDED })
        {
            var listed = (await Staff.Teller.GetOkAsync<PagedResult<CreditAccountDto>>($"{CreditAccounts}?creditStatus={status}&size=100")).Data;
            listed.Should().OnlyContain(a => a.CreditStatus == status);
            listed.Select(a => a.CustomerId).Intersect(expected.Keys).Should().BeEquivalentTo(expected.Where(e => e.Value.Status == status).Select(e => e.Key), status.ToString());
        }
    }

    [Fact]
    public async Task CreateInvoice_CustomerOnHold_Returns400CreditHoldWhileAGoodCustomerIsInvoiced()
    {
        var onHold = await CustomerWithInvoiceAsync(100m, daysAgo: 91);
        var good = await CustomerWithInvoiceAsync(100m);

        using var blocked = await CreateInvoiceAsync(Staff.Teller, onHold, [Item(1m, 50m)]);
        using var allowed = await CreateInvoiceAsync(Staff.Teller, good, [Item(1m, 50m)]);

        var problem = await blocked.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReceivablesService.CreditHold);
        var details = problem.GetProperty("details");
        details.GetProperty("creditStatus").GetString().Should().Be("HOLD");
        details.GetProperty("daysOverdue").GetInt32().Should().Be(61);
        (await Factory.InvoiceCountAsync(onHold)).Should().Be(1);
        allowed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await AccountAsync(good)).CurrentBalance.Should().Be(150m);
    }

    [Fact]
    public async Task ReviewsDue_ReviewDateFromAnApproval_ShowsOnceTheDueDateCoversItAndFiltersByCategoryAndReviewer()
    {
        var soon = await ApprovedWithReviewAsync("B", Today.AddDays(10));
        var later = await ApprovedWithReviewAsync("C", Today.AddDays(40));

        (await DueAsync($"dueDate={Today.AddDays(20):yyyy-MM-dd}")).Keys.Should().Contain(soon).And.NotContain(later);
        (await DueAsync()).Keys.Should().NotContain([soon, later]);
        var byForty = await DueAsync($"dueDate={Today.AddDays(40):yyyy-MM-dd}");
        byForty.Keys.Should().Contain([soon, later]);
        var row = byForty[soon];
        (row.NextReviewDate, row.DaysUntilDue, row.RiskCategory, row.CreditLimit, row.Reviewer, row.CreditStatus)
            .Should().Be((Today.AddDays(10), 10, RiskCategory.B, 150_000m, Staff.SecondOfficerEmail, CreditStatus.GOOD));
        (await DueAsync($"dueDate={Today.AddDays(40):yyyy-MM-dd}&category=C")).Keys.Should().Contain(later).And.NotContain(soon);
        (await DueAsync($"dueDate={Today.AddDays(40):yyyy-MM-dd}&reviewer={Staff.SecondOfficerEmail}")).Keys.Should().Contain([soon, later]);
        (await DueAsync($"dueDate={Today.AddDays(40):yyyy-MM-dd}&reviewer=me", Staff.SecondOfficer)).Keys.Should().Contain([soon, later]);
        (await DueAsync($"dueDate={Today.AddDays(40):yyyy-MM-dd}&reviewer=me")).Keys.Should().NotContain([soon, later]);

        Clock.AdvanceDays(11);

        var due = await DueAsync();
        due.Keys.Should().Contain(soon).And.NotContain(later);
        due[soon].DaysUntilDue.Should().Be(-1);
    }

    [Fact]
    public async Task CompleteReview_MovesTheNextReviewDateAndTheRiskCategory()
    {
        var customerId = await CustomerWithAccountAsync(risk: "B");
        (await DueAsync("category=B")).Keys.Should().Contain(customerId, "an account never reviewed is due from the day it was opened");

        using var response = await Staff.CreditOfficer.PostAsJsonAsync($"/api/v1/credit-reviews/{customerId}",
            new { riskCategory = RiskCategory.D, nextReviewDate = Today.AddDays(90), notes = "Two late payments this quarter" }, ApiFactory.Json);

        var review = await response.ReadAsync<CreditReviewDto>(HttpStatusCode.Created);
        (review.CustomerId, review.PreviousCategory, review.RiskCategory, review.NextReviewDate, review.ReviewedBy, review.Notes)
            .Should().Be((customerId, RiskCategory.B, RiskCategory.D, Today.AddDays(90), Staff.CreditOfficerEmail, "Two late payments this quarter"));
        var account = await AccountAsync(customerId);
        (account.RiskCategory, account.NextReviewDate, account.Reviewer).Should().Be((RiskCategory.D, Today.AddDays(90), Staff.CreditOfficerEmail));
        (await DueAsync()).Keys.Should().NotContain(customerId);
        (await DueAsync($"dueDate={Today.AddDays(89):yyyy-MM-dd}")).Keys.Should().NotContain(customerId);
        (await DueAsync($"dueDate={Today.AddDays(90):yyyy-MM-dd}&category=D&reviewer=me")).Keys.Should().Contain(customerId);

        using var today = await Staff.CreditOfficer.PostAsJsonAsync($"/api/v1/credit-reviews/{customerId}", new { riskCategory = RiskCategory.A, nextReviewDate = Today }, ApiFactory.Json);
        await today.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await AccountAsync(customerId)).RiskCategory.Should().Be(RiskCategory.D);
    }

    private async Task<string> CustomerWithInvoiceAsync(decimal amount, int daysAgo = 0)
    {
        var customerId = await CustomerWithAccountAsync(10_000m);
        await InvoiceAsync(customerId, amount, daysAgo);
        return customerId;
    }

    /// <summary>An account of 100,000 raised to 150,000 by an application the second officer approves with this review date.</summary>
    private async Task<string> ApprovedWithReviewAsync(string risk, DateOnly reviewDate)
    {
        var customerId = await CustomerWithAccountAsync(100_000m, risk);
        var application = await SubmittedAsync(Staff.CreditOfficer, customerId, 150_000m);
        (await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.APPROVED, reviewDate: reviewDate)).EnsureSuccessStatusCode();
        return customerId;
    }

    /// <summary>Reviews due as a credit officer sees them, by customer (first 100, the API's largest page).</summary>
    private async Task<Dictionary<string, CreditReviewDueDto>> DueAsync(string query = "", HttpClient? officer = null) =>
        (await (officer ?? Staff.CreditOfficer).GetOkAsync<PagedResult<CreditReviewDueDto>>($"{ReviewsDue}?size=100&{query}")).Data.ToDictionary(r => r.CustomerId);
}
