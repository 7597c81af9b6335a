using System.Net;
using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Periods;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>Only the latest CLOSED period can be reopened, also when a later one closed while the request waited.</summary>
public sealed class ReopenApprovalOrderTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task ApproveReopen_ALaterPeriodClosedMeanwhile_LaterPeriodClosed()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 1_000m, new DateOnly(2026, 9, 10));
        await CloseAsync("2026-09");
        using var asked = await Manager.PostAsJsonAsync($"{PeriodsPath}/2026-09/reopen",
            new ReopenPeriodRequest("Missing supplier invoice", SecondManagerEmail, new DateOnly(2026, 11, 10)), ApiFactory.Json);
        var request = await asked.ReadAsync<ReopenRequestDto>(HttpStatusCode.Accepted);

        // October ends and is closed while the request waits: September is no longer the latest closed period.
        SetToday(new DateOnly(2026, 11, 2));
        await CloseAsync("2026-10");
        using var approve = await SecondManager.PostAsJsonAsync($"{PeriodsPath}/reopen-requests/{request.Id}/approve", new ReopenDecisionRequest(null), ApiFactory.Json);

        await approve.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.LaterPeriodClosed);
        (await PeriodAsync("2026-09")).Status.Should().Be(PeriodStatus.CLOSED, "an OPEN September under a CLOSED October would break the order periods close in");
        (await PeriodAsync("2026-10")).Status.Should().Be(PeriodStatus.CLOSED);
    }
}
