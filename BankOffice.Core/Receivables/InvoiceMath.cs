using BankOffice.Core.Common;

namespace BankOffice.Core.Receivables;

/// <summary>One invoice or credit-note line: quantity × unit price, taxed at its rate (0.18 = 18%).</summary>
public sealed record ItemLine(string ProductCode, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate)
{
    public const int ProductCodeMaxLength = 50;
    public const int DescriptionMaxLength = 200;

    /// <summary>Line amount rounded to cents (half away from zero), tax per line rounded the same way.</summary>
    public decimal Subtotal => decimal.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);

    public decimal Tax => decimal.Round(Subtotal * TaxRate, 2, MidpointRounding.AwayFromZero);

    public void Check()
    {
        if (string.IsNullOrWhiteSpace(ProductCode) || ProductCode.Length > ProductCodeMaxLength || string.IsNullOrWhiteSpace(Description) || Description.Length > DescriptionMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Every item needs a product code (≤ 50) and a description (≤ 200).");
        }

        if (Quantity <= 0 || UnitPrice < 0 || TaxRate is < 0 or > 1 || decimal.Round(UnitPrice, Money.Scale) != UnitPrice || decimal.Round(Quantity, 4) != Quantity)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Quantity > 0, unit price ≥ 0 with at most 4 decimals, tax rate between 0 and 1.");
        }
    }
}

public sealed record InvoiceTotals(decimal Subtotal, decimal Tax, decimal Total)
{
    public static InvoiceTotals Of(IReadOnlyCollection<ItemLine> items)
    {
        if (items.Count == 0)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "At least one item is required.");
        }

        foreach (var item in items)
        {
            item.Check();
        }

        var subtotal = items.Sum(i => i.Subtotal);
        var tax = items.Sum(i => i.Tax);
        if (subtotal + tax <= 0)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The total must be greater than zero.");
        }

        return new InvoiceTotals(subtotal, tax, subtotal + tax);
    }
}

/// <summary>Seed 003's aging buckets, by days past due on an as-of date.</summary>
public sealed record AgingBuckets(decimal Current, decimal Days1_30, decimal Days31_60, decimal Days61_90, decimal Over90)
{
    public static readonly AgingBuckets Empty = new(0, 0, 0, 0, 0);

    public decimal Total => Current + Days1_30 + Days31_60 + Days61_90 + Over90;

    public AgingBuckets Add(DateOnly dueDate, DateOnly asOf, decimal balance)
    {
        var late = asOf.DayNumber - dueDate.DayNumber;
        return late switch
        {
            <= 0 => this with { Current = Current + balance },
            <= 30 => this with { Days1_30 = Days1_30 + balance },
            <= 60 => this with { Days31_60 = Days31_60 + balance },
            <= 90 => this with { Days61_90 = Days61_90 + balance },
            _ => this with { Over90 = Over90 + balance },
        };
    }
}
