using System.Net;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Credit;

/// <summary>Credit applications: who may apply, maker-checker decisions, and the limit change a decision makes.</summary>
public sealed class CreditApplicationTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task Submit_ByTellerWithSeedBody_Returns201PendingAndASecondOneIs409()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);

        using var response = await SubmitAsync(Staff.Teller, customerId);

        var application = await response.ReadAsync<CreditApplicationDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{Applications}/{application.ApplicationId}");
        application.ApplicationNumber.Should().MatchRegex($@"^CA-{Today.Year}-\d{{6}}$");
        application.Status.Should().Be(CreditApplicationStatus.PENDING);
        application.CustomerId.Should().Be(customerId);
        application.CurrentLimit.Should().Be(500_000m);
        application.RequestedLimit.Should().Be(1_000_000m);
        application.Justification.Should().Be("Business expansion");
        application.FinancialData.Should().Be(new FinancialDataDto(50_000_000m, 1.8m, 0.4m));
        application.TradeReferences.Should().Equal(new TradeReferenceDto("Supplier A", "Mr Chang", "02-12345678"));
        application.SubmittedBy.Should().Be(Staff.TellerEmail);
        application.DecidedBy.Should().BeNull();
        application.ApprovedLimit.Should().BeNull();
        application.ApprovalId.Should().BeNull();
        (await Staff.CreditOfficer.GetOkAsync<CreditApplicationDto>($"{Applications}/{application.ApplicationNumber}")).Should().BeEquivalentTo(application);

        using var second = await SubmitAsync(Staff.CreditOfficer, customerId, 700_000m);

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "APPLICATION_PENDING");
        (await Staff.CreditOfficer.GetOkAsync<PagedResult<CreditApplicationDto>>($"{Applications}?customerId={customerId}")).Data
            .Select(a => a.ApplicationId).Should().Equal(application.ApplicationId);
    }

    [Fact]
    public async Task Submit_ByCustomer_OwnAccountIs201AndAnotherCustomersIs403()
    {
        var (customerId, customer) = await CustomerWithLoginAsync(200_000m);
        var otherId = await CustomerWithAccountAsync();

        var own = await SubmittedAsync(customer, customerId, 300_000m);
        using var other = await SubmitAsync(customer, otherId, 300_000m);

        own.Status.Should().Be(CreditApplicationStatus.PENDING);
        own.CurrentLimit.Should().Be(200_000m);
        own.RequestedLimit.Should().Be(300_000m);
        await other.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Staff.CreditOfficer.GetOkAsync<PagedResult<CreditApplicationDto>>($"{Applications}?customerId={otherId}")).Data.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_ByCollector_Returns403AndRecordsNothing()
    {
        var customerId = await CustomerWithAccountAsync();

        using var response = await SubmitAsync(Staff.Collector, customerId);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Staff.CreditOfficer.GetOkAsync<PagedResult<CreditApplicationDto>>($"{Applications}?customerId={customerId}")).Data.Should().BeEmpty();
    }

    [Fact]
    public async Task Decide_BySubmittingOfficer_Returns403MakerCheckerAndNothingChanges()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);
        var application = await SubmittedAsync(Staff.CreditOfficer, customerId);

        using var response = await DecideAsync(Staff.CreditOfficer, application.ApplicationId, CreditDecisionType.APPROVED, 800_000m, Today);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, CreditErrors.MakerChecker);
        var stored = await Staff.CreditOfficer.GetOkAsync<CreditApplicationDto>($"{Applications}/{application.ApplicationId}");
        stored.Status.Should().Be(CreditApplicationStatus.PENDING);
        stored.DecidedBy.Should().BeNull();
        (await AccountAsync(customerId)).CreditLimit.Should().Be(500_000m);
        (await HistoryAsync(Staff.CreditOfficer, customerId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Decide_ApprovedTodayBySecondOfficer_AppliesTheLimitWithHistoryAndEventAndCannotBeDecidedAgain()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);
        var application = await SubmittedAsync(Staff.CreditOfficer, customerId);
        string[] conditions = ["Personal guarantee required", "Quarterly financial updates"];

        using var response = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.APPROVED, 800_000m, Today, Today.AddDays(180),
            Staff.SecondOfficerEmail, conditions: conditions);

        var decided = await response.ReadAsync<CreditApplicationDto>(HttpStatusCode.OK);
        decided.Status.Should().Be(CreditApplicationStatus.APPROVED);
        decided.ApprovedLimit.Should().Be(800_000m);
        decided.Conditions.Should().Equal(conditions);
        decided.EffectiveDate.Should().Be(Today);
        decided.ReviewDate.Should().Be(Today.AddDays(180));
        decided.DecidedBy.Should().Be(Staff.SecondOfficerEmail);
        decided.ApprovalId.Should().MatchRegex($@"^APR-{Today.Year}-\d{{4,}}$");

        var account = await AccountAsync(customerId);
        account.CreditLimit.Should().Be(800_000m);
        account.NextReviewDate.Should().Be(Today.AddDays(180));
        account.Reviewer.Should().Be(Staff.SecondOfficerEmail);
        var change = (await HistoryAsync(Staff.Teller, customerId)).Should().ContainSingle().Subject;
        change.ApprovalId.Should().Be(decided.ApprovalId);
        change.Status.Should().Be(LimitChangeStatus.APPLIED);
        change.Source.Should().Be(LimitChangeSource.APPLICATION);
        change.ApplicationNumber.Should().Be(application.ApplicationNumber);
        (change.PreviousLimit, change.NewLimit, change.EffectiveDate).Should().Be((500_000m, 800_000m, Today));
        change.RequestedBy.Should().Be(Staff.CreditOfficerEmail);
        change.ApprovedBy.Should().Be(Staff.SecondOfficerEmail);
        change.AppliedAt.Should().NotBeNull();
        change.Reason.Should().Be($"Credit application {application.ApplicationNumber}: Business expansion");
        var changed = (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().ContainSingle().Subject;
        changed.GetProperty("oldLimit").GetDecimal().Should().Be(500_000m);
        changed.GetProperty("newLimit").GetDecimal().Should().Be(800_000m);
        changed.GetProperty("approvalId").GetString().Should().Be(decided.ApprovalId);

        using var again = await DecideAsync(Staff.Manager, application.ApplicationId, CreditDecisionType.REJECTED, notes: "Changed our mind");

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "APPLICATION_ALREADY_DECIDED");
        (await AccountAsync(customerId)).CreditLimit.Should().Be(800_000m);
    }

    [Fact]
    public async Task Submit_TwoAtOnceForOneCustomer_OneIsPendingAndTheOtherIs409()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);

        var responses = await Task.WhenAll(SubmitAsync(Staff.Teller, customerId, 700_000m), SubmitAsync(Staff.CreditOfficer, customerId, 800_000m));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "APPLICATION_PENDING");
        (await Staff.CreditOfficer.GetOkAsync<PagedResult<CreditApplicationDto>>($"{Applications}?customerId={customerId}&status=PENDING")).Data.Should().ContainSingle();
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Decide_TwoOfficersAtOnce_OneDecisionAndOneLimitChange()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId);

        var responses = await Task.WhenAll(
            DecideAsync(Staff.CreditOfficer, application.ApplicationId, CreditDecisionType.APPROVED, 800_000m),
            DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.APPROVED, 900_000m));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var expected = responses[0].StatusCode == HttpStatusCode.OK ? 800_000m : 900_000m;
        (await AccountAsync(customerId)).CreditLimit.Should().Be(expected);
        (await Staff.CreditOfficer.GetOkAsync<List<CreditLimitChangeDto>>($"/api/v1/accounts/{customerId}/credit-limit/history")).Should().ContainSingle();
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Decide_CounterOffer_SetsTheOfferedLimit()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId, 300_000m);

        using var response = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.COUNTER_OFFER, 200_000m);

        var decided = await response.ReadAsync<CreditApplicationDto>(HttpStatusCode.OK);
        decided.Status.Should().Be(CreditApplicationStatus.COUNTER_OFFER);
        decided.ApprovedLimit.Should().Be(200_000m);
        decided.EffectiveDate.Should().Be(Today);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(200_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Select(c => (c.PreviousLimit, c.NewLimit, c.Status)).Should().Equal((100_000m, 200_000m, LimitChangeStatus.APPLIED));
    }

    [Fact]
    public async Task Decide_RejectedWithoutNotes_Returns400AndWithNotesRejectsWithoutTouchingTheLimit()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId, 300_000m);

        using var withoutNotes = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.REJECTED);

        await withoutNotes.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Staff.CreditOfficer.GetOkAsync<CreditApplicationDto>($"{Applications}/{application.ApplicationId}")).Status.Should().Be(CreditApplicationStatus.PENDING);

        using var withNotes = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.REJECTED, notes: "Debt ratio too high");

        var rejected = await withNotes.ReadAsync<CreditApplicationDto>(HttpStatusCode.OK);
        rejected.Status.Should().Be(CreditApplicationStatus.REJECTED);
        rejected.Notes.Should().Be("Debt ratio too high");
        rejected.ApprovedLimit.Should().BeNull();
        rejected.ApprovalId.Should().BeNull();
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Should().BeEmpty();
        (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Decide_ApprovedWithFutureEffectiveDate_LimitUnchangedUntilTheClockReachesItAndTheSweepApplies()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId, 150_000m);
        var effective = Today.AddDays(5);

        using var response = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.APPROVED, effectiveDate: effective);

        var decided = await response.ReadAsync<CreditApplicationDto>(HttpStatusCode.OK);
        decided.ApprovedLimit.Should().Be(150_000m, "an approval without approvedLimit grants the requested limit");
        decided.ReviewDate.Should().Be(effective.AddMonths(6), "without reviewDate the review is 6 months after the limit takes effect");
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Single().Status.Should().Be(LimitChangeStatus.SCHEDULED);

        Clock.AdvanceDays(4);
        await SweepAsync();

        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Single().Status.Should().Be(LimitChangeStatus.SCHEDULED);
        (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().BeEmpty();

        Clock.AdvanceDays(1);
        var sweep = await SweepAsync();

        sweep.LimitChangesApplied.Should().BeGreaterThanOrEqualTo(1);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(150_000m);
        var change = (await HistoryAsync(Staff.Teller, customerId)).Single();
        (change.Status, change.PreviousLimit, change.NewLimit, change.EffectiveDate).Should().Be((LimitChangeStatus.APPLIED, 100_000m, 150_000m, effective));
        var changed = (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().ContainSingle().Subject;
        (changed.GetProperty("oldLimit").GetDecimal(), changed.GetProperty("newLimit").GetDecimal()).Should().Be((100_000m, 150_000m));
    }

    [Fact]
    public async Task Decide_ApprovedByNamingSomeoneElse_Returns400AndStaysPending()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId, 150_000m);

        using var response = await DecideAsync(Staff.SecondOfficer, application.ApplicationId, CreditDecisionType.APPROVED, approvedBy: Staff.CreditOfficerEmail);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Staff.CreditOfficer.GetOkAsync<CreditApplicationDto>($"{Applications}/{application.ApplicationId}")).Status.Should().Be(CreditApplicationStatus.PENDING);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
    }

    [Fact]
    public async Task Decide_ByCollector_Returns403AndNorCanTheyChangeALimit()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var application = await SubmittedAsync(Staff.Teller, customerId, 150_000m);

        using var decision = await DecideAsync(Staff.Collector, application.ApplicationId, CreditDecisionType.APPROVED);
        using var limit = await ChangeLimitAsync(Staff.Collector, customerId, 120_000m);
        using var teller = await ChangeLimitAsync(Staff.Teller, customerId, 120_000m);

        await decision.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await limit.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await teller.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Staff.CreditOfficer.GetOkAsync<CreditApplicationDto>($"{Applications}/{application.ApplicationId}")).Status.Should().Be(CreditApplicationStatus.PENDING);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Should().BeEmpty();
    }
}
