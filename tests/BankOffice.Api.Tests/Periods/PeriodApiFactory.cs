using System.Globalization;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Security;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// Three period.close users for a test class: the manager who closes and asks for reopens, a second
/// manager who approves (maker-checker), and an admin for the ledger check.
/// </summary>
public sealed record PeriodStaff(HttpClient Manager, string ManagerEmail, HttpClient SecondManager, string SecondManagerEmail, HttpClient Admin) : IDisposable
{
    public void Dispose()
    {
        Manager.Dispose();
        SecondManager.Dispose();
        Admin.Dispose();
    }
}

/// <summary>
/// <see cref="ClockedApiFactory"/> with the period close set up for hand-computed figures: rates whose
/// daily factor is a round number, provision rates of our own, two accounts per interest batch (so
/// every close with more than two interest-bearing accounts runs several batches), no pause between
/// batches, and a worker that looks for runs often.
/// </summary>
public class PeriodApiFactory : ClockedApiFactory, IAsyncLifetime
{
    /// <summary>SAVINGS TRY: 36.5 % on ACT/365F, i.e. 0.001 of a balance-day.</summary>
    public const decimal SavingsTryRate = 36.5m;

    /// <summary>SAVINGS EUR: 3.6 % on ACT/360, i.e. 0.0001 of a balance-day.</summary>
    public const decimal SavingsEurRate = 3.6m;

    /// <summary>LOAN TRY: 73 % on ACT/365F, i.e. 0.002 of a (negative) balance-day.</summary>
    public const decimal LoanTryRate = 73m;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PeriodStaff? _staff;

    protected virtual int BatchSize => 2;

    protected virtual TimeSpan BatchPause => TimeSpan.Zero;

    /// <summary>Off by default: a close's statement run prints PDFs in the background, which only the statement tests want.</summary>
    protected virtual bool StatementRunOnClose => false;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            void Rate(int index, string type, string currency, decimal rate, string dayCount)
            {
                settings[$"PeriodClose:InterestRates:{index}:AccountType"] = type;
                settings[$"PeriodClose:InterestRates:{index}:Currency"] = currency;
                settings[$"PeriodClose:InterestRates:{index}:AnnualRate"] = rate.ToString(CultureInfo.InvariantCulture);
                settings[$"PeriodClose:InterestRates:{index}:DayCount"] = dayCount;
            }

            Rate(0, "SAVINGS", "TRY", SavingsTryRate, "ACT_365F");
            Rate(1, "SAVINGS", "EUR", SavingsEurRate, "ACT_360");
            Rate(2, "LOAN", "TRY", LoanTryRate, "ACT_365F");

            // Configuration merges lists by index, so the shared appsettings' other rates would still
            // apply: a zero rate switches an entry off.
            for (var index = 3; index < 16; index++)
            {
                settings[$"PeriodClose:InterestRates:{index}:AnnualRate"] = "0";
            }

            settings["PeriodClose:ProvisionRates:Current"] = "2";
            settings["PeriodClose:ProvisionRates:Days1_30"] = "10";
            settings["PeriodClose:ProvisionRates:Days31_60"] = "25";
            settings["PeriodClose:ProvisionRates:Days61_90"] = "50";
            settings["PeriodClose:ProvisionRates:Over90"] = "100";
            settings["PeriodClose:CloseDeadlineDays"] = "5";
            settings["PeriodClose:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);
            settings["PeriodClose:BatchPause"] = BatchPause.ToString("c", CultureInfo.InvariantCulture);
            settings["PeriodClose:PollInterval"] = "00:00:00.200";
            settings["Statements:RunOnClose"] = StatementRunOnClose ? "true" : "false";
            settings["Statements:PollInterval"] = "00:00:00.200";
            return settings;
        }
    }

    public async Task<PeriodStaff> PeriodStaffAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_staff is null)
            {
                var manager = await CreateUserAsync(Roles.Manager);
                var second = await CreateUserAsync(Roles.Manager);
                _staff = new PeriodStaff(await ClientForAsync(manager), manager, await ClientForAsync(second), second, await ClientForRoleAsync(Roles.Admin));
            }

            return _staff;
        }
        finally
        {
            _gate.Release();
        }
    }

    public new async Task DisposeAsync()
    {
        _staff?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// One account per interest batch and a pause of <see cref="Pause"/> after each: a close stays
/// RUNNING in its INTEREST step long enough for a test to act while it runs.
/// </summary>
public sealed class PausedCloseApiFactory : PeriodApiFactory
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    protected override int BatchSize => 1;

    protected override TimeSpan BatchPause => Pause;
}
