using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// When a close is refused. Every request here is refused, so no period changes status and the
/// facts do not depend on each other's order; the ones that need the books to start in August each
/// post into August themselves.
/// </summary>
public sealed class CloseRulesTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task Close_OnThePeriodsLastDay_PeriodNotEnded()
    {
        SetToday(new DateOnly(2026, 10, 31));

        using var response = await RequestCloseAsync("2026-10", CloseBody());

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodNotEnded);
        var period = await PeriodAsync("2026-10");
        (period.Status, period.LastRunId).Should().Be((PeriodStatus.OPEN, (Guid?)null));
        using var latestRun = await Manager.GetAsync($"{PeriodsPath}/2026-10/close");
        await latestRun.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Close_WhileAnEarlierPeriodIsOpen_EarlierPeriodOpen()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 100m, new DateOnly(2026, 8, 20));
        await MoveAsync("deposit", checking.AccountNumber, 100m, new DateOnly(2026, 9, 10));

        using var response = await RequestCloseAsync("2026-09", CloseBody());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.EarlierPeriodOpen);
        problem.GetProperty("details").GetProperty("openPeriod").GetString().Should().Be("2026-08");
        var period = await PeriodAsync("2026-09");
        (period.Status, period.LastRunId).Should().Be((PeriodStatus.OPEN, (Guid?)null));
    }

    [Fact]
    public async Task Close_WithoutApprovedBy_ValidationError()
    {
        SetToday(new DateOnly(2026, 10, 2));

        using var missing = await RequestCloseAsync("2026-09", new { includeAccruals = true, runProvision = true });
        using var blank = await RequestCloseAsync("2026-09", new ClosePeriodRequest(null, ApprovedBy: "   "));

        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await blank.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Close_CutoffBeforeThePeriodsLastDayOrInTheFuture_ValidationError()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 100m, new DateOnly(2026, 8, 20));

        using var early = await RequestCloseAsync("2026-08", new ClosePeriodRequest(new DateTimeOffset(2026, 8, 30, 23, 59, 59, TimeSpan.Zero), ApprovedBy: SecondManagerEmail));
        using var future = await RequestCloseAsync("2026-08", new ClosePeriodRequest(Clock.Now.AddHours(1), ApprovedBy: SecondManagerEmail));

        await early.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        var period = await PeriodAsync("2026-08");
        (period.Status, period.LastRunId).Should().Be((PeriodStatus.OPEN, (Guid?)null));
    }

    [Fact]
    public async Task Close_WithoutPeriodClosePermission_Forbidden()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var (_, customer) = await Factory.CustomerClientAsync();
        using (customer)
        {
            foreach (var client in new[] { Staff.Teller, Staff.Collector, Staff.CreditOfficer, customer })
            {
                using var close = await RequestCloseAsync("2026-09", CloseBody(), client);
                using var reopen = await client.PostAsJsonAsync($"{PeriodsPath}/2026-09/reopen",
                    new ReopenPeriodRequest("Correction", SecondManagerEmail, new DateOnly(2026, 10, 9)), ApiFactory.Json);

                await close.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
                await reopen.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            }
        }
    }

    [Fact]
    public async Task Close_UnknownOrMalformedPeriod_NotFoundOrValidationError()
    {
        SetToday(new DateOnly(2026, 10, 2));

        using var unknown = await RequestCloseAsync("2020-01", CloseBody());
        using var malformed = await RequestCloseAsync("2026-13", CloseBody());

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, PeriodErrorCodes.PeriodNotFound);
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task CurrentPeriod_AnyDay_IsTheMonthOfToday()
    {
        SetToday(new DateOnly(2026, 10, 2));

        var current = await Staff.Teller.GetOkAsync<PeriodDto>($"{PeriodsPath}/current");

        // Closing is due five days after the month ends (PeriodClose:CloseDeadlineDays).
        (current.Period, current.Status, current.StartDate, current.EndDate, current.CloseDeadline).Should()
            .Be(("2026-10", PeriodStatus.OPEN, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 5)));
    }
}
