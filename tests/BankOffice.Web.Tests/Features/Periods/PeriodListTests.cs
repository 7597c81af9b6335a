using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Periods;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Periods;

public sealed class PeriodListTests : PeriodsTestBase
{
    public PeriodListTests()
    {
        // Today is 2026-11-20: November runs; October ended (deadline 2026-11-05 passed); August and September are closed.
        Periods.Periods.Add(FakePeriodsClient.Period("2026-11", PeriodStatus.OPEN));
        Periods.Periods.Add(FakePeriodsClient.Period("2026-10", PeriodStatus.OPEN, CloseRunStatus.BLOCKED));
        Periods.Periods.Add(FakePeriodsClient.Period("2026-09", PeriodStatus.CLOSED, CloseRunStatus.SUCCEEDED, reopens: 1));
        Periods.Periods.Add(FakePeriodsClient.Period("2026-08", PeriodStatus.CLOSED, CloseRunStatus.SUCCEEDED, pending: FakePeriodsClient.Request(Other, Me, "2026-08")));
    }

    [Fact]
    public void Render_Admin_OffersTheActionEachStatusAllows()
    {
        SignInAs(Roles.Admin);

        var cut = Ctx.Render<PeriodList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=period-row-]").Should().HaveCount(4));
        Row(cut, "2026-11").QuerySelector("[data-testid=period-close]")!.HasAttribute("disabled").Should().BeTrue("November has not ended");
        Row(cut, "2026-10").QuerySelector("[data-testid=period-close]")!.HasAttribute("disabled").Should().BeFalse();
        Row(cut, "2026-10").QuerySelector("[data-testid=period-reopen]").Should().BeNull();
        Row(cut, "2026-10").QuerySelector("[data-testid=period-last-run]")!.TextContent.Should().Be("BLOCKED");
        Row(cut, "2026-09").QuerySelector("[data-testid=period-reopen]").Should().NotBeNull();
        Row(cut, "2026-09").QuerySelector("[data-testid=period-close]").Should().BeNull();
        Row(cut, "2026-09").QuerySelector("[data-testid=period-reopens]")!.TextContent.Should().Be("1");
        Row(cut, "2026-08").QuerySelector("[data-testid=period-reopen]").Should().BeNull();
        Row(cut, "2026-08").QuerySelector("[data-testid=period-reopen-pending]")!.TextContent.Should().Be("Reopen pending");
    }

    [Fact]
    public void Render_Deadline_OverdueOnlyWhenPastAndNotClosed()
    {
        SignInAs(Roles.Manager, Other);

        var cut = Ctx.Render<PeriodList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=period-row-]").Should().HaveCount(4));
        // October's deadline 2026-11-05 is before today and it is still open; September's (2026-10-05) passed too, but it is closed.
        Row(cut, "2026-10").QuerySelector("[data-testid=period-dates]")!.TextContent.Should().Be("2026-10-01 – 10-31");
        Row(cut, "2026-10").QuerySelector("[data-testid=period-deadline]")!.TextContent.Should().Be("2026-11-05");
        Row(cut, "2026-10").QuerySelector("[data-testid=period-overdue]").Should().NotBeNull();
        Row(cut, "2026-11").QuerySelector("[data-testid=period-overdue]").Should().BeNull();
        Row(cut, "2026-09").QuerySelector("[data-testid=period-overdue]").Should().BeNull();
        Row(cut, "2026-09").QuerySelector("[data-testid=period-closed-by]")!.TextContent.Should().Be("admin@bankoffice.local");
    }

    [Fact]
    public void Render_TellerWithoutPeriodClose_SeesPeriodsButNoActionsNorRequests()
    {
        SignInAs(Roles.Teller, "teller@bankoffice.local");

        var cut = Ctx.Render<PeriodList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=period-row-]").Should().HaveCount(4));
        cut.FindAll("[data-testid=period-close]").Should().BeEmpty();
        cut.FindAll("[data-testid=period-reopen]").Should().BeEmpty();
        cut.FindAll("[data-testid=reopen-requests]").Should().BeEmpty();
    }

    [Fact]
    public void Close_EndedOpenPeriod_GoesToItsClosePage()
    {
        SignInAs(Roles.Admin);
        var cut = Ctx.Render<PeriodList>();
        cut.WaitForAssertion(() => Row(cut, "2026-10"));

        Row(cut, "2026-10").QuerySelector("[data-testid=period-close]")!.Click();

        Ctx.Navigation.Uri.Should().EndWith("/periods/2026-10/close");
    }

    [Fact]
    public void Audit_OfAPeriod_ListsItsEntriesAsTheApiOrdersThem()
    {
        SignInAs(Roles.Admin);
        Periods.Audit.Add(new PeriodAuditDto("2026-09", "REOPEN_REQUESTED", Other, "Late supplier invoice to book", FakePeriodsClient.Started.AddDays(1)));
        Periods.Audit.Add(new PeriodAuditDto("2026-09", "CLOSED", Me, "Interest 1,234.56 TRY", FakePeriodsClient.Started));
        Periods.Audit.Add(new PeriodAuditDto("2026-10", "CLOSE_BLOCKED", Me, null, FakePeriodsClient.Started));

        var cut = Ctx.Render<PeriodAudit>(p => p.Add(c => c.Period, "2026-09"));

        cut.FindAll("[data-testid=period-audit-action]").Select(a => a.TextContent).Should().Equal("REOPEN_REQUESTED", "CLOSED");
        cut.FindAll("[data-testid=period-audit-entry]")[0].TextContent.Should().Contain(Other).And.Contain("Late supplier invoice to book");
    }

    private static AngleSharp.Dom.IElement Row(IRenderedFragment cut, string period) => cut.Find($"[data-testid=period-row-{period}]");
}
