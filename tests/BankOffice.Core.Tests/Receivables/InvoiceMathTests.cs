using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Receivables;

public class InvoiceMathTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static ItemLine Item(decimal quantity, decimal unitPrice, decimal taxRate, string productCode = "P-001", string description = "Widget") =>
        new(productCode, description, quantity, unitPrice, taxRate);

    private static void ShouldBeRefused(Action act) =>
        act.Should().Throw<DomainException>().Which.Code.Should().Be("VALIDATION_ERROR");

    [Fact]
    public void Subtotal_ThreeAt33_335_RoundsHalfAwayFromZeroTo100_01()
    {
        // 3 × 33.335 = 100.005; to even would give 100.00.
        Item(3m, 33.335m, 0.18m).Subtotal.Should().Be(100.01m);
    }

    [Fact]
    public void Tax_EighteenPercentOf100_01_Is18_00()
    {
        // 100.01 × 0.18 = 18.0018.
        Item(3m, 33.335m, 0.18m).Tax.Should().Be(18.00m);
    }

    [Theory]
    [InlineData("2", "10.00", "0.18", "20.00", "3.60")]
    [InlineData("1", "0.125", "0.5", "0.13", "0.07")] // tax on the rounded 0.13 (0.065 → 0.07), not on 0.125 (0.0625 → 0.06)
    [InlineData("1", "0.25", "0.10", "0.25", "0.03")] // 0.025 → 0.03 half away from zero
    [InlineData("1.5", "9.99", "0.08", "14.99", "1.20")] // 14.985 → 14.99; 1.1992 → 1.20
    [InlineData("0.3333", "3", "0.2", "1.00", "0.20")] // 0.9999 → 1.00
    [InlineData("4", "12.50", "0", "50.00", "0.00")]
    [InlineData("1", "80.00", "1", "80.00", "80.00")]
    public void SubtotalAndTax_Line_AreEachRoundedToCents(string quantity, string price, string rate, string subtotal, string tax)
    {
        var line = Item(D(quantity), D(price), D(rate));

        line.Subtotal.Should().Be(D(subtotal));
        line.Tax.Should().Be(D(tax));
    }

    [Fact]
    public void Of_SeveralLines_SumsTheRoundedLines()
    {
        // Lines: 20.00 + 3.60 | 100.01 + 18.00 | 0.13 + 0.07.
        // Unrounded subtotals would sum to 120.13 (20 + 100.005 + 0.125), the rounded ones to 120.14.
        ItemLine[] items = [Item(2m, 10.00m, 0.18m), Item(3m, 33.335m, 0.18m, "P-002"), Item(1m, 0.125m, 0.5m, "P-003")];

        var totals = InvoiceTotals.Of(items);

        totals.Should().Be(new InvoiceTotals(120.14m, 21.67m, 141.81m));
    }

    [Fact]
    public void Of_SingleLine_TotalIsSubtotalPlusTax()
    {
        InvoiceTotals.Of([Item(3m, 33.335m, 0.18m)]).Should().Be(new InvoiceTotals(100.01m, 18.00m, 118.01m));
    }

    [Fact]
    public void Of_FreeLineBesidePaidLine_IsAccepted()
    {
        InvoiceTotals.Of([Item(1m, 0m, 0.18m), Item(1m, 10.00m, 0.18m, "P-002")])
            .Should().Be(new InvoiceTotals(10.00m, 1.80m, 11.80m));
    }

    [Fact]
    public void Of_NoItems_IsRefused() => ShouldBeRefused(() => InvoiceTotals.Of([]));

    [Fact]
    public void Of_OnlyFreeItems_IsRefused() => ShouldBeRefused(() => InvoiceTotals.Of([Item(2m, 0m, 0.18m)]));

    [Theory]
    [InlineData("0", "10.00", "0.18")] // quantity 0
    [InlineData("-1", "10.00", "0.18")] // negative quantity
    [InlineData("1", "-0.01", "0.18")] // negative price
    [InlineData("1", "10.00", "1.5")] // tax rate above 1
    [InlineData("1", "10.00", "-0.01")] // negative tax rate
    [InlineData("1", "10.00001", "0.18")] // five decimals in the price
    [InlineData("1.00001", "10.00", "0.18")] // five decimals in the quantity
    public void Of_InvalidNumbers_IsRefused(string quantity, string price, string rate)
    {
        var bad = Item(D(quantity), D(price), D(rate));

        ShouldBeRefused(() => bad.Check());
        ShouldBeRefused(() => InvoiceTotals.Of([Item(1m, 10.00m, 0.18m), bad]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Of_MissingProductCode_IsRefused(string productCode)
    {
        ShouldBeRefused(() => InvoiceTotals.Of([Item(1m, 10.00m, 0.18m, productCode)]));
    }

    [Fact]
    public void Of_ProductCodeLongerThan50_IsRefused()
    {
        ShouldBeRefused(() => InvoiceTotals.Of([Item(1m, 10.00m, 0.18m, new string('P', 51))]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Of_MissingDescription_IsRefused(string description)
    {
        ShouldBeRefused(() => InvoiceTotals.Of([Item(1m, 10.00m, 0.18m, "P-001", description)]));
    }

    [Fact]
    public void Of_DescriptionLongerThan200_IsRefused()
    {
        ShouldBeRefused(() => InvoiceTotals.Of([Item(1m, 10.00m, 0.18m, "P-001", new string('d', 201))]));
    }

    [Fact]
    public void Check_LimitsExactlyAtTheMaximum_AreAccepted()
    {
        var line = Item(0.0001m, 9999.9999m, 1m, new string('P', 50), new string('d', 200));

        FluentActions.Invoking(line.Check).Should().NotThrow();
    }
}
