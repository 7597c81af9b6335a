using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Api.Tests.Collections;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// Period close test classes. Periods are global to a database (they close in order, one close runs
/// at a time), so each class is one scenario on its own database, or facts that never change a
/// period's status. Tests put the clock on fixed dates, so every figure is computed by hand: postings
/// are back-dated with valueDate, and a close waits by polling its run, never by sleeping.
/// </summary>
public abstract class PeriodTestBase<TFactory>(TFactory factory) : ClockedTestBase<TFactory>(factory)
    where TFactory : PeriodApiFactory
{
    public const string PeriodsPath = "/api/v1/periods";

    /// <summary>Generous: on 2 shared cores a close of a few accounts takes well under a second, but a slow machine is not a failure.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private PeriodStaff _closers = default!;

    protected HttpClient Manager => _closers.Manager;

    protected string ManagerEmail => _closers.ManagerEmail;

    protected HttpClient SecondManager => _closers.SecondManager;

    protected string SecondManagerEmail => _closers.SecondManagerEmail;

    protected HttpClient Admin => _closers.Admin;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _closers = await Factory.PeriodStaffAsync();
    }

    /// <summary>Puts the API's clock on noon (UTC) of <paramref name="date"/>.</summary>
    protected void SetToday(DateOnly date) => Clock.Advance(new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) - Clock.Now);

    /// <summary>A deposit, loan or checking account of a new customer.</summary>
    protected async Task<AccountDto> OpenAccountAsync(AccountType type, Currency currency = Currency.TRY) =>
        await LedgerApi.OpenAsync(Staff.Teller, await Factory.CreateCustomerAsync(), type, currency);

    /// <summary>deposit, withdrawal, credit or debit by the teller, value-dated <paramref name="valueDate"/>.</summary>
    protected Task<TransactionDto> MoveAsync(string operation, string accountNumber, decimal amount, DateOnly valueDate) =>
        LedgerApi.MoveAsync(Staff.Teller, operation, accountNumber, amount, valueDate: valueDate).CreatedAsync();

    protected ClosePeriodRequest CloseBody(bool includeAccruals = true, bool runProvision = true) => new(null, includeAccruals, runProvision, SecondManagerEmail);

    protected Task<HttpResponseMessage> RequestCloseAsync(string period, object body, HttpClient? client = null) =>
        (client ?? Manager).PostAsJsonAsync($"{PeriodsPath}/{period}/close", body, ApiFactory.Json);

    /// <summary>POST close: 202 with the RUNNING run and its Location.</summary>
    protected async Task<CloseRunDto> StartCloseAsync(string period, bool includeAccruals = true, bool runProvision = true)
    {
        using var response = await RequestCloseAsync(period, CloseBody(includeAccruals, runProvision));
        var run = await response.ReadAsync<CloseRunDto>(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"{PeriodsPath}/close-runs/{run.Id}");
        (run.Period, run.Status, run.RequestedBy, run.ApprovedBy).Should().Be((period, CloseRunStatus.RUNNING, ManagerEmail, SecondManagerEmail));
        return run;
    }

    protected Task<CloseRunDto> RunAsync(Guid runId) => Manager.GetOkAsync<CloseRunDto>($"{PeriodsPath}/close-runs/{runId}");

    /// <summary>Polls the run until <paramref name="until"/> holds (by default: it has finished).</summary>
    protected async Task<CloseRunDto> WaitForRunAsync(Guid runId, Func<CloseRunDto, bool>? until = null)
    {
        until ??= r => r.Status != CloseRunStatus.RUNNING;
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            var run = await RunAsync(runId);
            if (until(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Close run {runId} did not get there within {RunTimeout.TotalSeconds} s; last seen: {JsonSerializer.Serialize(run, ApiFactory.Json)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts a close and waits for it; it must succeed.</summary>
    protected async Task<CloseRunDto> CloseAsync(string period, bool includeAccruals = true, bool runProvision = true)
    {
        var started = await StartCloseAsync(period, includeAccruals, runProvision);
        var run = await WaitForRunAsync(started.Id);
        run.Status.Should().Be(CloseRunStatus.SUCCEEDED, JsonSerializer.Serialize(run, ApiFactory.Json));
        return run;
    }

    protected Task<PeriodDto> PeriodAsync(string period) => Manager.GetOkAsync<PeriodDto>($"{PeriodsPath}/{period}");

    protected Task<IReadOnlyList<PeriodAuditDto>> AuditAsync(string period) => Manager.GetOkAsync<IReadOnlyList<PeriodAuditDto>>($"{PeriodsPath}/{period}/audit");

    /// <summary>The account's entries as its ledger page shows them (newest first), of one kind when given.</summary>
    protected async Task<List<AccountTransactionDto>> EntriesAsync(string accountNumber, EntryKind? kind = null) =>
        (await Manager.GetOkAsync<PagedResult<AccountTransactionDto>>($"/api/v1/accounts/{accountNumber}/transactions?size=100")).Data
            .Where(e => kind is null || e.Kind == kind).ToList();

    protected async Task<decimal> BalanceAsync(string accountNumber) =>
        (await Manager.GetOkAsync<ApiResponse<AccountBalanceDto>>($"/api/v1/accounts/{accountNumber}/balance")).Data.Balance;

    protected Task<LedgerCheckDto> LedgerCheckAsync() => Admin.GetOkAsync<LedgerCheckDto>("/api/v1/admin/ledger/check");

    /// <summary>The sum of a bank ledger account's lines (e.g. ALLOWANCE-TRY), read from the database.</summary>
    protected Task<decimal> LedgerBalanceAsync(string code) =>
        Factory.WithDbAsync(db => db.JournalLines.Where(l => db.LedgerAccounts.Any(a => a.Id == l.LedgerAccountId && a.Code == code)).SumAsync(l => l.Amount));

    /// <summary>Raw SQL for what the API must never do itself (corrupting a stored balance).</summary>
    protected Task<int> ExecuteSqlAsync(string sql, params object[] parameters) =>
        Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, parameters));
}
