using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class PeriodReopenRequestTests
{
    private const string Requester = "manager@bankoffice.local";
    private const string Approver = "admin@bankoffice.local";
    private static readonly Guid RequestId = Guid.Parse("0b5c1a7e-0000-4000-8000-000000000006");
    private static readonly DateOnly Today = new(2026, 11, 3);
    private static readonly DateTimeOffset RequestedAt = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecidedAt = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Expected = new(2026, 11, 6);

    private static AccountingPeriod ClosedOctober()
    {
        var period = AccountingPeriod.Create(new PeriodKey(2026, 10), 5);
        period.BeginClose(new DateOnly(2026, 11, 1));
        period.MarkClosing();
        period.CompleteClose(Requester, Approver, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        return period;
    }

    private static PeriodReopenRequest Create(AccountingPeriod period, string reason = "Late supplier invoice", string authorizedBy = Approver, DateOnly? expected = null) =>
        PeriodReopenRequest.Create(RequestId, period, reason, Requester, authorizedBy, expected ?? Expected, Today, RequestedAt);

    private static PeriodReopenRequest Create(string reason = "Late supplier invoice", string authorizedBy = Approver, DateOnly? expected = null) =>
        Create(ClosedOctober(), reason, authorizedBy, expected);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    private static void ShouldBeInvalid(Action act)
    {
        var refusal = Refusal(act);
        refusal.Kind.Should().Be(DomainErrorKind.Validation);
        refusal.Code.Should().Be(ErrorCodes.ValidationError);
    }

    private static void ShouldBeMakerChecker(Action act)
    {
        var refusal = Refusal(act);
        refusal.Kind.Should().Be(DomainErrorKind.Forbidden);
        refusal.Code.Should().Be("MAKER_CHECKER_VIOLATION");
    }

    // ---- Create ----

    [Fact]
    public void Create_ClosedPeriod_IsPendingWithTrimmedReasonAndApprover()
    {
        var request = Create("  Late supplier invoice  ", "  " + Approver + " ");

        request.Id.Should().Be(RequestId);
        request.Period.Should().Be("2026-10");
        request.Status.Should().Be(ReopenStatus.PENDING_APPROVAL);
        request.Reason.Should().Be("Late supplier invoice");
        request.RequestedBy.Should().Be(Requester);
        request.AuthorizedBy.Should().Be(Approver);
        request.ExpectedCloseDate.Should().Be(Expected);
        request.RequestedAt.Should().Be(RequestedAt);
        request.DecidedBy.Should().BeNull();
    }

    [Fact]
    public void Create_DoesNotReopenThePeriodYet()
    {
        var period = ClosedOctober();

        Create(period);

        period.Status.Should().Be(PeriodStatus.CLOSED);
        period.ReopenCount.Should().Be(0);
    }

    [Theory]
    [InlineData(Requester)]
    [InlineData("MANAGER@BankOffice.Local")]
    [InlineData("  manager@bankoffice.local ")]
    public void Create_AuthorizedByRequester_IsMakerCheckerViolation(string authorizedBy) =>
        ShouldBeMakerChecker(() => Create(authorizedBy: authorizedBy));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_NoAuthorizer_IsRefused(string authorizedBy) => ShouldBeInvalid(() => Create(authorizedBy: authorizedBy));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_NoReason_IsRefused(string reason) => ShouldBeInvalid(() => Create(reason));

    [Fact]
    public void Create_NullReason_IsRefused() => ShouldBeInvalid(() => Create(reason: null!));

    [Fact]
    public void Create_ReasonOfMaxLength_IsAccepted() =>
        Create(new string('r', PeriodReopenRequest.ReasonMaxLength)).Reason.Should().HaveLength(500);

    [Fact]
    public void Create_ReasonOneOverMaxLength_IsRefused() => ShouldBeInvalid(() => Create(new string('r', 501)));

    [Fact]
    public void Create_MaxLengthReasonWithSurroundingSpaces_IsMeasuredTrimmed() =>
        Create("  " + new string('r', 500) + "  ").Reason.Should().HaveLength(500);

    [Fact]
    public void Create_ExpectedCloseDateToday_IsAccepted() =>
        Create(expected: Today).ExpectedCloseDate.Should().Be(Today);

    [Fact]
    public void Create_ExpectedCloseDateYesterday_IsRefused() => ShouldBeInvalid(() => Create(expected: Today.AddDays(-1)));

    [Fact]
    public void Create_OpenPeriod_IsRefusedPeriodNotClosed()
    {
        var open = AccountingPeriod.Create(new PeriodKey(2026, 10), 5);

        var refusal = Refusal(() => Create(open));

        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Code.Should().Be("PERIOD_NOT_CLOSED");
    }

    [Fact]
    public void Create_ClosingPeriod_IsRefusedPeriodNotClosed()
    {
        var closing = AccountingPeriod.Create(new PeriodKey(2026, 10), 5);
        closing.MarkClosing();

        Refusal(() => Create(closing)).Code.Should().Be("PERIOD_NOT_CLOSED");
    }

    // ---- Approve ----

    [Fact]
    public void Approve_BySecondUser_ReopensThePeriodWithTheExpectedDate()
    {
        var period = ClosedOctober();
        var request = Create(period);

        request.Approve(period, Approver, "  ok, fix it by Friday ", DecidedAt);

        request.Status.Should().Be(ReopenStatus.APPROVED);
        request.DecidedBy.Should().Be(Approver);
        request.DecidedAt.Should().Be(DecidedAt);
        request.DecisionNote.Should().Be("ok, fix it by Friday");
        period.Status.Should().Be(PeriodStatus.OPEN);
        period.ReopenCount.Should().Be(1);
        period.ExpectedCloseDate.Should().Be(Expected);
    }

    [Fact]
    public void Approve_ByAnotherUserThanTheOneNamed_IsAllowed()
    {
        // authorizedBy is who the requester asked; any other period.close user may decide.
        var period = ClosedOctober();
        var request = Create(period);

        request.Approve(period, "controller@bankoffice.local", null, DecidedAt);

        request.Status.Should().Be(ReopenStatus.APPROVED);
        request.DecidedBy.Should().Be("controller@bankoffice.local");
    }

    [Theory]
    [InlineData(Requester)]
    [InlineData("Manager@BANKOFFICE.local")]
    public void Approve_ByRequester_IsMakerCheckerViolationAndChangesNothing(string approver)
    {
        var period = ClosedOctober();
        var request = Create(period);

        ShouldBeMakerChecker(() => request.Approve(period, approver, null, DecidedAt));

        request.Status.Should().Be(ReopenStatus.PENDING_APPROVAL);
        request.DecidedBy.Should().BeNull();
        period.Status.Should().Be(PeriodStatus.CLOSED);
        period.ReopenCount.Should().Be(0);
    }

    [Fact]
    public void Approve_Twice_IsConflictAlreadyDecided()
    {
        var period = ClosedOctober();
        var request = Create(period);
        request.Approve(period, Approver, null, DecidedAt);

        var refusal = Refusal(() => request.Approve(period, "controller@bankoffice.local", null, DecidedAt.AddHours(1)));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("REOPEN_ALREADY_DECIDED");
        request.DecidedBy.Should().Be(Approver);
        period.ReopenCount.Should().Be(1);
    }

    [Fact]
    public void Approve_AfterReject_IsConflictAndPeriodStaysClosed()
    {
        var period = ClosedOctober();
        var request = Create(period);
        request.Reject(Approver, "no", DecidedAt);

        Refusal(() => request.Approve(period, "controller@bankoffice.local", null, DecidedAt)).Code.Should().Be("REOPEN_ALREADY_DECIDED");
        request.Status.Should().Be(ReopenStatus.REJECTED);
        period.Status.Should().Be(PeriodStatus.CLOSED);
    }

    // ---- Reject ----

    [Fact]
    public void Reject_BySecondUser_IsRejectedAndPeriodStaysClosed()
    {
        var period = ClosedOctober();
        var request = Create(period);

        request.Reject(Approver, "Post it in November instead", DecidedAt);

        request.Status.Should().Be(ReopenStatus.REJECTED);
        request.DecidedBy.Should().Be(Approver);
        request.DecidedAt.Should().Be(DecidedAt);
        request.DecisionNote.Should().Be("Post it in November instead");
        period.Status.Should().Be(PeriodStatus.CLOSED);
        period.ReopenCount.Should().Be(0);
    }

    [Fact]
    public void Reject_ByRequester_IsMakerCheckerViolation()
    {
        var request = Create();

        ShouldBeMakerChecker(() => request.Reject("MANAGER@bankoffice.local", null, DecidedAt));
        request.Status.Should().Be(ReopenStatus.PENDING_APPROVAL);
    }

    [Fact]
    public void Reject_Twice_IsConflictAlreadyDecided()
    {
        var request = Create();
        request.Reject(Approver, null, DecidedAt);

        Refusal(() => request.Reject("controller@bankoffice.local", null, DecidedAt)).Code.Should().Be("REOPEN_ALREADY_DECIDED");
        request.DecidedBy.Should().Be(Approver);
    }

    [Fact]
    public void Reject_AfterApprove_IsConflict()
    {
        var period = ClosedOctober();
        var request = Create(period);
        request.Approve(period, Approver, null, DecidedAt);

        Refusal(() => request.Reject("controller@bankoffice.local", null, DecidedAt)).Code.Should().Be("REOPEN_ALREADY_DECIDED");
        request.Status.Should().Be(ReopenStatus.APPROVED);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reject_BlankNote_StoresNoNote(string? note)
    {
        var request = Create();

        request.Reject(Approver, note, DecidedAt);

        request.DecisionNote.Should().BeNull();
    }

    [Fact]
    public void Reject_LongNote_IsCutToMaxLength()
    {
        var request = Create();

        request.Reject(Approver, " " + new string('n', 501) + " ", DecidedAt);

        // Trimmed to 501 characters, then cut to the first 500.
        request.DecisionNote.Should().Be(new string('n', 500));
    }

    [Fact]
    public void Approve_PeriodNoLongerClosed_IsRefusedAndTheRequestStaysUndecided()
    {
        // Another request reopened October first: this one must not look decided after the refusal.
        var period = ClosedOctober();
        var request = Create(period);
        period.Reopen(Expected);

        Refusal(() => request.Approve(period, Approver, "ok", DecidedAt)).Code.Should().Be(PeriodErrorCodes.PeriodNotClosed);

        request.Status.Should().Be(ReopenStatus.PENDING_APPROVAL);
        request.DecidedBy.Should().BeNull();
        request.DecidedAt.Should().BeNull();
    }
}
