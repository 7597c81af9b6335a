using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Api.Tests.Periods;
using BankOffice.Api.Tests.Receivables;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// Statement test classes: <see cref="PeriodTestBase{TFactory}"/> (a clock on fixed dates, back-dated
/// postings, closes) over a <see cref="StatementApiFactory"/>, with the calls of statement runs and
/// issued statements. A run is awaited by polling it, never by sleeping.
/// </summary>
public abstract class StatementTestBase<TFactory>(TFactory factory) : PeriodTestBase<TFactory>(factory)
    where TFactory : StatementApiFactory
{
    public const string TurkishName = "Çağla Şahin Gıda A.Ş.";
    public const string ChineseName = "上海华夏贸易有限公司";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A checking account of <paramref name="customerId"/>, opened by the teller.</summary>
    protected Task<AccountDto> CheckingAsync(string customerId) => LedgerApi.OpenAsync(Staff.Teller, customerId, AccountType.CHECKING);

    /// <summary>A credit account (receivables) of <paramref name="customerId"/> on NET30 terms, opened by the credit officer.</summary>
    protected Task<CreditAccountDto> CreditAccountAsync(string customerId, decimal creditLimit) =>
        ReceivablesApi.OpenAccountAsync(Staff.CreditOfficer, customerId, creditLimit, "NET30").CreatedAsync<CreditAccountDto>();

    /// <summary>A transfer by the teller, value-dated <paramref name="valueDate"/>.</summary>
    protected Task<TransactionDto> TransferAsync(string from, string to, decimal amount, DateOnly valueDate) =>
        LedgerApi.PostAsync(Staff.Teller, "transfer", new TransferRequest { FromAccountNumber = from, ToAccountNumber = to, Amount = amount, ValueDate = valueDate }).CreatedAsync();

    protected Task<HttpResponseMessage> StartRunAsync(string period, IReadOnlyList<string>? formats = null, HttpClient? client = null) =>
        (client ?? Manager).PostAsJsonAsync(StatementRunsPath, new StartStatementRunRequest(period, formats), ApiFactory.Json);

    protected Task<StatementRunDto> StatementRunAsync(Guid runId) => Manager.GetOkAsync<StatementRunDto>($"{StatementRunsPath}/{runId}");

    /// <summary>The runs of a period, newest first.</summary>
    protected Task<IReadOnlyList<StatementRunDto>> StatementRunsAsync(string period) => Manager.GetOkAsync<IReadOnlyList<StatementRunDto>>($"{StatementRunsPath}?period={period}");

    /// <summary>Polls the run until it has finished (COMPLETED or FAILED).</summary>
    protected async Task<StatementRunDto> WaitForStatementRunAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            var run = await StatementRunAsync(runId);
            if (run.Status is StatementRunStatus.COMPLETED or StatementRunStatus.FAILED)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Statement run {runId} did not finish within {RunTimeout.TotalSeconds} s; last seen: {JsonSerializer.Serialize(run, ApiFactory.Json)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The statements issued for a period as <paramref name="client"/> may list them (one page of 100).</summary>
    protected async Task<IReadOnlyList<IssuedStatementDto>> IssuedAsync(string period, HttpClient? client = null, string query = "")
    {
        var page = await (client ?? Manager).GetOkAsync<PagedResult<IssuedStatementDto>>($"{StatementsPath}?period={period}&size=100{query}");
        page.Data.Count.Should().Be((int)page.Pagination.Total);
        return page.Data;
    }

    protected Task<IssuedStatementDto> IssuedStatementAsync(Guid id) => Manager.GetOkAsync<IssuedStatementDto>($"{StatementsPath}/{id}");

    /// <summary>Closes the period and waits for the statement run the close queued; it must complete.</summary>
    protected async Task<StatementRunDto> CloseWithStatementsAsync(string period)
    {
        await CloseAsync(period);
        var runs = await StatementRunsAsync(period);
        var queued = runs[0];
        (queued.Trigger, queued.RequestedBy).Should().Be((StatementRunTrigger.CLOSE, "period-close"));
        var run = await WaitForStatementRunAsync(queued.Id);
        run.Status.Should().Be(StatementRunStatus.COMPLETED, JsonSerializer.Serialize(run, ApiFactory.Json));
        return run;
    }

    protected static async Task ShouldBeFileNotReadyAsync(HttpClient client, Guid statementId, string format)
    {
        using var response = await client.GetAsync($"{StatementsPath}/{statementId}/files/{format}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, StatementErrorCodes.FileNotReady);
    }
}
