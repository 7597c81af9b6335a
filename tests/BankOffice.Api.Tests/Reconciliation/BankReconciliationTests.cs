using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Tests.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Reconciliation;

/// <summary>
/// Bank reconciliation over real PostgreSQL. The book of a currency is shared by the whole class, so
/// each test dates its payments and statement in a month of its own (unmatched book items and
/// automatic matches stay apart), and the tests that check the book balance to the cent use a
/// currency no other test of the class books into (USD, GBP) or the earliest month (TRY, March).
/// </summary>
public sealed class BankReconciliationTests(ClockedApiFactory factory) : ReconciliationTestBase(factory)
{
    [Fact]
    public async Task Create_SeedBody_MatchesByReferenceThenByAmountAndDate()
    {
        var payer = await PayerAsync();
        var byReference = await PaymentAsync(payer, 100_000.00m, "DEP123456", new DateOnly(2026, 3, 14));
        var byAmountAndDate = await PaymentAsync(payer, 2_500.00m, "WIRE-77", new DateOnly(2026, 3, 20));
        await PaymentAsync(payer, 2_500.00m, "CASH-77", new DateOnly(2026, 3, 20), method: "CASH"); // cash never reaches the bank book
        var inTransit = await PaymentAsync(payer, 1_000.00m, "TRF-4", new DateOnly(2026, 3, 28));
        var label = BankAccountLabel();

        using var response = await CreateAsync(Statement(label, new DateOnly(2026, 3, 31), 101_475.00m, Currency.TRY,
            Tx(new DateOnly(2026, 3, 15), " dep123456 ", 100_000.00m),
            Tx(new DateOnly(2026, 3, 20), "INCOMING 4471", 2_500.00m),
            Tx(new DateOnly(2026, 3, 31), "", -25.00m, "FEE", "Account fee")));

        var created = await response.ReadAsync<BankReconciliationDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/reconciliation/bank/{created.Id}");
        created.Lines.Select(l => (l.LineNo, l.MatchStatus, l.Payment?.Number)).Should().Equal(
            (1, MatchStatus.AUTO, byReference.PaymentNumber), (2, MatchStatus.AUTO, byAmountAndDate.PaymentNumber), (3, MatchStatus.UNMATCHED, null));
        created.UnmatchedBookItems.Select(p => p.Number).Should().Equal(inTransit.PaymentNumber);
        created.UnmatchedStatementLines.Should().Be(1);
        created.Status.Should().Be(BankReconciliationStatus.OPEN);
        created.BookItemsFrom.Should().Be(new DateOnly(2026, 3, 1));
        // 100,000.00 + 2,500.00 matched; the fee of −25.00 and the 1,000.00 in transit are what is left.
        created.Summary.Should().BeEquivalentTo(new { MatchedCount = 2, MatchedAmount = 102_500.00m, UnmatchedStatementAmount = -25.00m, UnmatchedBookAmount = 1_000.00m });
        // No other test books TRY before March: the book is 100,000.00 + 2,500.00 + 1,000.00 = 103,500.00 (the cash payment is not in it).
        created.BookBalance.Should().Be(103_500.00m);
        created.Difference.Should().Be(-2_025.00m); // 101,475.00 − 103,500.00
        // 101,475.00 − (103,500.00 + (−25.00) − 1,000.00) = 101,475.00 − 102,475.00
        created.Summary.UnexplainedDifference.Should().Be(-1_000.00m);

        (await Staff.Manager.GetOkAsync<BankReconciliationDto>($"{Bank}/{created.Id}")).Should().BeEquivalentTo(created);
        var listed = await Staff.Teller.GetOkAsync<PagedResult<BankReconciliationListItemDto>>($"{Bank}?bankAccount={label}&page=1&size=10");
        listed.Data.Should().ContainSingle().Which.Should().BeEquivalentTo(new { created.Id, Lines = 3, MatchedLines = 2, StatementBalance = 101_475.00m });
    }

    [Fact]
    public async Task Create_FeeDepositInTransitAndReversedPayment_UnexplainedDifferenceToTheCent()
    {
        var payer = await PayerAsync(Currency.USD);
        await PaymentAsync(payer, 1_000.00m, "USD-A", new DateOnly(2026, 5, 10));
        var inTransit = await PaymentAsync(payer, 250.00m, "USD-B", new DateOnly(2026, 5, 29));
        var bounced = await PaymentAsync(payer, 300.00m, "USD-R", new DateOnly(2026, 5, 5));
        using (var reversal = await Ledger.LedgerApi.SendAsync(Staff.Manager, HttpMethod.Post, $"{Payments}/{bounced.PaymentId}/reverse", new { reason = "NSF_CHECK", reversalDate = new DateOnly(2026, 5, 6) }))
        {
            reversal.StatusCode.Should().Be(HttpStatusCode.OK, await reversal.Content.ReadAsStringAsync());
        }

        var created = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 5, 31), 990.00m, Currency.USD,
            Tx(new DateOnly(2026, 5, 11), "USD-A", 1_000.00m),
            Tx(new DateOnly(2026, 5, 31), "", -12.50m, "FEE")));

        // Book: 1,000.00 + 250.00 + 300.00 − 300.00 (reversed on the 6th) = 1,250.00; the reversed payment is no book item.
        created.BookBalance.Should().Be(1_250.00m);
        created.Difference.Should().Be(-260.00m); // 990.00 − 1,250.00
        created.UnmatchedBookItems.Select(p => p.Number).Should().Equal(inTransit.PaymentNumber);
        // 990.00 − (1,250.00 + (−12.50) − 250.00) = 990.00 − 987.50 = 2.50
        created.Summary.Should().Be(new ReconciliationSummaryDto(1, 1_000.00m, -12.50m, 250.00m, 2.50m));
    }

    [Fact]
    public async Task Complete_RefusedWhileADifferenceRemains_AllowedAfterAManualMatch_ThenReadOnly()
    {
        var payer = await PayerAsync(Currency.GBP);
        await PaymentAsync(payer, 1_000.00m, "GBP-A", new DateOnly(2026, 4, 10));
        await PaymentAsync(payer, 250.00m, "GBP-B", new DateOnly(2026, 4, 29));
        var lastMonth = await PaymentAsync(payer, 400.00m, "GBP-C", new DateOnly(2026, 3, 27));
        // The bank shows March's 400.00 on 2 April under its own reference: too far and too different to match by itself.
        var created = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 4, 30), 1_387.50m, Currency.GBP,
            Tx(new DateOnly(2026, 4, 11), "gbp-a", 1_000.00m),
            Tx(new DateOnly(2026, 4, 2), "FASTER PAYMENT 88", 400.00m),
            Tx(new DateOnly(2026, 4, 30), "", -12.50m, "FEE")));
        // Book 1,000.00 + 250.00 + 400.00 = 1,650.00. Book items start on 1 April, so March's payment is none:
        // 1,387.50 − (1,650.00 + (400.00 − 12.50) − 250.00) = 1,387.50 − 1,787.50 = −400.00.
        created.BookBalance.Should().Be(1_650.00m);
        created.Summary.UnexplainedDifference.Should().Be(-400.00m);

        using (var refused = await CompleteAsync(created))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.Difference);
            problem.GetProperty("details").GetProperty("unexplainedDifference").GetDecimal().Should().Be(-400.00m);
        }

        using var matched = await MatchAsync(created, 2, lastMonth.PaymentNumber);
        var afterMatch = await matched.ReadAsync<BankReconciliationDto>(HttpStatusCode.OK);
        // 1,387.50 − (1,650.00 + (−12.50) − 250.00) = 0.00
        afterMatch.Summary.Should().Be(new ReconciliationSummaryDto(2, 1_400.00m, -12.50m, 250.00m, 0.00m));
        Line(afterMatch, 2).MatchStatus.Should().Be(MatchStatus.MANUAL);

        using var completed = await CompleteAsync(afterMatch);
        var done = await completed.ReadAsync<BankReconciliationDto>(HttpStatusCode.OK);
        done.Status.Should().Be(BankReconciliationStatus.COMPLETED);
        done.CompletedAt.Should().NotBeNull();

        using var unmatch = await UnmatchAsync(done, 1);
        await unmatch.ShouldBeProblemAsync(HttpStatusCode.Conflict, ReconciliationErrors.Completed);
        using var again = await CompleteAsync(done);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, ReconciliationErrors.Completed);
        (await Staff.Teller.GetOkAsync<BankReconciliationDto>($"{Bank}/{done.Id}")).Summary.MatchedCount.Should().Be(2);
    }

    [Fact]
    public async Task Match_AmountDiffers_400AmountMismatchWithBothAmounts()
    {
        var payer = await PayerAsync();
        var payment = await PaymentAsync(payer, 600.00m, "JUN-P", new DateOnly(2026, 6, 10));
        var created = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 6, 30), 600.50m, Currency.TRY, Tx(new DateOnly(2026, 6, 12), "OTHER", 600.50m)));

        using var response = await MatchAsync(created, 1, payment.PaymentId.ToString());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.AmountMismatch);
        var details = problem.GetProperty("details");
        (details.GetProperty("lineAmount").GetDecimal(), details.GetProperty("paymentAmount").GetDecimal(), details.GetProperty("difference").GetDecimal())
            .Should().Be((600.50m, 600.00m, 0.50m));
        Line(await Staff.Teller.GetOkAsync<BankReconciliationDto>($"{Bank}/{created.Id}"), 1).MatchStatus.Should().Be(MatchStatus.UNMATCHED);
    }

    [Fact]
    public async Task Match_PaymentMatchedInAnotherReconciliation_409AndStillMatchedOnce()
    {
        var payer = await PayerAsync();
        var payment = await PaymentAsync(payer, 700.00m, "JUL-P", new DateOnly(2026, 7, 10));
        var first = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 7, 31), 700.00m, Currency.TRY, Tx(new DateOnly(2026, 7, 10), "JUL-P", 700.00m)));
        var second = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 7, 31), 700.00m, Currency.TRY, Tx(new DateOnly(2026, 7, 10), "JUL-P", 700.00m)));
        Line(first, 1).Payment!.Id.Should().Be(payment.PaymentId);
        Line(second, 1).MatchStatus.Should().Be(MatchStatus.UNMATCHED, "the payment was taken by the first statement");

        using var response = await MatchAsync(second, 1, payment.PaymentNumber);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ReconciliationErrors.PaymentAlreadyMatched);
        problem.GetProperty("details").GetProperty("reconciliationId").GetGuid().Should().Be(first.Id);
        (await Factory.WithDbAsync(db => db.BankStatementLines.CountAsync(l => l.PaymentId == payment.PaymentId))).Should().Be(1);
    }

    [Fact]
    public async Task Match_TwoReconciliationsAtOnceForOnePayment_ExactlyOneWins()
    {
        var payer = await PayerAsync();
        var payment = await PaymentAsync(payer, 800.00m, "AUG-P", new DateOnly(2026, 8, 10));
        // Four days and another reference: neither statement takes the payment by itself.
        var first = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 8, 31), 800.00m, Currency.TRY, Tx(new DateOnly(2026, 8, 14), "BANK REF", 800.00m)));
        var second = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 8, 31), 800.00m, Currency.TRY, Tx(new DateOnly(2026, 8, 14), "BANK REF", 800.00m)));
        using var otherTeller = await Factory.ClientForRoleAsync(Core.Security.Roles.Teller);

        var responses = await Task.WhenAll(MatchAsync(first, 1, payment.PaymentNumber), MatchAsync(second, 1, payment.PaymentNumber, otherTeller));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, ReconciliationErrors.PaymentAlreadyMatched);
        (await Factory.WithDbAsync(db => db.BankStatementLines.CountAsync(l => l.PaymentId == payment.PaymentId))).Should().Be(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task MatchThenUnmatch_PaymentLeavesTheUnmatchedBookItemsAndComesBack()
    {
        var payer = await PayerAsync();
        var payment = await PaymentAsync(payer, 900.00m, "SEP-P", new DateOnly(2026, 9, 10));
        var created = await CreatedAsync(Statement(BankAccountLabel(), new DateOnly(2026, 9, 30), 900.00m, Currency.TRY, Tx(new DateOnly(2026, 9, 15), "X", 900.00m)));
        created.UnmatchedBookItems.Select(p => p.Id).Should().Equal(payment.PaymentId);

        using var matchResponse = await MatchAsync(created, 1, payment.PaymentId.ToString());
        var matched = await matchResponse.ReadAsync<BankReconciliationDto>(HttpStatusCode.OK);
        Line(matched, 1).Should().BeEquivalentTo(new { MatchStatus = MatchStatus.MANUAL, MatchedBy = Staff.TellerEmail, Payment = new { Id = payment.PaymentId, Amount = 900.00m } });
        matched.UnmatchedBookItems.Should().BeEmpty();
        // Both were inside this statement's book window: pairing them moves 900.00 out of both unmatched sums, so nothing else changes.
        matched.Summary.UnexplainedDifference.Should().Be(created.Summary.UnexplainedDifference);

        using var unmatchResponse = await UnmatchAsync(matched, 1);
        var unmatched = await unmatchResponse.ReadAsync<BankReconciliationDto>(HttpStatusCode.OK);
        Line(unmatched, 1).Should().BeEquivalentTo(new { MatchStatus = MatchStatus.UNMATCHED, Payment = (BookPaymentDto?)null, MatchedBy = (string?)null });
        unmatched.UnmatchedBookItems.Select(p => p.Id).Should().Equal(payment.PaymentId);
    }

    [Fact]
    public async Task Upload_GoodCsv_CreatesTheStatementAndMatchesIt()
    {
        var payer = await PayerAsync();
        var payment = await PaymentAsync(payer, 1_234.56m, "OCT-P", new DateOnly(2026, 10, 5));
        var label = BankAccountLabel();
        const string csv = "date,reference,amount,type,description\r\n2026-10-06,oct-p,1234.56,DEPOSIT,\"Acme, Ltd\"\r\n2026-10-31,,-9.90,FEE,Monthly fee\r\n";

        using var response = await UploadAsync(csv, label, new DateOnly(2026, 10, 31), "5000.00");

        var created = await response.ReadAsync<BankReconciliationDto>(HttpStatusCode.Created);
        (created.BankAccount, created.Currency, created.StatementBalance).Should().Be((label, Currency.TRY, 5_000.00m));
        created.Lines.Select(l => (l.LineNo, l.Date, l.Reference, l.Amount, l.Type, l.Description, l.Payment?.Id)).Should().Equal(
            (1, new DateOnly(2026, 10, 6), "oct-p", 1_234.56m, "DEPOSIT", "Acme, Ltd", payment.PaymentId),
            (2, new DateOnly(2026, 10, 31), "", -9.90m, "FEE", "Monthly fee", null));
        (await Staff.Teller.GetOkAsync<PagedResult<BankReconciliationListItemDto>>($"{Bank}?bankAccount={label}")).Data.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { created.Id, Lines = 2, MatchedLines = 1 });
    }

    [Fact]
    public async Task Upload_BadRows_400ListsEveryProblemByLineAndSavesNothing()
    {
        var label = BankAccountLabel();
        const string csv = "date,reference,amount,type,description\n"
            + "2026-02-03,OK-1,10.00,DEPOSIT,fine\n"
            + "31/01/2026,A,10.00,DEPOSIT,day first\n"
            + "2026-02-04,B,12,50,DEPOSIT,comma as decimal point\n"
            + "2026-02-05,C,50.00,WITHDRAWAL,unsigned export\n"
            + "2026-03-01,D,5.00,DEPOSIT,after the statement\n";

        using var response = await UploadAsync(csv, label, new DateOnly(2026, 2, 28), "100.00");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.InvalidStatement);
        problem.GetProperty("details").GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("field").GetString())).Should().Equal((3, "date"), (4, "row"), (5, "amount"), (6, "date"));
        (await Factory.WithDbAsync(db => db.BankReconciliations.CountAsync(r => r.BankAccount == label))).Should().Be(0);
    }

    [Fact]
    public async Task Create_BadTransactionsOrHeader_400WithEveryProblemAndNothingSaved()
    {
        var label = BankAccountLabel();
        using var badLines = await CreateAsync(Statement(label, new DateOnly(2026, 2, 28), 100.00m, Currency.TRY,
            Tx(new DateOnly(2026, 2, 3), "OK", 10.00m),
            new { reference = "NO-DATE", amount = 0m, type = "DEPOSIT" },
            Tx(new DateOnly(2026, 2, 5), "FEE-POSITIVE", 3.00m, "FEE")));
        var problem = await badLines.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ReconciliationErrors.InvalidStatement);
        problem.GetProperty("details").GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("field").GetString())).Should().Equal((2, "date"), (2, "amount"), (3, "amount"));

        using var noFile = await Staff.Teller.PostAsync($"{Bank}/upload", new MultipartFormDataContent { { new StringContent(label), "bankAccount" } });
        var fields = await noFile.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        fields.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("file", "statementDate", "statementBalance");
        (await Factory.WithDbAsync(db => db.BankReconciliations.CountAsync(r => r.BankAccount == label))).Should().Be(0);
    }

    [Fact]
    public async Task BankReconciliation_CustomerOrCollector_403()
    {
        var (_, customer) = await CustomerWithLoginAsync();

        using var customerCreates = await CreateAsync(Statement(BankAccountLabel(), new DateOnly(2026, 2, 28), 0m, Currency.TRY), customer);
        await customerCreates.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var customerLists = await customer.GetAsync(Bank);
        await customerLists.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var collectorLists = await Staff.Collector.GetAsync(Bank);
        await collectorLists.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
