using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using BankOffice.Web.Features.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Statements;

public sealed class StatementRunsTests : StatementsTestBase
{
    // The page follows a run on a background loop; on a loaded CI machine bUnit's 1 s default was too short.
    private static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(10);

    public StatementRunsTests()
    {
        Periods.Periods.Add(FakePeriodsClient.Period("2026-11", PeriodStatus.OPEN));
        Periods.Periods.Add(FakePeriodsClient.Period("2026-10", PeriodStatus.CLOSED, CloseRunStatus.SUCCEEDED));
        Periods.Periods.Add(FakePeriodsClient.Period("2026-09", PeriodStatus.CLOSED, CloseRunStatus.SUCCEEDED));
        SignInAs(Roles.Admin);
    }

    [Fact]
    public void Open_RunningRun_FollowsItUntilItCompletes()
    {
        Statements.Runs.Add(FakeStatementsClient.Run(StatementRunStatus.RUNNING, processed: 40, total: 120, percent: 33, message: "Rendering 120 statements."));
        var cut = Ctx.Render<StatementRunsPage>();

        cut.WaitForAssertion(() => Statements.Watched.Should().Equal(FakeStatementsClient.RunId), FollowTimeout);
        Statements.Updates.Writer.TryWrite(FakeStatementsClient.Run(StatementRunStatus.RUNNING, processed: 90, total: 120, failed: 1, percent: 75, message: "Account ACC-9: font missing"));

        // (90 + 1) of 120 done: 75 % as the API computes it (whole percent, rounded down).
        cut.WaitForAssertion(() => cut.Find("[data-testid=run-count]").TextContent.Should().Be("90 / 120"), FollowTimeout);
        cut.Find("[data-testid=run-progress-bar]").GetAttribute("aria-valuenow").Should().Be("75");
        cut.Find("[data-testid=run-failed]").TextContent.Should().Be("1");
        cut.Find("[data-testid=run-message]").TextContent.Should().Be("Account ACC-9: font missing");
        cut.Find("[data-testid=run-status]").TextContent.Should().Be("RUNNING");

        var done = FakeStatementsClient.Run(StatementRunStatus.COMPLETED, processed: 120, total: 120, percent: 100, message: "120 statements stored.");
        Statements.Runs[0] = done;
        Statements.Updates.Writer.TryWrite(done);
        Statements.Updates.Writer.TryComplete();

        cut.WaitForAssertion(() => cut.Find("[data-testid=run-status]").TextContent.Should().Be("COMPLETED"), FollowTimeout);
        cut.Find("[data-testid=run-progress-bar]").GetAttribute("aria-valuenow").Should().Be("100");
        cut.Find("[data-testid=run-issued-link]").GetAttribute("href").Should().Be("/statements/issued");
        cut.WaitForAssertion(() => cut.Find("[data-testid=runs-status]").TextContent.Should().Be("COMPLETED"), FollowTimeout);
    }

    [Fact]
    public void Start_ChosenPeriodAndFormats_PostsThemAndFollowsTheQueuedRun()
    {
        var cut = Ctx.Render<StatementRunsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=run-form]"), FollowTimeout);

        cut.Find("[data-testid=run-format-excel]").Click();
        cut.Find("[data-testid=run-format-csv]").Click();
        cut.Find("[data-testid=run-form]").Submit();

        // The newest closed period is chosen by default; PDF is on by default.
        cut.WaitForAssertion(() => Statements.StartRequests.Should().ContainSingle(), FollowTimeout);
        Statements.StartRequests[0].Period.Should().Be("2026-10");
        Statements.StartRequests[0].Formats.Should().Equal("pdf", "excel", "csv");
        cut.WaitForAssertion(() => cut.Find("[data-testid=run-status]").TextContent.Should().Be("QUEUED"), FollowTimeout);
        cut.Find("[data-testid=run-count]").TextContent.Should().Be("waiting to start");
        cut.Find("[data-testid=run-caption]").TextContent.Should().Contain("PDF, Excel, CSV");
        Statements.Watched.Should().Equal(FakeStatementsClient.RunId);
    }

    [Fact]
    public void Start_NoFormat_SaysSoAndStartsNothing()
    {
        var cut = Ctx.Render<StatementRunsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=run-form]"), FollowTimeout);

        cut.Find("[data-testid=run-format-pdf]").Click();
        cut.Find("[data-testid=run-form]").Submit();

        Messages(cut).Should().Equal("Choose at least one format to store.");
        Statements.StartRequests.Should().BeEmpty();
    }

    [Fact]
    public void Start_RunAlreadyQueued_FollowsThatRunInstead()
    {
        var queued = FakeStatementsClient.Run(StatementRunStatus.QUEUED, period: "2026-10", id: Guid.Parse("0193a000-0000-7000-8000-0000000000c3"));
        var cut = Ctx.Render<StatementRunsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=run-form]"), FollowTimeout);
        Statements.Runs.Add(queued); // queued by the close a moment after the page loaded
        Statements.Errors.Enqueue(new ApiException(409, StatementErrorCodes.RunInProgress, "Conflict", "A statement run of 2026-10 is already queued."));

        cut.Find("[data-testid=run-form]").Submit();

        cut.WaitForAssertion(() => Statements.Watched.Should().Equal(queued.Id), FollowTimeout);
        cut.Find("[data-testid=run-status]").TextContent.Should().Be("QUEUED");
        cut.FindAll("[data-testid=error-alert]").Should().BeEmpty();
    }

    [Fact]
    public void Progress_FailedRun_ShowsFailuresAndTheMessage()
    {
        var run = FakeStatementsClient.Run(StatementRunStatus.FAILED, processed: 118, total: 120, failed: 2, percent: 100, attempts: 2,
            message: "118 statements stored, 2 failed; run statements again to retry them. Last error: timeout");

        var cut = Ctx.Render<StatementRunProgress>(p => p.Add(c => c.Run, run));

        cut.Find("[data-testid=run-status]").TextContent.Should().Be("FAILED");
        cut.Find("[data-testid=run-count]").TextContent.Should().Be("118 / 120");
        cut.Find("[data-testid=run-failed]").TextContent.Should().Be("2");
        cut.Find("[data-testid=run-attempts]").TextContent.Should().Be("resumed (attempt 2)");
        cut.Find("[data-testid=run-message]").TextContent.Should().StartWith("118 statements stored, 2 failed");
        cut.FindAll("[data-testid=run-issued-link]").Should().BeEmpty();
    }

    [Fact]
    public void Open_NoClosedPeriod_ExplainsThatAPeriodMustBeClosedFirst()
    {
        Periods.Periods.RemoveAll(p => p.Status == PeriodStatus.CLOSED);

        var cut = Ctx.Render<StatementRunsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=runs-no-closed-period]").TextContent.Should()
            .Be("No period is closed yet: statements are issued when a period is closed."), FollowTimeout);
        cut.FindAll("[data-testid=run-form]").Should().BeEmpty();
    }
}
