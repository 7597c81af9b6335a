using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Receivables;

public class InvoiceDisputeTests
{
    private static readonly Guid InvoiceId = Guid.Parse("c0ffee00-1234-4abc-8def-0123456789ab");
    private static readonly DateTimeOffset RaisedAt = new(2025, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ResolvedAt = new(2025, 3, 27, 16, 0, 0, TimeSpan.Zero);

    /// <summary>10 × 100.00 + 18% tax = 1,180.00, of which 180.00 is paid: 1,000.00 still owed.</summary>
    private static Invoice PartPaidInvoice()
    {
        var invoice = Invoice.Create(InvoiceId, "INV-2025-000001", "C000001", Currency.TRY, new DateOnly(2025, 3, 1), new PaymentTerms(30, 0m, 0),
            [new ItemLine("P-001", "Widget", 10m, 100.00m, 0.18m)], "clerk.zeynep", null, Guid.Empty, RaisedAt.AddDays(-19));
        invoice.Settle(180.00m);
        return invoice;
    }

    private static InvoiceDispute Raise(decimal amount, decimal alreadyDisputed = 400.00m) =>
        InvoiceDispute.Raise(Guid.Empty, PartPaidInvoice(), alreadyDisputed, amount, "  Three units arrived damaged ", "clerk.zeynep", RaisedAt);

    [Fact]
    public void Raise_ExactlyWhatIsLeftToDispute_IsOpenOnTheInvoice()
    {
        // 1,000.00 owed − 400.00 already in open disputes = 600.00.
        var dispute = Raise(600.00m);

        dispute.Status.Should().Be(DisputeStatus.OPEN);
        dispute.InvoiceId.Should().Be(InvoiceId);
        dispute.CustomerId.Should().Be("C000001");
        dispute.Amount.Should().Be(600.00m);
        dispute.Reason.Should().Be("Three units arrived damaged");
        dispute.RaisedAt.Should().Be(RaisedAt);
        dispute.ResolvedAt.Should().BeNull();
    }

    [Fact]
    public void Raise_OneCentMoreThanLeft_IsRefusedWithTheFigures()
    {
        var act = () => Raise(600.01m);

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Code.Should().Be("DISPUTE_EXCEEDS_BALANCE");
        refusal.Details.Should().Equal(new Dictionary<string, object?>
        {
            ["invoiceBalance"] = 1000.00m, ["alreadyDisputed"] = 400.00m, ["requestedAmount"] = 600.01m,
        });
    }

    [Fact]
    public void Raise_MoreThanBalanceWithNothingDisputed_IsRefused()
    {
        // The paid 180.00 cannot be disputed: the limit is the balance, not the total of 1,180.00.
        var act = () => Raise(1000.01m, alreadyDisputed: 0m);

        act.Should().Throw<DomainException>().Which.Code.Should().Be("DISPUTE_EXCEEDS_BALANCE");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.005")]
    public void Raise_AmountNotPositiveOrWithThreeDecimals_IsRefused(string amount)
    {
        var act = () => Raise(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Resolve_Open_RecordsWhoHowAndWhen()
    {
        var dispute = Raise(250.00m);

        dispute.Resolve("  Credit note CN-2025-000004 issued ", "manager.okan", ResolvedAt);

        dispute.Status.Should().Be(DisputeStatus.RESOLVED);
        dispute.Resolution.Should().Be("Credit note CN-2025-000004 issued");
        dispute.ResolvedBy.Should().Be("manager.okan");
        dispute.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Fact]
    public void Resolve_Twice_IsConflictAndKeepsTheFirstResolution()
    {
        var dispute = Raise(250.00m);
        dispute.Resolve("Customer withdrew", "manager.okan", ResolvedAt);

        var act = () => dispute.Resolve("Credit note issued", "manager.selin", ResolvedAt.AddDays(1));

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be(ErrorCodes.Conflict);
        dispute.Resolution.Should().Be("Customer withdrew");
        dispute.ResolvedBy.Should().Be("manager.okan");
    }
}
