using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BankOffice.Api.Statements;
using BankOffice.Api.Statements.Documents;
using BankOffice.Api.Tests.Statements.Documents;
using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// A manual statement run that another instance started and lost after its first batch is finished
/// here with only what is missing; a reopened and re-closed period is issued again as version 2,
/// whose files the next run stores beside version 1's (stored files are never replaced).
/// </summary>
public sealed class StatementRunResumeTests(StatementApiFactory factory) : StatementTestBase<StatementApiFactory>(factory)
{
    private const string September = "2026-09";
    private static readonly DateOnly SeptemberFirst = new(2026, 9, 1);
    private static readonly DateOnly SeptemberLast = new(2026, 9, 30);

    [Fact]
    public async Task ManualRun_ResumedAfterItsFirstBatch_RendersOnlyWhatIsMissing_ThenReCloseStoresVersion2BesideVersion1()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var turkishId = await Factory.CreateCustomerAsync(TurkishName);
        var chineseId = await Factory.CreateCustomerAsync(ChineseName);
        var accounts = new[] { turkishId, turkishId, chineseId, chineseId };
        var numbers = new List<string>();
        for (var i = 0; i < accounts.Length; i++)
        {
            var number = (await CheckingAsync(accounts[i])).AccountNumber;
            // 100.00, 200.00, 300.00, 400.00 on 4, 5, 6 and 7 September.
            await MoveAsync("deposit", number, 100m * (i + 1), new DateOnly(2026, 9, 4 + i));
            numbers.Add(number);
        }

        var closeRun = await CloseWithStatementsAsync(September);
        (closeRun.Total, closeRun.Processed).Should().Be((4, 4));

        ManualRun queued;
        await using (await Factory.HoldRunLockAsync())
        {
            queued = await QueueManualRunAsync();
            var firstBatch = await StoreFirstBatchAsync(queued.Run.Id);
            var lost = await StatementRunAsync(queued.Run.Id);
            (lost.Status, lost.Processed, lost.Total, lost.Percent, lost.Attempts).Should().Be((StatementRunStatus.RUNNING, 2, 4, 50, 1));
            queued = queued with { PreStored = firstBatch };
        }

        var resumed = await WaitForStatementRunAsync(queued.Run.Id);

        // Picked up again (attempt 2): the two statements of the first batch counted as done, only the
        // other two rendered; had they been rendered again, Processed would exceed Total.
        (resumed.Status, resumed.Total, resumed.Processed, resumed.Failed, resumed.Attempts, resumed.Percent).Should()
            .Be((StatementRunStatus.COMPLETED, 4, 4, 0, 2, 100));
        var files = await FilesAsync();
        files.Where(f => f.RunId == queued.Run.Id).Should().HaveCount(8, "excel and csv of four statements");
        files.Where(f => queued.PreStored.Contains(f.Id)).Should().HaveCount(4, "the first batch's files stay as they were");
        files.Count(f => f.Format == StatementFormat.PDF).Should().Be(4);

        var issued = await IssuedAsync(September);
        foreach (var statement in issued)
        {
            statement.Files.Select(f => f.Format).Should().Equal("pdf", "excel", "csv");
            var excel = statement.Files[1];
            var bytes = await Manager.DocumentAsync(excel.Url, XlsxType, FileName(statement.AccountNumber, SeptemberFirst, SeptemberLast, "xlsx"));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(excel.Sha256);
            var book = XlsxBook.Open(bytes);
            book.ValidationErrors.Should().BeEmpty();
            (book.Summary()["Closing balance"].Number, book.TransactionLines().Count).Should().Be((statement.Closing, 1));
            var csv = ParseCsv(await Manager.DocumentAsync(statement.Files[2].Url, "text/csv; charset=utf-8", statement.Files[2].FileName));
            CsvLine(csv[1]).Balance.Should().Be(statement.Closing);
        }

        // Reopened for a correction of 50.00 on the second account, closed again: every statement of
        // September is issued again as version 2, and the close's run stores version 2's PDFs.
        await ReopenSeptemberAsync();
        await MoveAsync("deposit", numbers[1], 50m, new DateOnly(2026, 9, 25));
        var secondClose = await CloseWithStatementsAsync(September);

        (secondClose.Total, secondClose.Processed, secondClose.Failed).Should().Be((4, 4, 0));
        (await StatementRunsAsync(September)).Select(r => (r.Id, r.Trigger)).Should()
            .Equal((secondClose.Id, StatementRunTrigger.CLOSE), (queued.Run.Id, StatementRunTrigger.MANUAL), (closeRun.Id, StatementRunTrigger.CLOSE));
        var reissued = await IssuedAsync(September, query: $"&accountNumber={numbers[1]}");
        var corrected = reissued.Should().ContainSingle().Subject;
        // 200.00 + 50.00.
        (corrected.Version, corrected.Closing, corrected.LineCount).Should().Be((2, 250m, 2));
        var pdfFile = corrected.Files.Should().ContainSingle().Subject;
        pdfFile.FileName.Should().Be(FileName(numbers[1], SeptemberFirst, SeptemberLast, "pdf", version: 2));
        using (var pdf = await PdfText.OpenAsync(await Manager.DocumentAsync(pdfFile.Url, PdfType, pdfFile.FileName)))
        {
            Squeezed(await pdf.TextAsync()).Should().Contain("Period 2026-09, version 2").And.Contain($"Closing balance {Printed(250m)} TRY");
        }

        await ShouldBeFileNotReadyAsync(Manager, corrected.Id, "excel");
        var after = await FilesAsync();
        after.Where(f => f.Version == 1).Select(f => f.Id).Should().BeEquivalentTo(files.Select(f => f.Id), "version 1's twelve files are kept");
        after.Where(f => f.Version == 2).Should().HaveCount(4).And.OnlyContain(f => f.Format == StatementFormat.PDF && f.RunId == secondClose.Id);
    }

    /// <summary>POST a manual excel and csv run while this host's worker cannot take it: it stays QUEUED, a second start is refused, nothing is stored yet.</summary>
    private async Task<ManualRun> QueueManualRunAsync()
    {
        using var response = await StartRunAsync(September, ["excel", "csv", "excel"]);
        var run = await response.ReadAsync<StatementRunDto>(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"{StatementRunsPath}/{run.Id}");
        (run.Period, run.Status, run.Trigger, run.RequestedBy, run.Total, run.Attempts).Should()
            .Be((September, StatementRunStatus.QUEUED, StatementRunTrigger.MANUAL, ManagerEmail, 0, 0));
        run.Formats.Should().Equal("excel", "csv");

        using (var second = await StartRunAsync(September, ["pdf"]))
        {
            await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, StatementErrorCodes.RunInProgress);
        }

        var statement = (await IssuedAsync(September))[0];
        await ShouldBeFileNotReadyAsync(Manager, statement.Id, "excel");
        await ShouldBeFileNotReadyAsync(Manager, statement.Id, "csv");
        return new ManualRun(run, []);
    }

    /// <summary>
    /// What an instance that crashed after the run's first batch leaves behind: the excel and csv files
    /// of the first two statements (by account number), stored with the run's id, and the run RUNNING
    /// with its first attempt counted.
    /// </summary>
    private async Task<HashSet<Guid>> StoreFirstBatchAsync(Guid runId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankOfficeDbContext>();
        var statements = scope.ServiceProvider.GetRequiredService<StatementService>();
        var writers = scope.ServiceProvider.GetRequiredService<StatementWriters>();
        var batch = await db.Statements.AsNoTracking().Where(s => s.Period == September).OrderBy(s => s.AccountNumber).Take(StatementApiFactory.RunBatchSize).ToListAsync();
        var stored = new HashSet<Guid>();
        foreach (var statement in batch)
        {
            foreach (var format in new[] { StatementFormat.EXCEL, StatementFormat.CSV })
            {
                await using var open = await statements.OpenIssuedAsync(statement, CancellationToken.None);
                using var buffer = new MemoryStream();
                await writers.For(format).WriteAsync(open.Data, buffer, CancellationToken.None);
                var content = buffer.ToArray();
                var file = new StatementFile(Guid.NewGuid(), statement.Id, statement.Version, format, StatementFormats.FileName(open.Header, format), content,
                    Convert.ToHexStringLower(SHA256.HashData(content)), runId, Clock.Now);
                db.StatementFiles.Add(file);
                stored.Add(file.Id);
            }
        }

        await db.SaveChangesAsync();
        await ExecuteSqlAsync("UPDATE statement_runs SET status = 'RUNNING', attempts = 1, started_at = now(), total = 4, processed = 2 WHERE id = {0}", runId);
        return stored;
    }

    private async Task ReopenSeptemberAsync()
    {
        using var request = await Manager.PostAsJsonAsync($"{PeriodsPath}/{September}/reopen",
            new ReopenPeriodRequest("Late supplier credit", SecondManagerEmail, new DateOnly(2026, 10, 10)), ApiFactory.Json);
        var reopen = await request.ReadAsync<ReopenRequestDto>(HttpStatusCode.Accepted);
        using var approve = await SecondManager.PostAsJsonAsync($"{PeriodsPath}/reopen-requests/{reopen.Id}/approve", new ReopenDecisionRequest("Checked"), ApiFactory.Json);
        (await approve.ReadAsync<ReopenRequestDto>(HttpStatusCode.OK)).Status.Should().Be(ReopenStatus.APPROVED);
    }

    private Task<List<StoredFile>> FilesAsync() =>
        Factory.WithDbAsync(db => db.StatementFiles.AsNoTracking().Select(f => new StoredFile(f.Id, f.StatementId, f.Version, f.Format, f.RunId)).ToListAsync());

    private sealed record ManualRun(StatementRunDto Run, HashSet<Guid> PreStored);

    private sealed record StoredFile(Guid Id, Guid StatementId, int Version, StatementFormat Format, Guid RunId);
}
