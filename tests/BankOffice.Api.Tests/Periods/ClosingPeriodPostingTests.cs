using System.Net;
using BankOffice.Api.Tests.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>From the moment a close starts, only the close itself posts into its period; the next month stays open.</summary>
public sealed class ClosingPeriodPostingTests(PausedCloseApiFactory factory) : PeriodTestBase<PausedCloseApiFactory>(factory)
{
    private static readonly DateOnly InSeptember = new(2026, 9, 30);

    [Fact]
    public async Task Posting_IntoAPeriodWhileItClosesAndOnceClosed_RefusedWithPeriodClosed()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var savings = await OpenAccountAsync(AccountType.SAVINGS);
        // 1,000.00 from 10 September: 21 days x 1,000.00 x 0.001 = 21.00 interest.
        await MoveAsync("deposit", savings.AccountNumber, 1_000m, new DateOnly(2026, 9, 10));
        var customerId = await CustomerWithAccountAsync(terms: "NET30");
        await CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, 500m)], new DateOnly(2026, 9, 15)).CreatedAsync<InvoiceDto>();

        var started = await StartCloseAsync("2026-09");
        // One account per interest batch, then a pause: the run holds in INTEREST once the account is booked.
        await WaitForRunAsync(started.Id, r => r.Status != CloseRunStatus.RUNNING || r.Steps.Single(s => s.Step == CloseStep.INTEREST).Processed == 1);

        using (var intoClosing = await LedgerApi.MoveAsync(Staff.Teller, "deposit", savings.AccountNumber, 100m, valueDate: InSeptember))
        {
            var details = (await intoClosing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodClosed)).GetProperty("details");
            (details.GetProperty("period").GetString(), details.GetProperty("status").GetString()).Should().Be(("2026-09", "CLOSING"));
        }

        var october = await MoveAsync("deposit", savings.AccountNumber, 100m, Today);
        october.ValueDate.Should().Be(new DateOnly(2026, 10, 2));
        using (var secondClose = await RequestCloseAsync("2026-09", CloseBody()))
        {
            await secondClose.ShouldBeProblemAsync(HttpStatusCode.Conflict, PeriodErrorCodes.CloseInProgress);
        }

        (await PeriodAsync("2026-09")).Status.Should().Be(PeriodStatus.CLOSING);
        (await RunAsync(started.Id)).Status.Should().Be(CloseRunStatus.RUNNING, "the checks above must have run while the close was running");

        var run = await WaitForRunAsync(started.Id);
        run.Status.Should().Be(CloseRunStatus.SUCCEEDED, run.Error);
        (await PeriodAsync("2026-09")).Status.Should().Be(PeriodStatus.CLOSED);

        using (var deposit = await LedgerApi.MoveAsync(Staff.Teller, "deposit", savings.AccountNumber, 100m, valueDate: InSeptember))
        {
            var details = (await deposit.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodClosed)).GetProperty("details");
            (details.GetProperty("period").GetString(), details.GetProperty("valueDate").GetString()).Should().Be(("2026-09", "2026-09-30"));
        }

        using (var invoice = await CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, 200m)], new DateOnly(2026, 9, 29)))
        {
            await invoice.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodClosed);
        }

        using (var payment = await RecordPaymentAsync(Staff.Teller, customerId, 300m, "WIRE-" + ApiFactory.Unique(), paymentDate: new DateOnly(2026, 9, 29)))
        {
            await payment.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PeriodErrorCodes.PeriodClosed);
        }

        // Nothing of the refused postings was stored: 1,000.00 + 21.00 interest + 100.00 in October.
        (await Factory.InvoiceCountAsync(customerId), await Factory.PaymentCountAsync(customerId)).Should().Be((1, 0));
        (await BalanceAsync(savings.AccountNumber)).Should().Be(1_121m);
        (await EntriesAsync(savings.AccountNumber)).Select(e => (e.Kind, e.ValueDate, e.Amount)).Should().Equal(
            (EntryKind.DEPOSIT, new DateOnly(2026, 10, 2), 100m), (EntryKind.INTEREST, InSeptember, 21m), (EntryKind.DEPOSIT, new DateOnly(2026, 9, 10), 1_000m));
    }
}
