using System.Net;
using BankOffice.Core.Accounts;
using BankOffice.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Tests.Periods;

/// <summary>One close at a time: the period's lock lets the first request in and shows the others a closing period.</summary>
public sealed class ConcurrentCloseTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task Close_FiveAtOnce_OneStartsOthersCloseInProgress()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 100m, new DateOnly(2026, 9, 10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => RequestCloseAsync("2026-09", CloseBody(), i % 2 == 0 ? Manager : SecondManager)));

        try
        {
            responses.Select(r => r.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.Accepted);
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PeriodErrorCodes.CloseInProgress);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        var runs = await Factory.WithDbAsync(db => db.CloseRuns.AsNoTracking().Where(r => r.Period == "2026-09").Select(r => r.Id).ToListAsync());
        var run = await WaitForRunAsync(runs.Should().ContainSingle().Subject);
        run.Status.Should().Be(CloseRunStatus.SUCCEEDED, run.Error);
        (await AuditAsync("2026-09")).Select(a => a.Action).Should().Equal("CLOSE_COMPLETED", "CLOSE_STARTED");
    }
}
