using System.ComponentModel.DataAnnotations;
using System.Globalization;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Web.Features.Receivables;

/// <summary>The invoice form: customer, date and the edited lines (typed text; the tax rate in percent).</summary>
public sealed class InvoiceInputModel
{
    [Required(ErrorMessage = "Please enter the customer id.")]
    [StringLength(BankOffice.Core.Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    public DateTime? InvoiceDate { get; set; }

    public List<LineInput> Lines { get; set; } = [new()];

    /// <summary>Given by a credit.approve user after CREDIT_LIMIT_EXCEEDED.</summary>
    public string? CreditOverrideReason { get; set; }

    /// <summary>The lines that parse, as Core item lines (same rounding as the API).</summary>
    public IReadOnlyList<ItemLine> ParsedLines => Lines.Select(l => l.ToLine()).OfType<ItemLine>().ToList();

    /// <summary>Live totals of the lines typed so far (lines that do not parse yet count as nothing).</summary>
    public InvoiceTotals LiveTotals
    {
        get
        {
            var lines = ParsedLines;
            var subtotal = lines.Sum(l => l.Subtotal);
            var tax = lines.Sum(l => l.Tax);
            return new InvoiceTotals(subtotal, tax, subtotal + tax);
        }
    }

    /// <summary>The problems that stop the invoice, one sentence per line (empty when it can be sent).</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].Problem() is { } problem)
            {
                problems.Add($"Line {i + 1}: {problem}");
            }
        }

        if (Lines.Count == 0)
        {
            problems.Add("Add at least one line.");
        }
        else if (problems.Count == 0)
        {
            try
            {
                InvoiceTotals.Of(ParsedLines);
            }
            catch (DomainException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems;
    }

    public CreateInvoiceRequest ToRequest() => new()
    {
        CustomerId = CustomerId?.Trim().ToUpperInvariant(),
        InvoiceDate = InvoiceDate is null ? null : DateOnly.FromDateTime(InvoiceDate.Value),
        Items = ParsedLines.Select(l => new InvoiceItemRequest { ProductCode = l.ProductCode, Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRate = l.TaxRate }).ToList(),
        CreditOverrideReason = string.IsNullOrWhiteSpace(CreditOverrideReason) ? null : CreditOverrideReason.Trim(),
    };

    /// <summary>One edited line.</summary>
    public sealed class LineInput
    {
        public string? ProductCode { get; set; }
        public string? Description { get; set; }
        public string? Quantity { get; set; }
        public string? UnitPrice { get; set; }

        /// <summary>Percent, e.g. 18 for 18%.</summary>
        public string? TaxPercent { get; set; } = "18";

        public ItemLine? ToLine() =>
            Number(Quantity) is { } q && Number(UnitPrice) is { } p && Number(TaxPercent) is { } t
                ? new ItemLine(ProductCode?.Trim() ?? string.Empty, Description?.Trim() ?? string.Empty, q, p, t / 100m)
                : null;

        public string? Problem()
        {
            if (string.IsNullOrWhiteSpace(ProductCode) || string.IsNullOrWhiteSpace(Description))
            {
                return "product code and description are required.";
            }

            if (ProductCode.Trim().Length > ItemLine.ProductCodeMaxLength || Description.Trim().Length > ItemLine.DescriptionMaxLength)
            {
                return $"product code ≤ {ItemLine.ProductCodeMaxLength}, description ≤ {ItemLine.DescriptionMaxLength} characters.";
            }

            return Number(Quantity) is not { } q || q <= 0 || decimal.Round(q, 4) != q ? "quantity must be a number above 0 (at most 4 decimals)."
                : Number(UnitPrice) is not { } p || p < 0 || decimal.Round(p, Money.Scale) != p ? "unit price must be a number ≥ 0 (at most 4 decimals)."
                : Number(TaxPercent) is not { } t || t < 0 || t > 100 ? "tax rate must be between 0 and 100 %."
                : null;
        }

        private static decimal? Number(string? text) =>
            decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
