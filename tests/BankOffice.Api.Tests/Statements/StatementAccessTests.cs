using System.Net;
using BankOffice.Api.Tests.Statements.Documents;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// Which statement requests are refused and why (ProblemDetails with the code), and who may see which
/// statements and receipts. Today is 15 October 2026; this host allows 31 days to a statement and five
/// lines to a PDF. Each test works on customers of its own.
/// </summary>
public sealed class StatementAccessTests(StatementApiFactory factory) : StatementTestBase<StatementApiFactory>(factory)
{
    private static readonly DateOnly Today15 = new(2026, 10, 15);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SetToday(Today15);
    }

    [Fact]
    public async Task Statement_FromAfterToOrInTheFuture_InvalidDateRange()
    {
        var account = await AccountWithDepositAsync();

        using var reversed = await Staff.Teller.GetAsync(StatementPath(account, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 9)));
        using var future = await Staff.Teller.GetAsync(StatementPath(account, new DateOnly(2026, 10, 16), new DateOnly(2026, 10, 20)));
        using var customerReversed = await Staff.Teller.GetAsync(StatementPath("C999999", new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 9)));

        (await reversed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidDateRange)).GetProperty("detail").GetString().Should()
            .Contain("2026-10-10").And.Contain("2026-10-09");
        await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidDateRange);
        await customerReversed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidDateRange);
    }

    [Fact]
    public async Task Statement_SpanOverTheConfiguredMaximum_RangeTooLong()
    {
        var account = await AccountWithDepositAsync();

        // 15 September to 15 October is 31 days counting both ends: the most this host allows.
        var longest = await Staff.Teller.StatementJsonAsync(account, new DateOnly(2026, 9, 15), Today15);
        using var oneDayMore = await Staff.Teller.GetAsync(StatementPath(account, new DateOnly(2026, 9, 14), Today15, "excel"));
        using var defaultTo = await Staff.Teller.GetAsync(StatementPath(account, from: new DateOnly(2026, 9, 14)));

        longest.StatementPeriod.Should().Be(new StatementPeriodDto(new DateOnly(2026, 9, 15), Today15));
        var problem = await oneDayMore.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.RangeTooLong);
        var details = problem.GetProperty("details");
        (details.GetProperty("maxSpanDays").GetInt32(), details.GetProperty("requestedDays").GetInt32()).Should().Be((StatementApiFactory.MaxSpanDays, 32));
        await defaultTo.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.RangeTooLong);
    }

    [Fact]
    public async Task Statement_UnknownFormatOrMalformedDate_BadRequest()
    {
        var account = await AccountWithDepositAsync();

        using var doc = await Staff.Teller.GetAsync(StatementPath(account, format: "doc"));
        using var customerDoc = await Staff.Teller.GetAsync(StatementPath("C999999", format: "doc", prefix: CreditAccounts));
        using var excelReceipt = await Staff.Teller.GetAsync($"{Payments}/PAY-0000-999999/receipt?format=excel");
        using var malformed = await Staff.Teller.GetAsync($"/api/v1/accounts/{account}/statement?fromDate=2026-13-45");
        using var notADate = await Staff.Teller.GetAsync($"/api/v1/accounts/{account}/statement?toDate=yesterday");

        (await doc.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat)).GetProperty("detail").GetString().Should().Contain("doc");
        await customerDoc.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat);
        // A receipt is a PDF or its HTML preview.
        await excelReceipt.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.InvalidFormat);
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await notADate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Statement_UnknownAccountCustomerOrPayment_NotFound()
    {
        using var account = await Staff.Teller.GetAsync(StatementPath($"ACC-{Guid.NewGuid()}"));
        using var customer = await Staff.Teller.GetAsync(StatementPath("C999999"));
        using var receivables = await Staff.Teller.GetAsync(StatementPath("C999999", prefix: CreditAccounts));
        using var receipt = await Staff.Teller.GetAsync($"{Payments}/PAY-0000-999999/receipt");

        await account.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        await customer.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.CustomerNotFound);
        await receivables.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.CustomerNotFound);
        await receipt.ShouldBeProblemAsync(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND");
    }

    [Fact]
    public async Task Statement_PdfOrPreviewOverMaxPdfLines_TooLargeWhileExcelAndSummaryPdfWork()
    {
        var account = (await OpenAccountAsync(AccountType.CHECKING)).AccountNumber;
        for (var day = 1; day <= StatementApiFactory.MaxPdfLines + 1; day++)
        {
            await MoveAsync("deposit", account, 10m * day, new DateOnly(2026, 10, day));
        }

        using var pdf = await Staff.Teller.GetAsync(StatementPath(account, format: "pdf"));
        using var preview = await Staff.Teller.GetAsync(StatementPath(account, format: "html"));
        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(account, format: "excel"), XlsxType, FileName(account, new DateOnly(2026, 10, 1), Today15, "xlsx")));
        using var summary = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(StatementPath(account, format: "pdf", includeDetails: false), PdfType,
            FileName(account, new DateOnly(2026, 10, 1), Today15, "pdf")));

        var details = (await pdf.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.TooLarge)).GetProperty("details");
        (details.GetProperty("lineCount").GetInt32(), details.GetProperty("maxPdfLines").GetInt32()).Should().Be((6, StatementApiFactory.MaxPdfLines));
        await preview.ShouldBeProblemAsync(HttpStatusCode.BadRequest, StatementErrorCodes.TooLarge);
        book.ValidationErrors.Should().BeEmpty();
        // 10 + 20 + … + 60 = 210.00 in six lines.
        book.TransactionLines().Select(l => l.Credit).Should().Equal(10m, 20m, 30m, 40m, 50m, 60m);
        book.Summary()["Closing balance"].Number.Should().Be(210m);
        Squeezed(await summary.TextAsync()).Should().Contain(Printed(210m));
    }

    [Fact]
    public async Task Customer_OwnStatementsAndReceipt_AnotherCustomersForbidden()
    {
        var (mine, mineAccount, minePayment) = await CustomerWithBooksAsync();
        var (theirs, theirAccount, theirPayment) = await CustomerWithBooksAsync();
        using var customer = await Factory.ClientForRoleAsync(Roles.Customer, mine);

        var ownAccount = await customer.StatementJsonAsync(mineAccount);
        var ownCustomer = await customer.StatementJsonAsync(mine);
        using var ownReceipt = await PdfText.OpenAsync(await customer.DocumentAsync(minePayment.ReceiptUrl!, PdfType, $"receipt-{minePayment.PaymentNumber}.pdf"));
        var ownCsv = ParseCsv(await customer.DocumentAsync(StatementPath(mineAccount, format: "csv"), "text/csv; charset=utf-8", FileName(mineAccount, new DateOnly(2026, 10, 1), Today15, "csv")));

        (ownAccount.CustomerId, ownAccount.ClosingBalance).Should().Be((mine, 250m));
        (ownCustomer.CustomerId, ownCustomer.ClosingBalance).Should().Be((mine, 60m));
        Squeezed(await ownReceipt.TextAsync()).Should().Contain(minePayment.PaymentNumber);
        ownCsv.Should().HaveCount(2);
        foreach (var path in new[]
                 {
                     StatementPath(theirAccount), StatementPath(theirAccount, format: "pdf"), StatementPath(theirs), StatementPath(theirs, format: "excel"),
                     StatementPath(theirs, prefix: CreditAccounts), theirPayment.ReceiptUrl!, $"{Payments}/{theirPayment.PaymentId}/receipt?format=html",
                 })
        {
            using var response = await customer.GetAsync(path);
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }
    }

    [Fact]
    public async Task StatementRuns_NeedPeriodClose()
    {
        var (customerId, _, _) = await CustomerWithBooksAsync();
        using var customer = await Factory.ClientForRoleAsync(Roles.Customer, customerId);
        using var anonymous = Factory.CreateClient();

        foreach (var client in new[] { Staff.Teller, customer, Staff.CreditOfficer })
        {
            using var start = await StartRunAsync("2026-09", client: client);
            using var list = await client.GetAsync(StatementRunsPath);
            start.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            list.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using (var start = await StartRunAsync("2026-09", client: anonymous))
        using (var list = await anonymous.GetAsync(StatementRunsPath))
        using (var statements = await anonymous.GetAsync(StatementPath(customerId)))
        {
            (start.StatusCode, list.StatusCode, statements.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        }

        (await Manager.GetOkAsync<IReadOnlyList<StatementRunDto>>(StatementRunsPath)).Should().BeEmpty();
    }

    [Fact]
    public async Task StartRun_PeriodNotClosedUnknownOrMalformed_Refused()
    {
        // This month has postings from the other tests (or none): either way it is open.
        using var open = await StartRunAsync("2026-10");
        using var future = await StartRunAsync("2027-01");
        using var malformed = await StartRunAsync("2026-13");
        using var unknownRun = await Manager.GetAsync($"{StatementRunsPath}/{Guid.NewGuid()}");

        (await open.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodNotClosed)).GetProperty("detail").GetString().Should().Contain("OPEN");
        await future.ShouldBeProblemAsync(HttpStatusCode.NotFound, PeriodErrorCodes.PeriodNotFound);
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await unknownRun.ShouldBeProblemAsync(HttpStatusCode.NotFound, StatementErrorCodes.RunNotFound);
        (await StatementRunsAsync("2026-10")).Should().BeEmpty();
    }

    /// <summary>A new customer's checking account with 100.00 deposited on 2 October.</summary>
    private async Task<string> AccountWithDepositAsync()
    {
        var account = (await OpenAccountAsync(AccountType.CHECKING)).AccountNumber;
        await MoveAsync("deposit", account, 100m, new DateOnly(2026, 10, 2));
        return account;
    }

    /// <summary>
    /// A new customer with a checking account (250.00 deposited on 3 October) and a credit account
    /// (a 100.00 invoice on 1 October, 40.00 paid on 5 October: 60.00 owed).
    /// </summary>
    private async Task<(string CustomerId, string Account, PaymentDto Payment)> CustomerWithBooksAsync()
    {
        var customerId = await Factory.CreateCustomerAsync();
        var account = (await CheckingAsync(customerId)).AccountNumber;
        await MoveAsync("deposit", account, 250m, new DateOnly(2026, 10, 3));
        await CreditAccountAsync(customerId, 10_000m);
        await CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, 100m)], new DateOnly(2026, 10, 1)).CreatedAsync<InvoiceDto>();
        var payment = await RecordPaymentAsync(Staff.Teller, customerId, 40m, "WIRE-" + ApiFactory.Unique(), paymentDate: new DateOnly(2026, 10, 5)).CreatedAsync<PaymentDto>();
        return (customerId, account, payment);
    }
}
