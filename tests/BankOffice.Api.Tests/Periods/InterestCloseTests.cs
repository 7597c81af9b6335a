using System.Net;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>The close books each interest-bearing account's interest for the month, to the cent, once.</summary>
public sealed class InterestCloseTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    private static readonly DateOnly PeriodEnd = new(2026, 9, 30);

    [Fact]
    public async Task Close_FixedDataSet_BooksExactInterest()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var savings = await OpenAccountAsync(AccountType.SAVINGS);
        var euro = await OpenAccountAsync(AccountType.SAVINGS, Currency.EUR);
        var loan = await OpenAccountAsync(AccountType.LOAN);
        var idle = await OpenAccountAsync(AccountType.SAVINGS);
        var checking = await OpenAccountAsync(AccountType.CHECKING);

        // September has 30 days; a movement on day d counts for 30 - d + 1 days.
        // SAVINGS TRY at 36.5 % ACT/365F (0.001 a balance-day):
        //   10,000.00 x 30 + 5,000.00 x 20 - 3,333.33 x 10 = 300,000 + 100,000 - 33,333.30 = 366,666.70 balance-days
        //   366,666.70 x 0.365 / 365 = 366.6667 -> 366.67
        await MoveAsync("deposit", savings.AccountNumber, 10_000m, new DateOnly(2026, 9, 1));
        await MoveAsync("deposit", savings.AccountNumber, 5_000m, new DateOnly(2026, 9, 11));
        await MoveAsync("withdrawal", savings.AccountNumber, 3_333.33m, new DateOnly(2026, 9, 21));
        // October money earns nothing in September.
        await MoveAsync("deposit", savings.AccountNumber, 50_000m, new DateOnly(2026, 10, 1));

        // SAVINGS EUR at 3.6 % ACT/360 (0.0001 a balance-day):
        //   25,000.50 x 26 - 5,000.00 x 5 = 650,013.00 - 25,000.00 = 625,013.00 balance-days -> 62.5013 -> 62.50
        await MoveAsync("deposit", euro.AccountNumber, 25_000.50m, new DateOnly(2026, 9, 5));
        await MoveAsync("withdrawal", euro.AccountNumber, 5_000m, new DateOnly(2026, 9, 26));

        // LOAN TRY at 73 % ACT/365F (0.002 of what is owed a day), charged:
        //   -20,000.00 x 15 + 4,999.99 x 5 = -300,000 + 24,999.95 = -275,000.05 balance-days -> -550.0001 -> -550.00
        await MoveAsync("debit", loan.AccountNumber, 20_000m, new DateOnly(2026, 9, 16));
        await MoveAsync("credit", loan.AccountNumber, 4_999.99m, new DateOnly(2026, 9, 26));

        // CHECKING has no rate; the idle SAVINGS account has nothing to earn on.
        await MoveAsync("deposit", checking.AccountNumber, 1_000m, new DateOnly(2026, 9, 1));

        var before = (Savings: await BalanceAsync(savings.AccountNumber), Euro: await BalanceAsync(euro.AccountNumber), Loan: await BalanceAsync(loan.AccountNumber));
        before.Should().Be((61_666.67m, 20_000.50m, -15_000.01m));

        var run = await CloseAsync("2026-09");

        (run.Progress, run.Attempts, run.CurrentStep, run.Exceptions.Count).Should().Be((100, 1, (CloseStep?)null, 0));
        run.Steps.Select(s => (s.Step, s.Status)).Should().Equal(Enum.GetValues<CloseStep>().Select(s => (s, CloseStepStatus.DONE)));
        // Four interest-bearing accounts (savings, euro, loan, idle) in batches of two.
        var interestStep = run.Steps.Single(s => s.Step == CloseStep.INTEREST);
        (interestStep.Processed, interestStep.Total).Should().Be((4, 4));
        var summary = run.Summary!;
        // In currency order (TRY, USD, EUR, GBP). TRY nets the deposit interest and the loan charge: 366.67 - 550.00 = -183.33;
        // three accounts booked (not the idle one).
        summary.InterestBooked.Should().Equal(new CurrencyAmountDto(Currency.TRY, -183.33m), new CurrencyAmountDto(Currency.EUR, 62.50m));
        summary.InterestAccounts.Should().Be(3);
        // Period-end snapshots and statements: the four accounts with September lines (idle opened in October with none).
        (summary.BalanceSnapshots, summary.Statements, summary.AgingSnapshots).Should().Be((4, 4, 0));
        summary.Provisions.Should().BeEmpty("there are no receivables");

        await InterestShouldBeAsync(savings.AccountNumber, 366.67m, "INTEREST-TRY");
        await InterestShouldBeAsync(euro.AccountNumber, 62.50m, "INTEREST-EUR");
        await InterestShouldBeAsync(loan.AccountNumber, -550.00m, "INTEREST-TRY");
        (await EntriesAsync(idle.AccountNumber)).Should().BeEmpty();
        (await EntriesAsync(checking.AccountNumber, EntryKind.INTEREST)).Should().BeEmpty();

        // Each balance grew (the loan's debt grew) by exactly the interest.
        (await BalanceAsync(savings.AccountNumber)).Should().Be(61_666.67m + 366.67m);
        (await BalanceAsync(euro.AccountNumber)).Should().Be(20_000.50m + 62.50m);
        (await BalanceAsync(loan.AccountNumber)).Should().Be(-15_000.01m - 550.00m);
        (await BalanceAsync(checking.AccountNumber)).Should().Be(1_000m);

        var accruals = await Factory.WithDbAsync(db => db.InterestAccruals.AsNoTracking().Where(a => a.RunId == run.Id)
            .Join(db.Accounts, a => a.AccountId, x => x.Id, (a, x) => new { x.Number, a.BalanceDays, a.Interest, a.Booked }).ToListAsync());
        accruals.Select(a => (a.Number, a.BalanceDays, a.Interest, a.Booked)).Should().BeEquivalentTo(new[]
        {
            (savings.AccountNumber, 366_666.70m, 366.67m, 366.67m),
            (euro.AccountNumber, 625_013.00m, 62.50m, 62.50m),
            (loan.AccountNumber, -275_000.05m, -550.00m, -550.00m),
            (idle.AccountNumber, 0m, 0m, 0m),
        });

        var period = await PeriodAsync("2026-09");
        (period.Status, period.ClosedBy, period.ApprovedBy, period.LastRunId, period.LastRunStatus).Should()
            .Be((PeriodStatus.CLOSED, ManagerEmail, SecondManagerEmail, run.Id, CloseRunStatus.SUCCEEDED));
        (await Manager.GetOkAsync<CloseRunDto>($"{PeriodsPath}/2026-09/close")).Id.Should().Be(run.Id);
        using (var again = await RequestCloseAsync("2026-09", CloseBody()))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodNotOpen);
        }

        // Newest first, from the month of the first posting to this month.
        (await Staff.Teller.GetOkAsync<IReadOnlyList<PeriodDto>>(PeriodsPath)).Select(p => (p.Period, p.Status)).Should()
            .Equal(("2026-10", PeriodStatus.OPEN), ("2026-09", PeriodStatus.CLOSED));
        (await LedgerCheckAsync()).Ok.Should().BeTrue();
    }

    /// <summary>Exactly one INTEREST entry on the account, dated the period's last day, against the bank's interest account.</summary>
    private async Task InterestShouldBeAsync(string accountNumber, decimal interest, string ledgerCode)
    {
        var entry = (await EntriesAsync(accountNumber, EntryKind.INTEREST)).Should().ContainSingle().Subject;
        (entry.ValueDate, entry.Amount).Should().Be((PeriodEnd, interest));
        var lines = (await Manager.GetOkAsync<TransactionDto>($"/api/v1/transactions/{entry.TransactionId}")).Lines;
        lines.Select(l => (l.AccountNumber, l.LedgerAccount, l.Amount)).Should().BeEquivalentTo(new (string?, string?, decimal)[] { (accountNumber, null, interest), (null, ledgerCode, -interest) });
    }
}
