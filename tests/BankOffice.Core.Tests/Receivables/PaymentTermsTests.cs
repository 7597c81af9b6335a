using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Receivables;

public class PaymentTermsTests
{
    private static readonly DateOnly March1 = new(2025, 3, 1);

    private static void ShouldBeRefused(string? text) =>
        FluentActions.Invoking(() => PaymentTerms.Parse(text))
            .Should().Throw<DomainException>()
            .Which.Code.Should().Be("VALIDATION_ERROR");

    [Theory]
    [InlineData("NET30", 30, "0", 0)]
    [InlineData("net 30", 30, "0", 0)]
    [InlineData("Net30", 30, "0", 0)]
    [InlineData("  NET30  ", 30, "0", 0)]
    [InlineData("2/10 NET30", 30, "2", 10)]
    [InlineData("2/10 net30", 30, "2", 10)]
    [InlineData("1.5/15 NET45", 45, "1.5", 15)]
    [InlineData("2/30 NET30", 30, "2", 30)] // discount window as long as the net days
    [InlineData("NET0", 0, "0", 0)]
    [InlineData("NET365", 365, "0", 0)]
    [InlineData("99.99/365 NET365", 365, "99.99", 365)]
    public void Parse_ValidTerms_ReturnsNetDaysPercentAndDiscountDays(string text, int netDays, string percent, int discountDays)
    {
        var terms = PaymentTerms.Parse(text);

        terms.NetDays.Should().Be(netDays);
        terms.DiscountPercent.Should().Be(decimal.Parse(percent, CultureInfo.InvariantCulture));
        terms.DiscountDays.Should().Be(discountDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("NET")]
    [InlineData("30")]
    [InlineData("NET-30")]
    [InlineData("NET30 days")]
    [InlineData("2/10NET30")]
    [InlineData("2%/10 NET30")]
    [InlineData("2/10")]
    [InlineData("/10 NET30")]
    [InlineData("2/ NET30")]
    [InlineData("NET3O")]
    public void Parse_Garbage_IsRefusedWithValidationError(string? text) => ShouldBeRefused(text);

    [Theory]
    [InlineData("NET400")]
    [InlineData("NET366")]
    [InlineData("2/40 NET30")] // discount days beyond the net days
    [InlineData("2/31 NET30")]
    [InlineData("100/10 NET30")]
    public void Parse_OutOfRange_IsRefusedWithValidationError(string text) => ShouldBeRefused(text);

    [Theory]
    [InlineData("NET30", 2025, 3, 1, 2025, 3, 31)]
    [InlineData("2/10 NET30", 2025, 3, 1, 2025, 3, 31)]
    [InlineData("NET30", 2025, 2, 15, 2025, 3, 17)] // 13 days left in February + 17 in March
    [InlineData("1.5/15 NET45", 2025, 12, 20, 2026, 2, 3)] // 11 + 31 + 3 across the year end
    [InlineData("NET0", 2025, 3, 1, 2025, 3, 1)]
    public void DueDate_InvoiceDate_IsNetDaysLater(string text, int y, int m, int d, int dueY, int dueM, int dueD)
    {
        PaymentTerms.Parse(text).DueDate(new DateOnly(y, m, d)).Should().Be(new DateOnly(dueY, dueM, dueD));
    }

    [Theory]
    [InlineData(1, true)] // the invoice day itself
    [InlineData(8, true)]
    [InlineData(11, true)] // last day of the 10-day window
    [InlineData(12, false)] // the day after
    [InlineData(31, false)]
    public void DiscountApplies_TwoTenNet30DatedFirstMarch_OnlyUpToTheEleventh(int paymentDay, bool expected)
    {
        var terms = new PaymentTerms(30, 2m, 10);

        terms.DiscountApplies(March1, new DateOnly(2025, 3, paymentDay)).Should().Be(expected);
    }

    [Fact]
    public void DiscountApplies_TermsWithoutDiscount_IsFalseEvenOnTheInvoiceDay()
    {
        var terms = new PaymentTerms(30, 0m, 0);

        terms.DiscountApplies(March1, March1).Should().BeFalse();
    }

    [Fact]
    public void DiscountApplies_WindowCrossingMonthEnd_LastDayIsInside()
    {
        // 1.5/15 dated 20 March: the window ends 4 April.
        var terms = new PaymentTerms(45, 1.5m, 15);
        var invoiceDate = new DateOnly(2025, 3, 20);

        terms.DiscountApplies(invoiceDate, new DateOnly(2025, 4, 4)).Should().BeTrue();
        terms.DiscountApplies(invoiceDate, new DateOnly(2025, 4, 5)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2", "1234.57", "24.69")] // 24.6914
    [InlineData("2", "1000.00", "20.00")]
    [InlineData("1.5", "1000.00", "15.00")]
    [InlineData("1.5", "333.33", "5.00")] // 4.99995 rounds up
    [InlineData("2", "0.25", "0.01")] // 0.005: half away from zero, not to even (0.00)
    [InlineData("2", "1.25", "0.03")] // 0.025: half away from zero, not to even (0.02)
    [InlineData("0", "1000.00", "0")]
    public void DiscountOn_Total_IsPercentRoundedToCentsHalfAwayFromZero(string percent, string total, string expected)
    {
        var terms = new PaymentTerms(30, decimal.Parse(percent, CultureInfo.InvariantCulture), 10);

        terms.DiscountOn(decimal.Parse(total, CultureInfo.InvariantCulture))
            .Should().Be(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("NET30", "NET30")]
    [InlineData("net 30", "NET30")]
    [InlineData("2/10 NET30", "2/10 NET30")]
    [InlineData("2/10  net30", "2/10 NET30")]
    [InlineData("1.5/15 NET45", "1.5/15 NET45")]
    [InlineData("2.50/10 NET30", "2.5/10 NET30")]
    [InlineData("NET0", "NET0")]
    public void ToString_ParsedTerms_IsCanonicalAndParsesBackToTheSameTerms(string text, string canonical)
    {
        var terms = PaymentTerms.Parse(text);

        terms.ToString().Should().Be(canonical);
        PaymentTerms.Parse(terms.ToString()).Should().Be(terms);
    }

    [Fact]
    public void ToString_ConstructedTerms_WritesTheNumbers()
    {
        new PaymentTerms(60, 3m, 20).ToString().Should().Be("3/20 NET60");
        new PaymentTerms(14, 0m, 0).ToString().Should().Be("NET14");
    }

    [Theory]
    [InlineData("NET٣٠")]
    [InlineData("٢/١٠ NET30")]
    [InlineData("2/10 NET30 AND SOME MORE TEXT")]
    public void Parse_NonAsciiDigitsOrOverLong_IsAValidationErrorNotACrash(string text)
    {
        var act = () => PaymentTerms.Parse(text);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Parse_ZeroPercentDiscount_MeansNoDiscountAndRoundTrips()
    {
        var terms = PaymentTerms.Parse("0/10 NET30");

        terms.Should().Be(new PaymentTerms(30, 0m, 0));
        PaymentTerms.Parse(terms.ToString()).Should().Be(terms);
    }
}
