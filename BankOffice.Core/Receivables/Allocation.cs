namespace BankOffice.Core.Receivables;

/// <summary>An open invoice as the allocator sees it.</summary>
public sealed record OpenInvoice(Guid Id, string Number, DateOnly InvoiceDate, DateOnly DueDate, decimal Total, decimal Balance, PaymentTerms Terms);

/// <summary>What one payment does to one invoice: <see cref="Applied"/> cash and a <see cref="Discount"/> granted.</summary>
public sealed record AllocationLine(Guid InvoiceId, string InvoiceNumber, decimal Applied, decimal Discount)
{
    /// <summary>How much the invoice's balance goes down.</summary>
    public decimal Settled => Applied + Discount;
}

public sealed record AllocationPlan(IReadOnlyList<AllocationLine> Lines, decimal Unallocated)
{
    public decimal Applied => Lines.Sum(l => l.Applied);
    public decimal Discount => Lines.Sum(l => l.Discount);
}

/// <summary>
/// Applies a payment to open invoices. The semantics (seed 003's own example does not add up, so these
/// are ours, documented in README "Receivables"):
/// <list type="number">
/// <item>Invoices are taken oldest due date first (then invoice date, then number).</item>
/// <item>A discount counts against the invoice, never against the payment: the payment's cash is
///       applied in full; the discount is granted on top and posted to "discounts allowed".</item>
/// <item>An invoice gets its early-payment discount (percent of its total, per its terms) only when
///       nothing has been paid on it yet, the payment date is inside the discount window AND the
///       remaining cash settles it in full, i.e. covers total − discount. A partial payment inside
///       the window gets no discount, and neither does the rest of an invoice already part-paid.</item>
/// <item>Cash left after every open invoice is settled stays on the account as unallocated credit.</item>
/// </list>
/// Worked example (README): A 1,000.00 on 2/10 NET30 dated 1 March, B 500.00 NET30 dated 5 March;
/// a payment of 1,480.00 on 8 March settles A with 980.00 cash + 20.00 discount, then B with 500.00,
/// leaving 0.00 unallocated. The same payment on 20 March (outside A's window) pays A 1,000.00 and B
/// 480.00 (B PARTIAL, balance 20.00).
/// </summary>
public static class Allocator
{
    public static AllocationPlan Auto(decimal amount, DateOnly paymentDate, IEnumerable<OpenInvoice> invoices)
    {
        var remaining = Ledger.PostingRules.CheckAmount(amount);
        var lines = new List<AllocationLine>();
        foreach (var invoice in invoices.Where(i => i.Balance > 0).OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceDate).ThenBy(i => i.Number, StringComparer.Ordinal))
        {
            if (remaining <= 0)
            {
                break;
            }

            var untouched = invoice.Balance == invoice.Total;
            var discount = untouched && invoice.Terms.DiscountApplies(invoice.InvoiceDate, paymentDate) ? invoice.Terms.DiscountOn(invoice.Total) : 0m;
            if (discount > 0 && discount < invoice.Balance && remaining >= invoice.Balance - discount)
            {
                var cash = invoice.Balance - discount;
                lines.Add(new AllocationLine(invoice.Id, invoice.Number, cash, discount));
                remaining -= cash;
                continue;
            }

            var applied = Math.Min(remaining, invoice.Balance);
            lines.Add(new AllocationLine(invoice.Id, invoice.Number, applied, 0m));
            remaining -= applied;
        }

        return new AllocationPlan(lines, remaining);
    }

    /// <summary>Applies up to <paramref name="amount"/> of unallocated credit to one invoice (no discount on manual moves).</summary>
    public static AllocationLine Manual(decimal amount, OpenInvoice invoice)
    {
        if (amount <= 0 || amount > invoice.Balance)
        {
            throw Common.DomainException.Invalid(Common.ErrorCodes.ValidationError, $"The amount must be between 0 and the invoice's open balance {invoice.Balance:0.00}.");
        }

        return new AllocationLine(invoice.Id, invoice.Number, amount, 0m);
    }
}
