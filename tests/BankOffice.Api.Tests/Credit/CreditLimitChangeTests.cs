using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using static BankOffice.Api.Tests.Credit.CreditApi;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Credit;

/// <summary>
/// Seed 003's "Update Credit Limit": self-approved up to the second-approval threshold (100,000 by
/// default), a second approver above it, every change kept as history and announced by
/// credit.limit.changed once applied.
/// </summary>
public sealed class CreditLimitChangeTests(ClockedApiFactory factory) : ClockedTestBase(factory)
{
    [Fact]
    public async Task ChangeLimit_IncreaseOfExactlyTheThreshold_Returns200AppliedWithApprovalIdAndEvent()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);

        using var response = await ChangeLimitAsync(Staff.CreditOfficer, customerId, 600_000m, Today, "Business expansion", Staff.CreditOfficerEmail, Today.AddDays(180));

        var result = await response.ReadAsync<CreditLimitResponse>(HttpStatusCode.OK);
        result.Success.Should().BeTrue();
        (result.PreviousLimit, result.NewLimit, result.Status, result.EffectiveDate).Should().Be((500_000m, 600_000m, LimitChangeStatus.APPLIED, Today));
        result.ApprovalId.Should().MatchRegex($@"^APR-{Today.Year}-\d{{4}}$");
        var account = await AccountAsync(customerId);
        account.CreditLimit.Should().Be(600_000m);
        account.NextReviewDate.Should().Be(Today.AddDays(180));
        var changed = (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().ContainSingle().Subject;
        changed.GetProperty("customerId").GetString().Should().Be(customerId);
        (changed.GetProperty("oldLimit").GetDecimal(), changed.GetProperty("newLimit").GetDecimal()).Should().Be((500_000m, 600_000m));
        changed.GetProperty("approvalId").GetString().Should().Be(result.ApprovalId);
    }

    [Fact]
    public async Task ChangeLimit_IncreaseAboveThreshold_WaitsForASecondApproverWhoIsNotTheRequester()
    {
        var customerId = await CustomerWithAccountAsync(500_000m);

        using var response = await ChangeLimitAsync(Staff.CreditOfficer, customerId, 650_000m, reason: "New distribution contract");

        var pending = await response.ReadAsync<CreditLimitResponse>(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/credit-limit-changes/{pending.ApprovalId}");
        (pending.PreviousLimit, pending.NewLimit, pending.Status).Should().Be((500_000m, 650_000m, LimitChangeStatus.PENDING_APPROVAL));
        (await AccountAsync(customerId)).CreditLimit.Should().Be(500_000m);
        (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().BeEmpty();

        using var another = await ChangeLimitAsync(Staff.SecondOfficer, customerId, 400_000m);
        await another.ShouldBeProblemAsync(HttpStatusCode.Conflict, CreditErrors.LimitChangePending);

        using var byRequester = await Staff.CreditOfficer.PostAsync(LimitChange(pending.ApprovalId, "approve"), null);
        await byRequester.ShouldBeProblemAsync(HttpStatusCode.Forbidden, CreditErrors.MakerChecker);
        (await HistoryAsync(Staff.Teller, customerId)).Single().Status.Should().Be(LimitChangeStatus.PENDING_APPROVAL);

        using var bySecond = await Staff.SecondOfficer.PostAsync(LimitChange(pending.ApprovalId, "approve"), null);

        var approved = await bySecond.ReadAsync<CreditLimitChangeDto>(HttpStatusCode.OK);
        approved.Status.Should().Be(LimitChangeStatus.APPLIED);
        approved.RequestedBy.Should().Be(Staff.CreditOfficerEmail);
        approved.ApprovedBy.Should().Be(Staff.SecondOfficerEmail);
        approved.AppliedAt.Should().NotBeNull();
        (await AccountAsync(customerId)).CreditLimit.Should().Be(650_000m);
        var changed = (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().ContainSingle().Subject;
        (changed.GetProperty("oldLimit").GetDecimal(), changed.GetProperty("newLimit").GetDecimal()).Should().Be((500_000m, 650_000m));
    }

    [Fact]
    public async Task RejectChange_WithReason_IsRejectedAndTheLimitUnchanged()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);
        var pending = await (await ChangeLimitAsync(Staff.CreditOfficer, customerId, 300_000m)).ReadAsync<CreditLimitResponse>(HttpStatusCode.Accepted);

        using var response = await Staff.SecondOfficer.PostAsJsonAsync(LimitChange(pending.ApprovalId, "reject"), new { reason = "Financials too weak" }, ApiFactory.Json);

        var rejected = await response.ReadAsync<CreditLimitChangeDto>(HttpStatusCode.OK);
        rejected.Status.Should().Be(LimitChangeStatus.REJECTED);
        rejected.RejectedBy.Should().Be(Staff.SecondOfficerEmail);
        rejected.RejectionReason.Should().Be("Financials too weak");
        rejected.AppliedAt.Should().BeNull();
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await OutboxAsync(EventTypes.CreditLimitChanged, customerId)).Should().BeEmpty();
        using var approveRejected = await Staff.Manager.PostAsync(LimitChange(pending.ApprovalId, "approve"), null);
        await approveRejected.ShouldBeProblemAsync(HttpStatusCode.Conflict, "LIMIT_CHANGE_NOT_PENDING");
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
    }

    [Fact]
    public async Task History_ListsEveryChangeNewestFirstWithWhoWhyAndWhen_AndADecreaseNeedsNoSecondApprover()
    {
        var customerId = await CustomerWithAccountAsync(300_000m);
        var raised = await (await ChangeLimitAsync(Staff.CreditOfficer, customerId, 350_000m, reason: "Seasonal peak")).ReadAsync<CreditLimitResponse>(HttpStatusCode.OK);
        var refused = await (await ChangeLimitAsync(Staff.CreditOfficer, customerId, 500_000m, reason: "Large tender")).ReadAsync<CreditLimitResponse>(HttpStatusCode.Accepted);
        (await Staff.SecondOfficer.PostAsJsonAsync(LimitChange(refused.ApprovalId, "reject"), new { reason = "Too much at once" }, ApiFactory.Json)).EnsureSuccessStatusCode();

        // 350,000 → 100,000 is a cut of 250,000, more than the threshold: decreases apply at once all the same.
        using var decrease = await ChangeLimitAsync(Staff.SecondOfficer, customerId, 100_000m, reason: "Lower turnover");

        var lowered = await decrease.ReadAsync<CreditLimitResponse>(HttpStatusCode.OK);
        (lowered.PreviousLimit, lowered.NewLimit, lowered.Status).Should().Be((350_000m, 100_000m, LimitChangeStatus.APPLIED));
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);

        var history = await HistoryAsync(Staff.Teller, customerId);
        history.Select(c => (c.ApprovalId, c.PreviousLimit, c.NewLimit, c.Status, c.Source, c.Reason, c.RequestedBy, c.ApprovedBy, c.RejectedBy)).Should().Equal(
            (lowered.ApprovalId, 350_000m, 100_000m, LimitChangeStatus.APPLIED, LimitChangeSource.MANUAL, "Lower turnover", Staff.SecondOfficerEmail, Staff.SecondOfficerEmail, (string?)null),
            (refused.ApprovalId, 350_000m, 500_000m, LimitChangeStatus.REJECTED, LimitChangeSource.MANUAL, "Large tender", Staff.CreditOfficerEmail, (string?)null, Staff.SecondOfficerEmail),
            (raised.ApprovalId, 300_000m, 350_000m, LimitChangeStatus.APPLIED, LimitChangeSource.MANUAL, "Seasonal peak", Staff.CreditOfficerEmail, Staff.CreditOfficerEmail, (string?)null));
        history.Select(c => c.RequestedAt).Should().BeInDescendingOrder();
        history.Should().OnlyContain(c => c.EffectiveDate == Today && c.ApplicationNumber == null);
        history.Where(c => c.Status == LimitChangeStatus.APPLIED).Should().OnlyContain(c => c.AppliedAt >= c.RequestedAt);

        var events = await OutboxAsync(EventTypes.CreditLimitChanged, customerId);
        events.Select(e => (e.GetProperty("approvalId").GetString(), e.GetProperty("oldLimit").GetDecimal(), e.GetProperty("newLimit").GetDecimal()))
            .Should().Equal((raised.ApprovalId, 300_000m, 350_000m), (lowered.ApprovalId, 350_000m, 100_000m));
    }

    [Fact]
    public async Task ChangeLimit_ApprovedByNamingSomeoneElse_Returns400AndNothingChanges()
    {
        var customerId = await CustomerWithAccountAsync(100_000m);

        using var response = await ChangeLimitAsync(Staff.CreditOfficer, customerId, 120_000m, approvedBy: "MGR001");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await AccountAsync(customerId)).CreditLimit.Should().Be(100_000m);
        (await HistoryAsync(Staff.Teller, customerId)).Should().BeEmpty();
    }
}
