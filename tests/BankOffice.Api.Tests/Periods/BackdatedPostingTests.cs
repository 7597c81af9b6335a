using System.Net;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Periods;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>A date before a CLOSED period is closed too, even when the books have no period row for it.</summary>
public sealed class BackdatedPostingTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task Posting_DatedBeforeTheFirstPeriodOnceItIsClosed_RefusedWithPeriodClosed()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 1_000m, new DateOnly(2026, 9, 10));
        await CloseAsync("2026-09");

        // The books start in September, so August has no period row; a deposit dated in August would
        // change the opening balance that September's interest, snapshot and statements were built on.
        using var response = await LedgerApi.MoveAsync(Staff.Teller, "deposit", checking.AccountNumber, 500m, valueDate: new DateOnly(2026, 8, 20));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodClosed);
        (await BalanceAsync(checking.AccountNumber)).Should().Be(1_000m);
        (await Manager.GetOkAsync<IReadOnlyList<PeriodDto>>(PeriodsPath)).Select(p => (p.Period, p.Status)).Should()
            .Equal(("2026-10", PeriodStatus.OPEN), ("2026-09", PeriodStatus.CLOSED));
    }
}
