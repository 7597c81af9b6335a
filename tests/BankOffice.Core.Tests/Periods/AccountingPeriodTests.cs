using BankOffice.Core.Common;
using BankOffice.Core.Periods;

namespace BankOffice.Core.Tests.Periods;

public class AccountingPeriodTests
{
    private static readonly PeriodKey October = new(2026, 10);
    private static readonly DateOnly LastDay = new(2026, 10, 31);
    private static readonly DateOnly DayAfter = new(2026, 11, 1);
    private static readonly DateTimeOffset ClosedAt = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static AccountingPeriod Open() => AccountingPeriod.Create(October, 5);

    private static AccountingPeriod Closing()
    {
        var period = Open();
        period.BeginClose(DayAfter);
        period.MarkClosing();
        return period;
    }

    private static AccountingPeriod Closed()
    {
        var period = Closing();
        period.CompleteClose("manager@bankoffice.local", "admin@bankoffice.local", ClosedAt);
        return period;
    }

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Fact]
    public void Create_October_IsOpenFromFirstToLastDayWithDeadlineAfterEnd()
    {
        var period = AccountingPeriod.Create(October, 5);

        period.Id.Should().Be("2026-10");
        period.Key.Should().Be(October);
        period.StartDate.Should().Be(new DateOnly(2026, 10, 1));
        period.EndDate.Should().Be(LastDay);
        // 31 October + 5 days = 5 November.
        period.CloseDeadline.Should().Be(new DateOnly(2026, 11, 5));
        period.Status.Should().Be(PeriodStatus.OPEN);
        period.ReopenCount.Should().Be(0);
        period.ClosedAt.Should().BeNull();
    }

    // ---- BeginClose ----

    [Fact]
    public void BeginClose_DayAfterEnd_IsAllowed()
    {
        var period = Open();

        period.Invoking(p => p.BeginClose(DayAfter)).Should().NotThrow();
        // BeginClose only checks; the status moves with MarkClosing.
        period.Status.Should().Be(PeriodStatus.OPEN);
    }

    [Theory]
    [InlineData("2026-10-31")] // the last day itself: the month is not over yet
    [InlineData("2026-10-15")]
    [InlineData("2026-09-30")]
    public void BeginClose_OnOrBeforeLastDay_IsRefusedPeriodNotEnded(string today)
    {
        var refusal = Refusal(() => Open().BeginClose(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Code.Should().Be("PERIOD_NOT_ENDED");
    }

    [Fact]
    public void BeginClose_WhileClosing_IsConflictCloseInProgress()
    {
        var refusal = Refusal(() => Closing().BeginClose(DayAfter));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("CLOSE_IN_PROGRESS");
    }

    [Fact]
    public void BeginClose_WhenClosed_IsRefusedPeriodNotOpen()
    {
        var refusal = Refusal(() => Closed().BeginClose(DayAfter.AddDays(10)));

        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Code.Should().Be("PERIOD_NOT_OPEN");
    }

    // ---- MarkClosing, CompleteClose, AbortClose ----

    [Fact]
    public void MarkClosing_Open_IsClosing() => Closing().Status.Should().Be(PeriodStatus.CLOSING);

    [Fact]
    public void CompleteClose_Closing_IsClosedWithWhoAndWhen()
    {
        var period = Closed();

        period.Status.Should().Be(PeriodStatus.CLOSED);
        period.ClosedAt.Should().Be(ClosedAt);
        period.ClosedBy.Should().Be("manager@bankoffice.local");
        period.ApprovedBy.Should().Be("admin@bankoffice.local");
    }

    [Fact]
    public void CompleteClose_Open_IsConflictAndStaysOpen()
    {
        var period = Open();

        var refusal = Refusal(() => period.CompleteClose("manager", "admin", ClosedAt));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("PERIOD_NOT_OPEN");
        period.Status.Should().Be(PeriodStatus.OPEN);
        period.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void CompleteClose_AlreadyClosed_IsConflictAndKeepsFirstClose()
    {
        var period = Closed();

        Refusal(() => period.CompleteClose("someone", "else", ClosedAt.AddDays(1))).Kind.Should().Be(DomainErrorKind.Conflict);
        period.ClosedBy.Should().Be("manager@bankoffice.local");
        period.ClosedAt.Should().Be(ClosedAt);
    }

    [Fact]
    public void AbortClose_Closing_TakesPostingsAgain()
    {
        var period = Closing();

        period.AbortClose();

        period.Status.Should().Be(PeriodStatus.OPEN);
    }

    [Fact]
    public void AbortClose_Closed_StaysClosed()
    {
        // A late abort (e.g. a worker that lost its run) must not reopen a finished close.
        var period = Closed();

        period.AbortClose();

        period.Status.Should().Be(PeriodStatus.CLOSED);
    }

    [Fact]
    public void AbortClose_Open_StaysOpen()
    {
        var period = Open();

        period.AbortClose();

        period.Status.Should().Be(PeriodStatus.OPEN);
    }

    [Fact]
    public void AbortClose_ThenBeginCloseAgain_IsAllowed()
    {
        var period = Closing();
        period.AbortClose();

        period.Invoking(p => p.BeginClose(DayAfter)).Should().NotThrow();
    }

    // ---- Reopen ----

    [Fact]
    public void Reopen_Closed_IsOpenCountedWithExpectedDate()
    {
        var period = Closed();

        period.Reopen(new DateOnly(2026, 11, 10));

        period.Status.Should().Be(PeriodStatus.OPEN);
        period.ReopenCount.Should().Be(1);
        period.ExpectedCloseDate.Should().Be(new DateOnly(2026, 11, 10));
    }

    [Fact]
    public void Reopen_TwiceOverTwoCloses_CountsTwoAndNextCloseClearsExpectedDate()
    {
        var period = Closed();
        period.Reopen(new DateOnly(2026, 11, 10));
        period.BeginClose(new DateOnly(2026, 11, 9));
        period.MarkClosing();
        period.CompleteClose("manager", "admin", ClosedAt.AddDays(7));

        period.ExpectedCloseDate.Should().BeNull();

        period.Reopen(new DateOnly(2026, 11, 20));

        period.ReopenCount.Should().Be(2);
        period.ExpectedCloseDate.Should().Be(new DateOnly(2026, 11, 20));
    }

    [Fact]
    public void Reopen_Open_IsRefusedPeriodNotClosed()
    {
        var period = Open();

        var refusal = Refusal(() => period.Reopen(DayAfter));

        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Code.Should().Be("PERIOD_NOT_CLOSED");
        period.ReopenCount.Should().Be(0);
    }

    [Fact]
    public void Reopen_Closing_IsRefusedPeriodNotClosed()
    {
        var period = Closing();

        Refusal(() => period.Reopen(DayAfter)).Code.Should().Be("PERIOD_NOT_CLOSED");
        period.Status.Should().Be(PeriodStatus.CLOSING);
        period.ReopenCount.Should().Be(0);
    }
}
