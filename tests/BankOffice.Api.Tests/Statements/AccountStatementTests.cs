using System.Net;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Api.Tests.Statements.Documents;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;
using static BankOffice.Api.Tests.Statements.StatementApi;

namespace BankOffice.Api.Tests.Statements;

/// <summary>
/// One fixed data set built through the API, read by every test: a Turkish-named customer with a
/// checking account (deposits, withdrawals, transfers, a clearing credit and a reversal at known value
/// dates) and a credit account (invoices, payments, a reversed payment, a credit note), and a
/// Chinese-named customer on the other side of the transfers. Today is 15 October 2026; the account
/// statement runs from 15 September (31 days, the longest range this host allows). Every format must
/// say what the ledger says.
/// </summary>
public sealed class AccountStatementTests(StatementApiFactory factory) : StatementTestBase<StatementApiFactory>(factory)
{
    private static readonly DateOnly Today15 = new(2026, 10, 15);
    private static readonly DateOnly From = new(2026, 9, 15);

    private DataSet _data = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SetToday(Today15);
        _data = await Factory.SharedAsync(BuildAsync);
    }

    [Fact]
    public async Task AccountStatement_Json_EveryLineTotalsAndClosingEqualTheLedger()
    {
        var account = _data.Turkish.AccountNumber;

        var statement = await Staff.Teller.StatementJsonAsync(account, From, Today15);

        (statement.Kind, statement.CustomerId, statement.CustomerName, statement.AccountNumber, statement.Iban, statement.Currency).Should()
            .Be(("ACCOUNT", _data.TurkishId, TurkishName, account, _data.Turkish.Iban, Currency.TRY));
        statement.StatementPeriod.Should().Be(new StatementPeriodDto(From, Today15));
        // Before 15 September: 10,000.00 − 1,500.00 + 2,345.67 − 3,000.00 = 7,845.67.
        statement.OpeningBalance.Should().Be(7_845.67m);
        statement.Transactions.Select(l => (l.Date, l.Type, l.Debit, l.Credit, l.Balance)).Should().Equal(
            (new DateOnly(2026, 9, 15), "TRANSFER", 0m, 1_250.50m, 9_096.17m),
            (new DateOnly(2026, 9, 22), "WITHDRAWAL", 600m, 0m, 8_496.17m),
            (new DateOnly(2026, 9, 30), "CREDIT", 0m, 99.99m, 8_596.16m),
            (new DateOnly(2026, 10, 5), "DEPOSIT", 0m, 500m, 9_096.16m),
            (Today15, "REVERSAL", 500m, 0m, 8_596.16m));
        // Debits 600.00 + 500.00 = 1,100.00; credits 1,250.50 + 99.99 + 500.00 = 1,850.49;
        // closing 7,845.67 + 1,850.49 − 1,100.00 = 8,596.16.
        (statement.TotalDebits, statement.TotalCredits, statement.ClosingBalance, statement.LineCount).Should().Be((1_100m, 1_850.49m, 8_596.16m, 5));
        statement.GeneratedAt.Should().BeCloseTo(Clock.Now, TimeSpan.FromMinutes(1));

        // Line by line what the account's ledger page shows for the range (it lists newest first).
        var ledger = (await Staff.Teller.GetOkAsync<PagedResult<AccountTransactionDto>>(
            $"/api/v1/accounts/{account}/transactions?from={From:yyyy-MM-dd}&to={Today15:yyyy-MM-dd}&size=100")).Data.Reverse().ToList();
        statement.Transactions.Select(l => (l.Reference, l.Type, l.Description, l.Date, l.Credit - l.Debit, l.Balance)).Should()
            .Equal(ledger.Select(e => (e.TransactionId.ToString(), e.Kind.ToString(), e.Description, e.ValueDate, e.Amount, e.BalanceAfter)));
        statement.ClosingBalance.Should().Be(await BalanceAsync(account));
    }

    [Fact]
    public async Task AccountStatement_NoDates_FromTheFirstOfThisMonthToToday()
    {
        var statement = await Staff.Teller.StatementJsonAsync(_data.Turkish.AccountNumber);

        statement.StatementPeriod.Should().Be(new StatementPeriodDto(new DateOnly(2026, 10, 1), Today15));
        // September closed the account at 8,596.16; October adds the 500.00 deposit and takes it back.
        statement.OpeningBalance.Should().Be(8_596.16m);
        statement.Transactions.Select(l => (l.Type, l.Debit, l.Credit, l.Balance)).Should().Equal(("DEPOSIT", 0m, 500m, 9_096.16m), ("REVERSAL", 500m, 0m, 8_596.16m));
        statement.ClosingBalance.Should().Be(8_596.16m);
    }

    [Fact]
    public async Task AccountStatement_Csv_AgreesWithTheJsonLineByLine()
    {
        var account = _data.Turkish.AccountNumber;
        var json = await Staff.Teller.StatementJsonAsync(account, From, Today15);

        var csv = ParseCsv(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "csv"), "text/csv; charset=utf-8", FileName(account, From, Today15, "csv")));

        csv[0].Should().Equal("Date", "Type", "Reference", "Description", "Debit", "Credit", "Balance");
        csv.Skip(1).Select(CsvLine).Should().Equal(json.Transactions);
        // Invariant culture, no thousands separator, two decimals.
        csv[1].Should().Equal("2026-09-15", "TRANSFER", json.Transactions[0].Reference, json.Transactions[0].Description, "0.00", "1250.50", "9096.17");
    }

    [Fact]
    public async Task AccountStatement_Excel_ValidWorkbookWhoseRowsAndTotalsEqualTheLedger()
    {
        var account = _data.Turkish.AccountNumber;
        var json = await Staff.Teller.StatementJsonAsync(account, From, Today15);

        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "excel"), XlsxType, FileName(account, From, Today15, "xlsx")));

        book.ValidationErrors.Should().BeEmpty();
        book.SheetNames.Should().Equal("Transactions", "Summary");
        book.Rows("Transactions")[0].Select(c => c.Text).Should().Equal("Date", "Type", "Reference", "Description", "Debit", "Credit", "Balance");
        book.TransactionLines().Should().Equal(json.Transactions);
        book.Rows("Transactions")[1][4].NumberFormat.Should().Be("#,##0.00");
        var summary = book.Summary();
        (summary["Account holder"].Text, summary["Account number"].Text, summary["IBAN"].Text).Should().Be((TurkishName, account, _data.Turkish.Iban));
        summary["Opening balance"].Number.Should().Be(7_845.67m);
        // Totals are formulas over the Transactions sheet; their cached values are the ledger's totals.
        summary["Total debits"].Should().Match<XlsxCell>(c => c.Formula != null && c.Number == 1_100m);
        summary["Total credits"].Should().Match<XlsxCell>(c => c.Formula != null && c.Number == 1_850.49m);
        summary["Closing balance"].Should().Match<XlsxCell>(c => c.Formula != null && c.Number == 8_596.16m);
        summary["Closing balance"].Number.Should().Be(await BalanceAsync(account));
    }

    [Fact]
    public async Task AccountStatement_Pdf_TextHasHolderIbanEveryReferenceAndTheClosingBalance()
    {
        var account = _data.Turkish.AccountNumber;
        var json = await Staff.Teller.StatementJsonAsync(account, From, Today15);

        using var pdf = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "pdf"), PdfType, FileName(account, From, Today15, "pdf")));

        (await pdf.PageCountAsync()).Should().Be(1);
        var text = Squeezed(await pdf.TextAsync());
        text.Should().Contain(TurkishName).And.Contain(_data.Turkish.Iban).And.Contain(account).And.Contain("Page 1 of 1");
        json.Transactions.Should().HaveCount(5).And.OnlyContain(l => text.Contains(l.Reference));
        text.Should().Contain($"Opening balance {Printed(7_845.67m)}").And.Contain($"Totals {Printed(1_100m)} {Printed(1_850.49m)} {Printed(8_596.16m)}")
            .And.Contain($"Closing balance {Printed(8_596.16m)} TRY");
    }

    [Fact]
    public async Task AccountStatement_ChineseHolder_EveryFormatCarriesTheName()
    {
        var account = _data.Chinese.AccountNumber;
        var september = (From: new DateOnly(2026, 9, 1), To: new DateOnly(2026, 9, 30));

        var json = await Staff.Teller.StatementJsonAsync(account, september.From, september.To);
        var csv = ParseCsv(await Staff.Teller.DocumentAsync(StatementPath(account, september.From, september.To, "csv"), "text/csv; charset=utf-8",
            FileName(account, september.From, september.To, "csv")));
        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(account, september.From, september.To, "excel"), XlsxType,
            FileName(account, september.From, september.To, "xlsx")));
        using var pdf = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(StatementPath(account, september.From, september.To, "pdf"), PdfType,
            FileName(account, september.From, september.To, "pdf")));

        // Opening 5,000.00 (20 August); +3,000.00 from the Turkish account, −1,250.50 back: 6,749.50.
        (json.CustomerName, json.OpeningBalance, json.ClosingBalance).Should().Be((ChineseName, 5_000m, 6_749.50m));
        json.Transactions.Select(l => (l.Type, l.Debit, l.Credit, l.Balance)).Should().Equal(("TRANSFER", 0m, 3_000m, 8_000m), ("TRANSFER", 1_250.50m, 0m, 6_749.50m));
        csv.Skip(1).Select(CsvLine).Should().Equal(json.Transactions);
        book.ValidationErrors.Should().BeEmpty();
        book.Summary()["Account holder"].Text.Should().Be(ChineseName);
        var text = Squeezed(await pdf.TextAsync());
        text.Should().Contain(ChineseName).And.Contain(Printed(6_749.50m));
    }

    [Theory]
    [InlineData("json", "application/json; charset=utf-8", "json", false)]
    [InlineData("csv", "text/csv; charset=utf-8", "csv", true)]
    [InlineData("excel", XlsxType, "xlsx", true)]
    [InlineData("pdf", PdfType, "pdf", true)]
    [InlineData("html", "text/html; charset=utf-8", "html", false)]
    public async Task Statement_EachFormat_ContentTypeAndFileName(string format, string contentType, string extension, bool attachment)
    {
        var account = _data.Turkish.AccountNumber;
        var customer = _data.TurkishId;

        var accountFile = await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, format), contentType, FileName(account, From, Today15, extension), attachment);
        var customerFile = await Staff.Teller.DocumentAsync(StatementPath(customer, From, Today15, format), contentType, FileName(customer, From, Today15, extension), attachment);

        accountFile.Should().NotBeEmpty();
        customerFile.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Statement_WithoutDetails_HeaderAndTotalsButNoLines()
    {
        var account = _data.Turkish.AccountNumber;

        var json = await Staff.Teller.StatementJsonAsync(account, From, Today15, includeDetails: false);
        var csv = ParseCsv(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "csv", includeDetails: false), "text/csv; charset=utf-8",
            FileName(account, From, Today15, "csv")));
        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "excel", includeDetails: false), XlsxType,
            FileName(account, From, Today15, "xlsx")));
        using var pdf = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(StatementPath(account, From, Today15, "pdf", includeDetails: false), PdfType,
            FileName(account, From, Today15, "pdf")));

        json.Transactions.Should().BeEmpty();
        // The totals still cover the five lines of the range.
        (json.OpeningBalance, json.TotalDebits, json.TotalCredits, json.ClosingBalance, json.LineCount).Should().Be((7_845.67m, 1_100m, 1_850.49m, 8_596.16m, 5));
        csv.Should().ContainSingle().Which.Should().Equal("Date", "Type", "Reference", "Description", "Debit", "Credit", "Balance");
        book.ValidationErrors.Should().BeEmpty();
        book.Rows("Transactions").Should().ContainSingle();
        book.Summary()["Closing balance"].Number.Should().Be(8_596.16m);
        var text = Squeezed(await pdf.TextAsync());
        text.Should().Contain(Printed(8_596.16m));
        var full = await Staff.Teller.StatementJsonAsync(account, From, Today15);
        full.Transactions.Should().NotContain(l => text.Contains(l.Reference));
    }

    [Fact]
    public async Task CustomerStatement_Json_Seed003LinesTieToTheCreditAccount()
    {
        var customer = _data.TurkishId;
        var (inv3, pay2, note) = (_data.Invoices[2], _data.Reversed, _data.CreditNote);

        var statement = await Staff.Teller.StatementJsonAsync(customer, From, Today15);
        var seed003 = await Staff.Teller.GetOkAsync<CustomerStatementDto>(StatementPath(customer, From, Today15, "json"));
        var viaReceivables = await Staff.Teller.GetOkAsync<StatementJson>(StatementPath(customer, From, Today15, "json", prefix: CreditAccounts));

        (statement.Kind, statement.CustomerId, statement.CustomerName, statement.AccountNumber, statement.Iban).Should()
            .Be(("CUSTOMER", customer, TurkishName, customer, (string?)null));
        // Before 15 September: invoices 1,000.00 + 2,500.00, payment 1,200.00: owes 2,300.00.
        statement.OpeningBalance.Should().Be(2_300m);
        statement.Transactions.Select(l => (l.Date, l.Type, l.Reference, l.Debit, l.Credit, l.Balance)).Should().Equal(
            (new DateOnly(2026, 9, 20), "INVOICE", inv3.InvoiceNumber, 800m, 0m, 3_100m),
            (new DateOnly(2026, 9, 25), "PAYMENT", pay2.PaymentNumber, 0m, 300m, 2_800m),
            (new DateOnly(2026, 10, 1), "PAYMENT_REVERSAL", pay2.PaymentNumber, 300m, 0m, 3_100m),
            (new DateOnly(2026, 10, 10), "CREDIT_NOTE", note.CreditNoteNumber, 0m, 100m, 3_000m));
        // Debits 800.00 + 300.00; credits 300.00 + 100.00; 2,300.00 + 1,100.00 − 400.00 = 3,000.00.
        (statement.TotalDebits, statement.TotalCredits, statement.ClosingBalance, statement.LineCount).Should().Be((1_100m, 400m, 3_000m, 4));
        statement.ClosingBalance.Should().Be((await Staff.Teller.GetOkAsync<CreditAccountDto>($"{CreditAccounts}/{customer}")).CurrentBalance);

        // Seed 003's readers see the same statement, and so does the receivables path.
        (seed003.CustomerId, seed003.StatementPeriod, seed003.OpeningBalance, seed003.ClosingBalance).Should().Be((customer, statement.StatementPeriod, 2_300m, 3_000m));
        seed003.Transactions.Should().Equal(statement.Transactions);
        viaReceivables.Should().BeEquivalentTo(statement, o => o.Excluding(s => s.GeneratedAt));
    }

    [Fact]
    public async Task CustomerStatement_PdfAndExcel_CarryTheDocumentNumbersAndTotals()
    {
        var customer = _data.TurkishId;

        using var pdf = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(StatementPath(customer, From, Today15, "pdf"), PdfType, FileName(customer, From, Today15, "pdf")));
        var book = XlsxBook.Open(await Staff.Teller.DocumentAsync(StatementPath(customer, From, Today15, "excel"), XlsxType, FileName(customer, From, Today15, "xlsx")));

        var text = Squeezed(await pdf.TextAsync());
        text.Should().Contain(TurkishName).And.Contain(_data.Invoices[2].InvoiceNumber).And.Contain(_data.Reversed.PaymentNumber)
            .And.Contain(_data.CreditNote.CreditNoteNumber).And.Contain($"Closing balance {Printed(3_000m)} TRY");
        book.ValidationErrors.Should().BeEmpty();
        book.TransactionLines().Select(l => (l.Type, l.Debit, l.Credit, l.Balance)).Should()
            .Equal(("INVOICE", 800m, 0m, 3_100m), ("PAYMENT", 0m, 300m, 2_800m), ("PAYMENT_REVERSAL", 300m, 0m, 3_100m), ("CREDIT_NOTE", 0m, 100m, 3_000m));
        // A receivables balance grows with debits: 2,300.00 + 1,100.00 − 400.00.
        var summary = book.Summary();
        (summary["Total debits"].Number, summary["Total credits"].Number, summary["Closing balance"].Number).Should().Be((1_100m, 400m, 3_000m));
    }

    [Fact]
    public async Task Receipt_AtThePaymentsReceiptUrl_PdfWithNumberAmountAndInvoices()
    {
        var payment = _data.Paid;
        payment.ReceiptUrl.Should().Be($"/api/v1/payments/{payment.PaymentNumber}/receipt");
        // 1,200.00 settles the oldest due first: all of INV 1 (1,000.00), then 200.00 of INV 2.
        payment.Allocations.Select(a => (a.InvoiceNumber, a.Amount)).Should()
            .Equal((_data.Invoices[0].InvoiceNumber, 1_000m), (_data.Invoices[1].InvoiceNumber, 200m));

        using var pdf = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(payment.ReceiptUrl!, PdfType, $"receipt-{payment.PaymentNumber}.pdf"));
        var html = await Staff.Teller.DocumentAsync(payment.ReceiptUrl + "?format=html", "text/html; charset=utf-8", $"receipt-{payment.PaymentNumber}.html", attachment: false);

        var text = Squeezed(await pdf.TextAsync());
        text.Should().Contain(payment.PaymentNumber).And.Contain($"{Printed(1_200m)} TRY").And.Contain(TurkishName)
            .And.Contain(_data.Invoices[0].InvoiceNumber).And.Contain(_data.Invoices[1].InvoiceNumber).And.Contain(Printed(200m));
        text.Should().NotContain("REVERSED");
        html.Should().NotBeEmpty();
        (await pdf.PageCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Receipt_OfAReversedPayment_SaysReversed()
    {
        var payment = _data.Reversed;

        using var byNumber = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync(payment.ReceiptUrl!, PdfType, $"receipt-{payment.PaymentNumber}.pdf"));
        using var byId = await PdfText.OpenAsync(await Staff.Teller.DocumentAsync($"{Payments}/{payment.PaymentId}/receipt", PdfType, $"receipt-{payment.PaymentNumber}.pdf"));

        var text = Squeezed(await byNumber.TextAsync());
        text.Should().Contain("REVERSED").And.Contain(payment.PaymentNumber).And.Contain(Printed(300m));
        Squeezed(await byId.TextAsync()).Should().Contain("REVERSED").And.Contain(payment.PaymentNumber);
    }

    private async Task<DataSet> BuildAsync()
    {
        var turkishId = await Factory.CreateCustomerAsync(TurkishName);
        var chineseId = await Factory.CreateCustomerAsync(ChineseName);
        var turkish = await CheckingAsync(turkishId);
        var chinese = await CheckingAsync(chineseId);
        var (t, z) = (turkish.AccountNumber, chinese.AccountNumber);

        // Posted in value-date order, so the ledger's balance-after of each line is also the
        // statement's running balance.
        await MoveAsync("deposit", z, 5_000m, new DateOnly(2026, 8, 20));
        await MoveAsync("deposit", t, 10_000m, new DateOnly(2026, 8, 20));
        await MoveAsync("withdrawal", t, 1_500m, new DateOnly(2026, 8, 28));
        await MoveAsync("deposit", t, 2_345.67m, new DateOnly(2026, 9, 3));
        await TransferAsync(t, z, 3_000m, new DateOnly(2026, 9, 10));
        await TransferAsync(z, t, 1_250.50m, new DateOnly(2026, 9, 15));
        await MoveAsync("withdrawal", t, 600m, new DateOnly(2026, 9, 22));
        await MoveAsync("credit", t, 99.99m, new DateOnly(2026, 9, 30));
        var late = await MoveAsync("deposit", t, 500m, new DateOnly(2026, 10, 5));
        await LedgerApi.ReverseAsync(Staff.Teller, late.TransactionId).CreatedAsync(); // value-dated today

        await CreditAccountAsync(turkishId, 100_000m);
        var inv1 = await InvoiceAsync(turkishId, 1_000m, new DateOnly(2026, 8, 25));
        var inv2 = await InvoiceAsync(turkishId, 2_500m, new DateOnly(2026, 9, 5));
        var paid = await RecordPaymentAsync(Staff.Teller, turkishId, 1_200m, "WIRE-" + ApiFactory.Unique(), paymentDate: new DateOnly(2026, 9, 12)).CreatedAsync<PaymentDto>();
        var inv3 = await InvoiceAsync(turkishId, 800m, new DateOnly(2026, 9, 20));
        var bounced = await RecordPaymentAsync(Staff.Teller, turkishId, 300m, "CHQ-" + ApiFactory.Unique(), paymentDate: new DateOnly(2026, 9, 25)).CreatedAsync<PaymentDto>();
        using (var reverse = await LedgerApi.SendAsync(Staff.Manager, HttpMethod.Post, $"{Payments}/{bounced.PaymentId}/reverse",
                   new { reason = "NSF_CHECK", reversalDate = new DateOnly(2026, 10, 1) }))
        {
            (await reverse.ReadAsync<PaymentDto>(HttpStatusCode.OK)).Status.Should().Be("REVERSED");
        }

        var note = await LedgerApi.SendAsync(Staff.CreditOfficer, HttpMethod.Post, "/api/v1/credit-notes",
            new { customerId = turkishId, relatedInvoiceId = inv3.InvoiceNumber, creditDate = new DateOnly(2026, 10, 10), reason = "PRODUCT_RETURN", items = new[] { Item(1m, 100m) } })
            .CreatedAsync<CreditNoteDto>();
        return new DataSet(turkishId, chineseId, turkish, chinese, [inv1, inv2, inv3], paid, bounced, note);
    }

    private Task<InvoiceDto> InvoiceAsync(string customerId, decimal amount, DateOnly date) =>
        CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, amount)], date).CreatedAsync<InvoiceDto>();

    private sealed record DataSet(
        string TurkishId, string ChineseId, AccountDto Turkish, AccountDto Chinese, InvoiceDto[] Invoices, PaymentDto Paid, PaymentDto Reversed, CreditNoteDto CreditNote);
}
