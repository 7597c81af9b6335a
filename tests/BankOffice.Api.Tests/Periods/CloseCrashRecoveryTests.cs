using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// The in-process host only prepares the data and reads results; the close runs in separate API
/// processes, so its own close worker looks for runs only once an hour and never takes theirs.
/// </summary>
public sealed class IdleCloseWorkerApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["PeriodClose:PollInterval"] = "01:00:00";
            return settings;
        }
    }
}

/// <summary>
/// A close survives its process dying: the next API instance resumes the run where it stopped and
/// no account gets its interest twice. The API runs as a real process so it can be killed.
/// </summary>
public sealed class CloseCrashRecoveryTests(IdleCloseWorkerApiFactory factory) : IClassFixture<IdleCloseWorkerApiFactory>
{
    private const int Accounts = 40;
    private const int BatchSize = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>SAVINGS TRY at 36.5 % ACT/365F (0.001 a balance-day), four accounts per batch, the worker looking every 200 ms.</summary>
    private static readonly Dictionary<string, string> CloseSettings = new()
    {
        ["PeriodClose__InterestRates__0__AccountType"] = "SAVINGS",
        ["PeriodClose__InterestRates__0__Currency"] = "TRY",
        ["PeriodClose__InterestRates__0__AnnualRate"] = "36.5",
        ["PeriodClose__InterestRates__0__DayCount"] = "ACT_365F",
        ["PeriodClose__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PeriodClose__PollInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Close_ProcessKilledDuringInterest_ResumesOnRestartAndBooksEveryAccountOnce()
    {
        // The processes run on real time, so the period is last month; a deposit on its tenth-last day
        // earns for 10 days whatever the month's length.
        var period = PeriodKey.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;
        var valueDate = period.End.AddDays(-9);
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var customerId = await factory.CreateCustomerAsync();
        var expected = new Dictionary<string, decimal>();
        for (var i = 1; i <= Accounts; i++)
        {
            var account = await LedgerApi.OpenAsync(teller, customerId, AccountType.SAVINGS);
            await LedgerApi.DepositAsync(teller, account.AccountNumber, 1_000m + i, valueDate);
            // (1,000 + i) x 10 days x 36.5 / 100 / 365 = (1,000 + i) / 100: 10.01, 10.02, ... 10.40.
            expected[account.AccountNumber] = (1_000m + i) / 100m;
        }

        var manager = await factory.CreateUserAsync(Roles.Manager);
        var admin = await factory.CreateUserAsync(Roles.Admin);

        Guid runId;
        await using (var first = await ApiProcess.StartAsync(factory.ConnectionString, new Dictionary<string, string>(CloseSettings) { ["PeriodClose__BatchPause"] = "00:00:00.300" }))
        {
            using var client = await first.ClientForAsync(manager);
            using var response = await client.PostAsJsonAsync($"/api/v1/periods/{period}/close", new ClosePeriodRequest(null, ApprovedBy: admin), ApiFactory.Json);
            runId = (await response.ReadAsync<CloseRunDto>(HttpStatusCode.Accepted)).Id;

            // Two batches booked (each commits its accrual rows with its entries), then the crash.
            await WaitForAsync(async () => await AccrualsAsync(runId) >= 2 * BatchSize, () => first.Output);
            await first.KillAsync();
        }

        var booked = await AccrualsAsync(runId);
        booked.Should().BeInRange(2 * BatchSize, Accounts - 1, "the process died part-way through the interest step");
        (await InterestByAccountAsync(period)).Values.Sum(v => v.Count).Should().Be(booked, "an accrual row and its INTEREST entry commit together");
        using (var reader = await factory.ClientForAsync(manager))
        {
            var crashed = await reader.GetOkAsync<CloseRunDto>($"/api/v1/periods/close-runs/{runId}");
            (crashed.Status, crashed.Attempts, crashed.CurrentStep).Should().Be((CloseRunStatus.RUNNING, 1, CloseStep.INTEREST));
            (await reader.GetOkAsync<PeriodDto>($"/api/v1/periods/{period}")).Status.Should().Be(PeriodStatus.CLOSING);
        }

        await using var second = await ApiProcess.StartAsync(factory.ConnectionString, CloseSettings);
        using var secondManager = await second.ClientForAsync(manager);
        CloseRunDto run = default!;
        await WaitForAsync(async () => (run = await secondManager.GetOkAsync<CloseRunDto>($"/api/v1/periods/close-runs/{runId}")).Status != CloseRunStatus.RUNNING, () => second.Output);

        (run.Status, run.Attempts, run.Error).Should().Be((CloseRunStatus.SUCCEEDED, 2, (string?)null));
        run.Steps.Single(s => s.Step == CloseStep.INTEREST).Processed.Should().Be(Accounts);
        // 40 x 10.00 + (0.01 + 0.02 + ... + 0.40) = 400.00 + 8.20 = 408.20
        run.Summary!.InterestBooked.Should().Equal(new CurrencyAmountDto(Currency.TRY, 408.20m));
        run.Summary.InterestAccounts.Should().Be(Accounts);
        var interest = await InterestByAccountAsync(period);
        interest.Should().HaveCount(Accounts);
        foreach (var (number, amount) in expected)
        {
            interest[number].Should().Equal([amount], $"account {number} gets its interest exactly once");
        }

        (await AccrualsAsync(runId)).Should().Be(Accounts);
        using var secondAdmin = await second.ClientForAsync(admin);
        (await secondAdmin.GetOkAsync<LedgerCheckDto>("/api/v1/admin/ledger/check")).Ok.Should().BeTrue();
        (await secondManager.GetOkAsync<PeriodDto>($"/api/v1/periods/{period}")).Status.Should().Be(PeriodStatus.CLOSED);
    }

    private Task<int> AccrualsAsync(Guid runId) => factory.WithDbAsync(db => db.InterestAccruals.CountAsync(a => a.RunId == runId));

    /// <summary>The amounts of the INTEREST entries dated the period's last day, per account number.</summary>
    private async Task<Dictionary<string, List<decimal>>> InterestByAccountAsync(PeriodKey period)
    {
        var end = period.End;
        var lines = await factory.WithDbAsync(db => (
            from l in db.JournalLines.AsNoTracking()
            join e in db.JournalEntries on l.EntryId equals e.Id
            join a in db.Accounts on l.AccountId equals a.Id
            where e.Kind == EntryKind.INTEREST && e.ValueDate == end
            select new { a.Number, l.Amount }).ToListAsync());
        return lines.GroupBy(l => l.Number).ToDictionary(g => g.Key, g => g.Select(l => l.Amount).ToList());
    }

    /// <summary>Polls until <paramref name="done"/> (never a fixed sleep), with the process's log on a timeout.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> done, Func<string> log)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not there within {Timeout.TotalSeconds} s. API log:\n{log()}");
            }

            await Task.Delay(50);
        }
    }
}
