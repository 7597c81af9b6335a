using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Core.Receivables;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Periods;

/// <summary>
/// The close holds an allowance for doubtful receivables of each aging bucket (as of the period's
/// end) times its rate, booking only the change from what the allowance already holds.
/// </summary>
public sealed class ProvisionCloseTests(PeriodApiFactory factory) : PeriodTestBase<PeriodApiFactory>(factory)
{
    [Fact]
    public async Task Close_ReceivablesAging_BooksExactProvision()
    {
        SetToday(new DateOnly(2026, 10, 2));
        // NET30, one invoice per customer (so no customer is on hold for another's overdue invoice).
        // Days late on 30 September: A current (due 20 Oct), B 15 (due 15 Sep), C 45 (due 16 Aug), D 75 (due 17 Jul), E 120 (due 2 Jun).
        await InvoicedCustomerAsync(10_000.35m, new DateOnly(2026, 9, 20));
        await InvoicedCustomerAsync(8_000m, new DateOnly(2026, 8, 16));
        var c = await InvoicedCustomerAsync(6_000m, new DateOnly(2026, 7, 17));
        var d = await InvoicedCustomerAsync(4_000m, new DateOnly(2026, 6, 17));
        var e = await InvoicedCustomerAsync(2_000m, new DateOnly(2026, 5, 3));
        await PayAsync(c, 1_000m, new DateOnly(2026, 9, 10));

        // The books start in May; periods close in order, the earlier ones without provisions.
        foreach (var month in new[] { "2026-05", "2026-06", "2026-07", "2026-08" })
        {
            var early = await CloseAsync(month, includeAccruals: false, runProvision: false);
            early.Steps.Single(s => s.Step == CloseStep.PROVISION).Status.Should().Be(CloseStepStatus.SKIPPED);
            early.Summary!.Provisions.Should().BeEmpty();
        }

        var september = await CloseAsync("2026-09");

        // Rates 2 / 10 / 25 / 50 / 100 %:
        //   current 10,000.35 x 2 % = 200.007 -> 200.01; 1-30 8,000.00 x 10 % = 800.00; 31-60 (6,000 - 1,000 paid) 5,000.00 x 25 % = 1,250.00;
        //   61-90 4,000.00 x 50 % = 2,000.00; over 90 2,000.00 x 100 % = 2,000.00 -> required 6,250.01, nothing held before, book 6,250.01.
        september.Summary!.Provisions.Should().Equal(new ProvisionDto(Currency.TRY, 10_000.35m, 8_000m, 5_000m, 4_000m, 2_000m, 6_250.01m, 0m, 6_250.01m));
        september.Summary.AgingSnapshots.Should().Be(5);
        (await ProvisionLinesAsync(new DateOnly(2026, 9, 30))).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["ALLOWANCE-TRY"] = 6_250.01m,
            ["PROVISION_EXPENSE-TRY"] = -6_250.01m,
        });
        (await LedgerBalanceAsync("ALLOWANCE-TRY")).Should().Be(6_250.01m);

        // October: D and E pay in full.
        SetToday(new DateOnly(2026, 11, 2));
        await PayAsync(e, 2_000m, new DateOnly(2026, 10, 5));
        await PayAsync(d, 4_000m, new DateOnly(2026, 10, 12));

        var october = await CloseAsync("2026-10");

        // On 31 October: A 11 days late, B 46, C 76, D and E paid.
        //   1-30 10,000.35 x 10 % = 1,000.035 -> 1,000.04; 31-60 8,000.00 x 25 % = 2,000.00; 61-90 5,000.00 x 50 % = 2,500.00
        //   -> required 5,500.04; held 6,250.01; release 5,500.04 - 6,250.01 = -749.97.
        october.Summary!.Provisions.Should().Equal(new ProvisionDto(Currency.TRY, 0m, 10_000.35m, 8_000m, 5_000m, 0m, 5_500.04m, 6_250.01m, -749.97m));
        october.Summary.AgingSnapshots.Should().Be(3);
        (await ProvisionLinesAsync(new DateOnly(2026, 10, 31))).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["ALLOWANCE-TRY"] = -749.97m,
            ["PROVISION_EXPENSE-TRY"] = 749.97m,
        });
        (await LedgerBalanceAsync("ALLOWANCE-TRY")).Should().Be(5_500.04m, "the allowance now holds exactly what October's aging requires");
        (await LedgerCheckAsync()).Ok.Should().BeTrue();
    }

    private async Task<string> InvoicedCustomerAsync(decimal amount, DateOnly invoiceDate)
    {
        var customerId = await CustomerWithAccountAsync(terms: "NET30");
        await CreateInvoiceAsync(Staff.Teller, customerId, [Item(1m, amount)], invoiceDate).CreatedAsync<InvoiceDto>();
        return customerId;
    }

    /// <summary>The ledger lines of the one PROVISION entry dated <paramref name="valueDate"/>.</summary>
    private async Task<Dictionary<string, decimal>> ProvisionLinesAsync(DateOnly valueDate)
    {
        var entries = await Manager.GetOkAsync<PagedResult<TransactionDto>>("/api/v1/transactions?kind=PROVISION&size=100");
        var entry = entries.Data.Should().ContainSingle(x => x.ValueDate == valueDate).Subject;
        return await LedgerLinesAsync(Manager, entry.TransactionId);
    }
}
