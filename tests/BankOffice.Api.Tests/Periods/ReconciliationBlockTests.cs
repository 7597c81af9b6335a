using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;

namespace BankOffice.Api.Tests.Periods;

/// <summary>A close that finds the books out of balance stops, lists why, and opens the period again for the correction.</summary>
public sealed class ReconciliationBlockTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task Close_StoredBalanceDiffersFromItsLines_BlockedUntilFixed()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var checking = await OpenAccountAsync(AccountType.CHECKING);
        await MoveAsync("deposit", checking.AccountNumber, 1_000m, new DateOnly(2026, 9, 5));
        var savings = await OpenAccountAsync(AccountType.SAVINGS);
        // 10,000.00 x 30 days x 0.001 = 300.00.
        await MoveAsync("deposit", savings.AccountNumber, 10_000m, new DateOnly(2026, 9, 1));
        // What no posting can do: the stored balance no longer equals the account's lines.
        (await ExecuteSqlAsync("UPDATE accounts SET balance = balance + 1 WHERE number = {0}", checking.AccountNumber)).Should().Be(1);

        var started = await StartCloseAsync("2026-09");
        var blocked = await WaitForRunAsync(started.Id);

        blocked.Status.Should().Be(CloseRunStatus.BLOCKED);
        blocked.Error.Should().NotBeNullOrEmpty();
        blocked.Summary.Should().BeNull();
        blocked.Steps.Single(s => s.Step == CloseStep.RECONCILIATION).Status.Should().Be(CloseStepStatus.FAILED);
        blocked.Steps.Where(s => s.Step > CloseStep.RECONCILIATION).Should().OnlyContain(s => s.Status == CloseStepStatus.PENDING);
        // Expected is what the ledger says (1,000.00), actual the stored balance (1,001.00).
        var exception = blocked.Exceptions.Should().ContainSingle().Subject;
        (exception.Kind, exception.Reference, exception.Currency, exception.Expected, exception.Actual, exception.Difference).Should()
            .Be((CloseExceptionKinds.AccountBalance, checking.AccountNumber, Currency.TRY, 1_000m, 1_001m, -1m));
        var period = await PeriodAsync("2026-09");
        (period.Status, period.LastRunId, period.LastRunStatus).Should().Be((PeriodStatus.OPEN, blocked.Id, CloseRunStatus.BLOCKED));
        (await AuditAsync("2026-09")).Select(a => a.Action).Should().Equal("CLOSE_BLOCKED", "CLOSE_STARTED");

        (await ExecuteSqlAsync("UPDATE accounts SET balance = balance - 1 WHERE number = {0}", checking.AccountNumber)).Should().Be(1);
        var closed = await CloseAsync("2026-09");

        // The blocked run had already booked September's interest; the new run books only what is missing: nothing.
        closed.Exceptions.Should().BeEmpty();
        closed.Summary!.InterestBooked.Should().BeEmpty();
        closed.Summary.InterestAccounts.Should().Be(0);
        (await EntriesAsync(savings.AccountNumber, EntryKind.INTEREST)).Should().ContainSingle().Which.Amount.Should().Be(300m);
        (await BalanceAsync(savings.AccountNumber)).Should().Be(10_300m);
        (await PeriodAsync("2026-09")).Status.Should().Be(PeriodStatus.CLOSED);
        (await LedgerCheckAsync()).Ok.Should().BeTrue();
    }
}
