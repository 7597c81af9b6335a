using System.Net;
using BankOffice.Core.Accounts;
using BankOffice.Core.Receivables;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// A host configured with a Chromium that is not there: every PDF answers a clear 503 problem, the
/// other formats keep working, and a statement run counts the statements it could not render and
/// ends FAILED saying why.
/// </summary>
public sealed class PdfRendererMissingTests(NoChromiumApiFactory factory) : StatementTestBase<NoChromiumApiFactory>(factory)
{
    [Fact]
    public async Task Pdf_ChromiumMissing_503ProblemWhileJsonExcelAndHtmlWork()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var customerId = await Factory.CreateCustomerAsync(TurkishName);
        var account = (await CheckingAsync(customerId)).AccountNumber;
        await MoveAsync("deposit", account, 321m, new DateOnly(2026, 10, 1));
        await CreditAccountAsync(customerId, 10_000m);
        var payment = await RecordPaymentAsync(Staff.Teller, customerId, 75m, "WIRE-" + ApiFactory.Unique(), paymentDate: new DateOnly(2026, 10, 2)).CreatedAsync<PaymentDto>();

        using var pdf = await Staff.Teller.GetAsync(StatementPath(account, format: "pdf"));
        using var customerPdf = await Staff.Teller.GetAsync(StatementPath(customerId, format: "pdf"));
        using var receipt = await Staff.Teller.GetAsync(payment.ReceiptUrl);
        var json = await Staff.Teller.StatementJsonAsync(account);
        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(account, format: "excel"), XlsxType,
            FileName(account, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2), "xlsx")));
        var html = await Staff.Teller.DocumentAsync(payment.ReceiptUrl + "?format=html", "text/html; charset=utf-8", $"receipt-{payment.PaymentNumber}.html", attachment: false);

        var problem = await pdf.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, StatementErrorCodes.RendererUnavailable);
        problem.GetProperty("detail").GetString().Should().Contain(NoChromiumApiFactory.MissingChromium);
        await customerPdf.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, StatementErrorCodes.RendererUnavailable);
        await receipt.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, StatementErrorCodes.RendererUnavailable);
        (json.ClosingBalance, json.Transactions.Count).Should().Be((321m, 1));
        book.Summary()["Closing balance"].Number.Should().Be(321m);
        html.Should().NotBeEmpty();
    }

    [Fact]
    public async Task StatementRun_ChromiumMissing_CountsEveryFailureAndEndsFailed_ExcelRunStillCompletes()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var first = (await OpenAccountAsync(AccountType.CHECKING)).AccountNumber;
        var second = (await OpenAccountAsync(AccountType.CHECKING)).AccountNumber;
        await MoveAsync("deposit", first, 100m, new DateOnly(2026, 9, 10));
        await MoveAsync("deposit", second, 200m, new DateOnly(2026, 9, 11));

        await CloseAsync("2026-09");
        var failed = await WaitForStatementRunAsync((await StatementRunsAsync("2026-09"))[0].Id);

        (failed.Trigger, failed.Status, failed.Total, failed.Processed, failed.Failed, failed.Percent).Should()
            .Be((StatementRunTrigger.CLOSE, StatementRunStatus.FAILED, 2, 0, 2, 100));
        failed.Message.Should().StartWith("0 statements stored, 2 failed; run statements again to retry them.")
            .And.Contain($"Chromium at {NoChromiumApiFactory.MissingChromium}");
        var issued = await IssuedAsync("2026-09");
        issued.Should().HaveCount(2).And.OnlyContain(s => s.Files.Count == 0);
        await ShouldBeFileNotReadyAsync(Manager, issued[0].Id, "pdf");

        // Nothing else is blocked: a run of Excel files for the same period stores them all.
        using var start = await StartRunAsync("2026-09", ["excel"]);
        var excel = await WaitForStatementRunAsync((await start.ReadAsync<StatementRunDto>(HttpStatusCode.Accepted)).Id);
        (excel.Status, excel.Processed, excel.Failed).Should().Be((StatementRunStatus.COMPLETED, 2, 0));
        (await IssuedAsync("2026-09")).Should().OnlyContain(s => s.Files.Single().Format == "excel");
    }
}
