using System.Net;
using System.Security.Cryptography;
using BankOffice.Api.Tests.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// September 2026 closed on 2 October with three accounts (two of a Turkish-named customer, one of a
/// Chinese-named one); the close queues the statement run that stores every statement's PDF. The close
/// and its run happen once for the class; the tests read what they left.
/// </summary>
public sealed class StatementRunTests(StatementApiFactory factory) : StatementTestBase<StatementApiFactory>(factory)
{
    private const string September = "2026-09";
    private static readonly DateOnly SeptemberFirst = new(2026, 9, 1);
    private static readonly DateOnly SeptemberLast = new(2026, 9, 30);

    private Closed _closed = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SetToday(new DateOnly(2026, 10, 2));
        _closed = await Factory.SharedAsync(CloseSeptemberAsync);
    }

    [Fact]
    public async Task CloseRun_StoresEveryStatementsPdf_WhoseHashAndClosingMatchTheRecord()
    {
        var run = _closed.Run;
        (run.Trigger, run.Status, run.Total, run.Processed, run.Failed, run.Percent, run.Attempts).Should()
            .Be((StatementRunTrigger.CLOSE, StatementRunStatus.COMPLETED, 3, 3, 0, 100, 1));
        run.Formats.Should().Equal("pdf");
        run.Message.Should().Be("3 statements stored.");

        var issued = await IssuedAsync(September);

        // Turkish 1: 4,000.00 − 250.25 − 1,000.00 = 2,749.75; Turkish 2: 750.00; Chinese: 2,000.00 + 1,000.00 = 3,000.00.
        issued.Select(s => (s.AccountNumber, s.HolderName, s.Opening, s.Credits, s.Debits, s.Closing, s.LineCount, s.Version)).Should().BeEquivalentTo(new[]
        {
            (_closed.Turkish1, TurkishName, 0m, 4_000m, 1_250.25m, 2_749.75m, 3, 1),
            (_closed.Turkish2, TurkishName, 0m, 750m, 0m, 750m, 1, 1),
            (_closed.Chinese, ChineseName, 0m, 3_000m, 0m, 3_000m, 2, 1),
        });
        issued.Should().OnlyContain(s => s.Opening + s.Credits - s.Debits == s.Closing);
        foreach (var statement in issued)
        {
            var file = statement.Files.Should().ContainSingle().Subject;
            var fileName = FileName(statement.AccountNumber, SeptemberFirst, SeptemberLast, "pdf");
            (file.Format, file.FileName, file.ContentType, file.Url).Should().Be(("pdf", fileName, PdfType, $"{StatementsPath}/{statement.Id}/files/pdf"));
            var bytes = await Manager.DocumentAsync(file.Url, PdfType, fileName);
            (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength).Should().Be((file.Sha256, file.SizeBytes));

            using var pdf = await PdfText.OpenAsync(bytes);
            var text = Squeezed(await pdf.TextAsync());
            text.Should().Contain(statement.HolderName).And.Contain(statement.AccountNumber).And.Contain("Period 2026-09, version 1")
                .And.Contain($"Totals {Printed(statement.Debits)} {Printed(statement.Credits)} {Printed(statement.Closing)}")
                .And.Contain($"Closing balance {Printed(statement.Closing)} TRY");
        }

        (await IssuedStatementAsync(issued[0].Id)).Should().BeEquivalentTo(issued[0]);
    }

    [Fact]
    public async Task IssuedStatements_Customer_SeesOnlyTheirOwnStatementsAndFiles()
    {
        using var customer = await Factory.ClientForRoleAsync(Roles.Customer, _closed.TurkishId);
        var issued = await IssuedAsync(September);
        var chinese = issued.Single(s => s.AccountNumber == _closed.Chinese);
        var own = issued.Single(s => s.AccountNumber == _closed.Turkish1);

        var listed = await IssuedAsync(September, customer);
        var unfiltered = await customer.GetOkAsync<PagedResult<IssuedStatementDto>>(StatementsPath);
        var ownRecord = await customer.GetOkAsync<IssuedStatementDto>($"{StatementsPath}/{own.Id}");
        var ownFile = await customer.DocumentAsync(own.Files[0].Url, PdfType, own.Files[0].FileName);

        listed.Select(s => s.AccountNumber).Should().BeEquivalentTo([_closed.Turkish1, _closed.Turkish2]);
        unfiltered.Data.Should().OnlyContain(s => s.CustomerId == _closed.TurkishId).And.HaveCount(2);
        ownRecord.Closing.Should().Be(2_749.75m);
        Convert.ToHexStringLower(SHA256.HashData(ownFile)).Should().Be(own.Files[0].Sha256);
        foreach (var path in new[] { $"{StatementsPath}/{chinese.Id}", $"{StatementsPath}/{chinese.Id}/files/pdf", $"{StatementsPath}?customerId={_closed.ChineseId}" })
        {
            using var response = await customer.GetAsync(path);
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        // Staff filter by customer and account.
        (await IssuedAsync(September, query: $"&customerId={_closed.ChineseId}")).Select(s => s.Id).Should().Equal(chinese.Id);
        (await IssuedAsync(September, query: $"&accountNumber={_closed.Turkish2}")).Select(s => s.AccountNumber).Should().Equal(_closed.Turkish2);
    }

    [Fact]
    public async Task IssuedStatements_UnknownIdOrFormat_NotFoundOrInvalid()
    {
        var any = (await IssuedAsync(September))[0];

        using var unknown = await Manager.GetAsync($"{StatementsPath}/{Guid.NewGuid()}");
        using var json = await Manager.GetAsync($"{StatementsPath}/{any.Id}/files/json");
        using var excel = await Manager.GetAsync($"{StatementsPath}/{any.Id}/files/excel");
        using var badRunFormat = await StartRunAsync(September, ["pdf", "doc"]);
        using var jsonRun = await StartRunAsync(September, ["json"]);

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, StatementErrorCodes.StatementNotFound);
        await json.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat);
        // The close's run stored PDFs only.
        await excel.ShouldBeProblemAsync(HttpStatusCode.NotFound, StatementErrorCodes.FileNotReady);
        await badRunFormat.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat);
        await jsonRun.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat);
        (await StatementRunsAsync(September)).Should().ContainSingle();
    }

    private async Task<Closed> CloseSeptemberAsync()
    {
        var turkishId = await Factory.CreateCustomerAsync(TurkishName);
        var chineseId = await Factory.CreateCustomerAsync(ChineseName);
        var turkish1 = (await CheckingAsync(turkishId)).AccountNumber;
        var turkish2 = (await CheckingAsync(turkishId)).AccountNumber;
        var chinese = (await CheckingAsync(chineseId)).AccountNumber;
        await MoveAsync("deposit", turkish1, 4_000m, new DateOnly(2026, 9, 2));
        await MoveAsync("deposit", chinese, 2_000m, new DateOnly(2026, 9, 3));
        await MoveAsync("deposit", turkish2, 750m, new DateOnly(2026, 9, 5));
        await MoveAsync("withdrawal", turkish1, 250.25m, new DateOnly(2026, 9, 14));
        await TransferAsync(turkish1, chinese, 1_000m, new DateOnly(2026, 9, 20));

        var run = await CloseWithStatementsAsync(September);
        (await Factory.WithDbAsync(db => db.StatementFiles.CountAsync())).Should().Be(3);
        return new Closed(turkishId, chineseId, turkish1, turkish2, chinese, run);
    }

    private sealed record Closed(string TurkishId, string ChineseId, string Turkish1, string Turkish2, string Chinese, StatementRunDto Run);
}
