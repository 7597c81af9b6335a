using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Receivables;

public class AllocatorTests
{
    private static readonly PaymentTerms Net30 = new(30, 0m, 0);
    private static readonly PaymentTerms TwoTenNet30 = new(30, 2m, 10);

    private static DateOnly March(int day) => new(2025, 3, day);

    /// <summary>An open invoice; the due date is written out by the caller, not computed by the code under test.</summary>
    private static OpenInvoice Invoice(string number, DateOnly invoiceDate, DateOnly dueDate, decimal total, PaymentTerms terms, decimal? balance = null) =>
        new(Guid.NewGuid(), number, invoiceDate, dueDate, total, balance ?? total, terms);

    private static AllocationLine Line(OpenInvoice invoice, decimal applied, decimal discount) =>
        new(invoice.Id, invoice.Number, applied, discount);

    // The README / XML comment example: A 1,000.00 2/10 NET30 dated 1 March (due 31 March),
    // B 500.00 NET30 dated 5 March (due 4 April).
    private static (OpenInvoice A, OpenInvoice B) WorkedExample() =>
        (Invoice("A", March(1), March(31), 1000.00m, TwoTenNet30),
         Invoice("B", March(5), new DateOnly(2025, 4, 4), 500.00m, Net30));

    [Fact]
    public void Auto_WorkedExampleInsideDiscountWindow_SettlesAWithDiscountThenB()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(1480.00m, March(8), [a, b]);

        plan.Lines.Should().Equal(Line(a, 980.00m, 20.00m), Line(b, 500.00m, 0m));
        plan.Unallocated.Should().Be(0m);
        plan.Applied.Should().Be(1480.00m);
        plan.Discount.Should().Be(20.00m);
        plan.Lines[0].Settled.Should().Be(1000.00m);
    }

    [Fact]
    public void Auto_WorkedExampleOutsideDiscountWindow_PaysAInFullAndBPartially()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(1480.00m, March(20), [a, b]);

        plan.Lines.Should().Equal(Line(a, 1000.00m, 0m), Line(b, 480.00m, 0m));
        plan.Unallocated.Should().Be(0m);
        plan.Discount.Should().Be(0m);
    }

    [Fact]
    public void Auto_WorkedExampleOnLastDayOfWindow_StillGetsTheDiscount()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(1480.00m, March(11), [a, b]);

        plan.Lines.Should().Equal(Line(a, 980.00m, 20.00m), Line(b, 500.00m, 0m));
    }

    [Fact]
    public void Auto_WorkedExampleDayAfterWindow_GetsNoDiscount()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(1480.00m, March(12), [a, b]);

        plan.Lines.Should().Equal(Line(a, 1000.00m, 0m), Line(b, 480.00m, 0m));
    }

    [Fact]
    public void Auto_InvoicesGivenOutOfOrder_PaysOldestDueDateFirst()
    {
        var a = Invoice("INV-A", March(1), March(31), 500.00m, Net30);
        var b = Invoice("INV-B", March(5), new DateOnly(2025, 4, 4), 400.00m, Net30);
        var c = Invoice("INV-C", March(11), new DateOnly(2025, 4, 10), 300.00m, Net30);

        var plan = Allocator.Auto(1000.00m, March(25), [c, b, a]);

        plan.Lines.Should().Equal(Line(a, 500.00m, 0m), Line(b, 400.00m, 0m), Line(c, 100.00m, 0m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_LaterInvoiceDueEarlier_IsPaidFirst()
    {
        // Older invoice, but due 30 April (NET60); newer invoice due 25 March (NET15).
        var older = Invoice("INV-001", March(1), new DateOnly(2025, 4, 30), 200.00m, new PaymentTerms(60, 0m, 0));
        var newer = Invoice("INV-002", March(10), March(25), 200.00m, new PaymentTerms(15, 0m, 0));

        var plan = Allocator.Auto(250.00m, March(20), [older, newer]);

        plan.Lines.Should().Equal(Line(newer, 200.00m, 0m), Line(older, 50.00m, 0m));
    }

    [Fact]
    public void Auto_PartialPaymentInsideWindow_GetsNoDiscount()
    {
        var (a, _) = WorkedExample();

        var plan = Allocator.Auto(500.00m, March(5), [a]);

        plan.Lines.Should().Equal(Line(a, 500.00m, 0m));
        plan.Discount.Should().Be(0m);
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_PaymentExactlyBalanceMinusDiscountInsideWindow_SettlesWithDiscount()
    {
        var (a, _) = WorkedExample();

        var plan = Allocator.Auto(980.00m, March(5), [a]);

        plan.Lines.Should().Equal(Line(a, 980.00m, 20.00m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_PaymentOneCentShortOfBalanceMinusDiscount_GetsNoDiscount()
    {
        var (a, _) = WorkedExample();

        var plan = Allocator.Auto(979.99m, March(5), [a]);

        plan.Lines.Should().Equal(Line(a, 979.99m, 0m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_PartlyPaidInvoiceInsideWindow_GetsNoDiscount()
    {
        // Total 1,000.00 with 600.00 already paid: the discount is for paying the invoice in one go,
        // so the remaining 400.00 is owed in full even inside the window.
        var a = Invoice("A", March(1), March(31), 1000.00m, TwoTenNet30, balance: 400.00m);

        var plan = Allocator.Auto(400.00m, March(9), [a]);

        plan.Lines.Should().Equal(Line(a, 400.00m, 0m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_Overpayment_SettlesEverythingAndLeavesUnallocatedCredit()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(2000.00m, March(20), [a, b]);

        plan.Lines.Should().Equal(Line(a, 1000.00m, 0m), Line(b, 500.00m, 0m));
        plan.Unallocated.Should().Be(500.00m);
    }

    [Fact]
    public void Auto_OverpaymentInsideWindow_LeavesTheDiscountedCashAsCredit()
    {
        var (a, b) = WorkedExample();

        // 2,000.00 − 980.00 − 500.00 = 520.00 left over.
        var plan = Allocator.Auto(2000.00m, March(8), [a, b]);

        plan.Lines.Should().Equal(Line(a, 980.00m, 20.00m), Line(b, 500.00m, 0m));
        plan.Unallocated.Should().Be(520.00m);
    }

    [Fact]
    public void Auto_NoOpenInvoices_AllCashIsUnallocated()
    {
        var plan = Allocator.Auto(123.45m, March(8), []);

        plan.Lines.Should().BeEmpty();
        plan.Unallocated.Should().Be(123.45m);
    }

    [Fact]
    public void Auto_SmallRestOfAPartPaidInvoice_IsPaidInCashNotWrittenOffAsDiscount()
    {
        // 2% of 1,000.00 would be 20.00 but only 15.00 is still owed on a part-paid invoice: no
        // discount may settle it without cash.
        var a = Invoice("A", March(1), March(31), 1000.00m, TwoTenNet30, balance: 15.00m);
        var b = Invoice("B", March(5), new DateOnly(2025, 4, 4), 500.00m, Net30);

        var plan = Allocator.Auto(100.00m, March(8), [a, b]);

        plan.Lines.Should().Equal(Line(a, 15.00m, 0m), Line(b, 85.00m, 0m));
        plan.Lines.Should().OnlyContain(l => l.Applied > 0);
        plan.Unallocated.Should().Be(0m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.00001")]
    public void Auto_AmountNotPositiveOrTooPrecise_IsRefused(string amount)
    {
        var act = () => Allocator.Auto(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), March(8), []);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(BankOffice.Core.Ledger.PostingRules.InvalidAmount);
    }

    [Fact]
    public void Auto_InvoicesWithZeroOrNegativeBalance_AreSkipped()
    {
        var paid = Invoice("INV-001", March(1), March(31), 300.00m, TwoTenNet30, balance: 0m);
        var credit = Invoice("INV-002", March(2), new DateOnly(2025, 4, 1), 100.00m, Net30, balance: -10.00m);
        var open = Invoice("INV-003", March(3), new DateOnly(2025, 4, 2), 250.00m, Net30);

        var plan = Allocator.Auto(200.00m, March(5), [paid, credit, open]);

        plan.Lines.Should().Equal(Line(open, 200.00m, 0m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_SameDueDate_OlderInvoiceDateFirst()
    {
        // Both due 31 March: one dated 1 March on NET30, the other 16 March on NET15.
        var later = Invoice("INV-001", March(16), March(31), 100.00m, new PaymentTerms(15, 0m, 0));
        var earlier = Invoice("INV-002", March(1), March(31), 100.00m, Net30);

        var plan = Allocator.Auto(150.00m, March(20), [later, earlier]);

        plan.Lines.Should().Equal(Line(earlier, 100.00m, 0m), Line(later, 50.00m, 0m));
    }

    [Fact]
    public void Auto_SameDueAndInvoiceDate_LowerNumberFirst()
    {
        var second = Invoice("INV-0002", March(1), March(31), 100.00m, Net30);
        var tenth = Invoice("INV-0010", March(1), March(31), 100.00m, Net30);
        var first = Invoice("INV-0001", March(1), March(31), 100.00m, Net30);

        var plan = Allocator.Auto(250.00m, March(20), [tenth, second, first]);

        plan.Lines.Should().Equal(Line(first, 100.00m, 0m), Line(second, 100.00m, 0m), Line(tenth, 50.00m, 0m));
    }

    [Fact]
    public void Auto_CashRunsOut_LaterInvoicesGetNoLine()
    {
        var (a, b) = WorkedExample();

        var plan = Allocator.Auto(1000.00m, March(20), [a, b]);

        plan.Lines.Should().Equal(Line(a, 1000.00m, 0m));
        plan.Unallocated.Should().Be(0m);
    }

    [Fact]
    public void Auto_GeneratedCases_AppliedPlusUnallocatedEqualsPaymentAndNoInvoiceIsOverSettled()
    {
        var random = new Random(20250308);
        PaymentTerms[] terms = [Net30, TwoTenNet30, new(45, 1.5m, 15), new(60, 3m, 20)];

        for (var run = 0; run < 300; run++)
        {
            var invoices = new List<OpenInvoice>();
            var count = random.Next(0, 7);
            for (var i = 0; i < count; i++)
            {
                var t = terms[random.Next(terms.Length)];
                var date = new DateOnly(2025, 3, 1).AddDays(random.Next(0, 40));
                var total = random.Next(1, 300_000) / 100m;
                var balance = random.Next(4) switch
                {
                    0 => 0m,
                    1 => random.Next(1, (int)(total * 100) + 1) / 100m,
                    _ => total,
                };
                invoices.Add(Invoice($"INV-{i:0000}", date, date.AddDays(t.NetDays), total, t, balance));
            }

            var amount = random.Next(1, 1_000_000) / 100m;
            var paymentDate = new DateOnly(2025, 3, 1).AddDays(random.Next(0, 60));

            var plan = Allocator.Auto(amount, paymentDate, invoices);

            var because = $"run {run}: amount {amount} on {paymentDate}";
            (plan.Applied + plan.Unallocated).Should().Be(amount, because);
            plan.Unallocated.Should().BeGreaterThanOrEqualTo(0m, because);
            foreach (var line in plan.Lines)
            {
                var invoice = invoices.Single(i => i.Id == line.InvoiceId);
                line.Applied.Should().BeGreaterThanOrEqualTo(0m, because);
                line.Discount.Should().BeGreaterThanOrEqualTo(0m, because);
                line.Settled.Should().BeLessThanOrEqualTo(invoice.Balance, because);
            }

            if (plan.Unallocated > 0)
            {
                // Credit is left over only when every open invoice is settled in full.
                var open = invoices.Where(i => i.Balance > 0).ToList();
                plan.Lines.Should().HaveCount(open.Count, because);
                foreach (var line in plan.Lines)
                {
                    line.Settled.Should().Be(open.Single(i => i.Id == line.InvoiceId).Balance, because);
                }
            }
        }
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("120.50")]
    [InlineData("300.00")] // exactly the balance
    public void Manual_AmountWithinBalance_AppliesItWithoutDiscount(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var invoice = Invoice("INV-0001", March(1), March(31), 1000.00m, TwoTenNet30, balance: 300.00m);

        var line = Allocator.Manual(amount, invoice);

        line.Should().Be(new AllocationLine(invoice.Id, "INV-0001", amount, 0m));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-50.00")]
    [InlineData("300.01")]
    [InlineData("1000.00")]
    public void Manual_ZeroNegativeOrAboveBalance_IsRefusedWithValidationError(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var invoice = Invoice("INV-0001", March(1), March(31), 1000.00m, Net30, balance: 300.00m);

        FluentActions.Invoking(() => Allocator.Manual(amount, invoice))
            .Should().Throw<DomainException>()
            .Which.Code.Should().Be("VALIDATION_ERROR");
    }
}
