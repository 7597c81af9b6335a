using BankOffice.Core.Common;
using BankOffice.Core.Credit;

namespace BankOffice.Core.Tests.Credit;

public class CreditLimitChangeTests
{
    private const string Requester = "officer.ayse";
    private const string Approver = "director.mehmet";
    private static readonly DateTimeOffset RequestedAt = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ApprovedAt = new(2024, 1, 16, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AppliedAt = new(2024, 2, 1, 0, 5, 0, TimeSpan.Zero);
    private static readonly DateOnly Effective = new(2024, 2, 1);
    private static readonly DateOnly Review = new(2024, 8, 1);

    private static CreditLimitChange Request(string? approvedBy, decimal previousLimit = 500_000m, decimal newLimit = 800_000m, DateOnly? reviewDate = null) =>
        CreditLimitChange.Request(Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001"), "APR-2024-0001", "C001234", Currency.TRY, previousLimit, newLimit,
            Effective, reviewDate ?? Review, "  Annual review ", LimitChangeSource.MANUAL, null, Requester, approvedBy, RequestedAt);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    private static void ShouldBeInvalid(Action act) => Refusal(act).Code.Should().Be(ErrorCodes.ValidationError);

    [Fact]
    public void FormatApprovalId_YearAndSequence_PadsToFourDigits() =>
        CreditLimitChange.FormatApprovalId(2024, 7).Should().Be("APR-2024-0007");

    // ---- Request ----

    [Fact]
    public void Request_WithApprover_IsScheduledAndApprovedAtOnce()
    {
        var change = Request(Approver);

        change.Status.Should().Be(LimitChangeStatus.SCHEDULED);
        change.ApprovedBy.Should().Be(Approver);
        change.ApprovedAt.Should().Be(RequestedAt);
        change.PreviousLimit.Should().Be(500_000m);
        change.NewLimit.Should().Be(800_000m);
        change.Reason.Should().Be("Annual review");
        change.RequestedBy.Should().Be(Requester);
    }

    [Fact]
    public void Request_WithoutApprover_WaitsForSecondApproval()
    {
        var change = Request(null);

        change.Status.Should().Be(LimitChangeStatus.PENDING_APPROVAL);
        change.ApprovedBy.Should().BeNull();
        change.ApprovedAt.Should().BeNull();
    }

    [Fact]
    public void Request_SameLimit_IsRefused() => ShouldBeInvalid(() => Request(Approver, 500_000m, 500_000m));

    [Fact]
    public void Request_NegativeLimit_IsRefused() => ShouldBeInvalid(() => Request(Approver, newLimit: -0.01m));

    [Fact]
    public void Request_LimitWithFiveDecimals_IsRefused() => ShouldBeInvalid(() => Request(Approver, newLimit: 800_000.00001m));

    [Fact]
    public void Request_CutToZero_IsAccepted()
    {
        // Unlike an application, a limit change may withdraw credit entirely.
        Request(Approver, newLimit: 0m).NewLimit.Should().Be(0m);
    }

    [Fact]
    public void Request_ReviewDateOnEffectiveDate_IsRefused() => ShouldBeInvalid(() => Request(Approver, reviewDate: Effective));

    // ---- Approve / Reject ----

    [Theory]
    [InlineData(Requester)]
    [InlineData("OFFICER.AYSE")]
    public void Approve_ByRequester_IsForbiddenAsMakerCheckerViolation(string approver)
    {
        var change = Request(null);

        var refusal = Refusal(() => change.Approve(approver, ApprovedAt));

        refusal.Kind.Should().Be(DomainErrorKind.Forbidden);
        refusal.Code.Should().Be("MAKER_CHECKER_VIOLATION");
        change.Status.Should().Be(LimitChangeStatus.PENDING_APPROVAL);
    }

    [Fact]
    public void Approve_BySecondApprover_SchedulesTheChange()
    {
        var change = Request(null);

        change.Approve(Approver, ApprovedAt);

        change.Status.Should().Be(LimitChangeStatus.SCHEDULED);
        change.ApprovedBy.Should().Be(Approver);
        change.ApprovedAt.Should().Be(ApprovedAt);
    }

    [Fact]
    public void Approve_Twice_IsConflictNotPending()
    {
        var change = Request(null);
        change.Approve(Approver, ApprovedAt);

        var refusal = Refusal(() => change.Approve("director.deniz", ApprovedAt.AddHours(1)));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("LIMIT_CHANGE_NOT_PENDING");
        change.ApprovedBy.Should().Be(Approver);
    }

    [Fact]
    public void Approve_ApprovedAtRequest_IsConflictNotPending() =>
        Refusal(() => Request(Approver).Approve("director.deniz", ApprovedAt)).Code.Should().Be("LIMIT_CHANGE_NOT_PENDING");

    [Fact]
    public void Reject_Pending_RecordsWhoAndWhyAndIsNeverDue()
    {
        var change = Request(null);

        change.Reject(Approver, "  Exposure too high ");

        change.Status.Should().Be(LimitChangeStatus.REJECTED);
        change.RejectedBy.Should().Be(Approver);
        change.RejectionReason.Should().Be("Exposure too high");
        change.IsDue(Effective).Should().BeFalse();
    }

    [Fact]
    public void Reject_Scheduled_IsConflictNotPending()
    {
        var change = Request(Approver);

        Refusal(() => change.Reject("director.deniz", "Too late")).Code.Should().Be("LIMIT_CHANGE_NOT_PENDING");
        change.Status.Should().Be(LimitChangeStatus.SCHEDULED);
    }

    // ---- IsDue / MarkApplied ----

    [Theory]
    [InlineData(2024, 1, 31, false)]
    [InlineData(2024, 2, 1, true)]
    [InlineData(2024, 3, 15, true)] // a missed run applies it later
    public void IsDue_Scheduled_FromTheEffectiveDateOn(int year, int month, int day, bool expected)
    {
        Request(Approver).IsDue(new DateOnly(year, month, day)).Should().Be(expected);
    }

    [Fact]
    public void IsDue_StillPendingApproval_IsNeverDue() => Request(null).IsDue(new DateOnly(2024, 3, 15)).Should().BeFalse();

    [Fact]
    public void MarkApplied_Scheduled_RecordsTheLimitActuallyReplaced()
    {
        // Requested against 500,000, but another change moved the account to 650,000 before this one applied.
        var change = Request(Approver);

        change.MarkApplied(650_000m, AppliedAt);

        change.Status.Should().Be(LimitChangeStatus.APPLIED);
        change.PreviousLimit.Should().Be(650_000m);
        change.NewLimit.Should().Be(800_000m);
        change.AppliedAt.Should().Be(AppliedAt);
        change.IsDue(Effective).Should().BeFalse();
    }

    [Fact]
    public void MarkApplied_Twice_IsConflict()
    {
        var change = Request(Approver);
        change.MarkApplied(500_000m, AppliedAt);

        var refusal = Refusal(() => change.MarkApplied(800_000m, AppliedAt.AddDays(1)));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be(ErrorCodes.Conflict);
        change.PreviousLimit.Should().Be(500_000m);
        change.AppliedAt.Should().Be(AppliedAt);
    }

    [Fact]
    public void MarkApplied_PendingApproval_IsConflict()
    {
        var change = Request(null);

        Refusal(() => change.MarkApplied(500_000m, AppliedAt)).Code.Should().Be(ErrorCodes.Conflict);
        change.Status.Should().Be(LimitChangeStatus.PENDING_APPROVAL);
    }
}
