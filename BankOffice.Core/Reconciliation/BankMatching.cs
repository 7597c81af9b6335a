namespace BankOffice.Core.Reconciliation;

/// <summary>A statement line as the matching sees it: money in is positive.</summary>
public sealed record StatementItem(Guid LineId, DateOnly Date, string Reference, decimal Amount);

/// <summary>A recorded bank-transfer payment that a statement line may match.</summary>
public sealed record BookItem(Guid PaymentId, DateOnly PaymentDate, string Reference, decimal Amount);

public sealed record MatchPair(Guid LineId, Guid PaymentId);

/// <summary>
/// Automatic matching of statement lines to recorded payments. Only money in (amount above zero)
/// is matched: payments are receipts, so a debit on the statement never explains one.
/// <list type="number">
/// <item>Same reference (trimmed, case-insensitive), same amount, payment dated within
/// <see cref="DateWindowDays"/> days of the line either way. Lines in the order given; when several
/// payments qualify, the nearest date wins, then the first given.</item>
/// <item>Of what is left: same amount and the very same date, only when exactly one line and exactly
/// one payment share that amount and date (two of either could be paired either way, so neither is guessed).</item>
/// </list>
/// Each line and each payment is used at most once.
/// </summary>
public static class BankMatching
{
    public const int DateWindowDays = 3;

    public static IReadOnlyList<MatchPair> AutoMatch(IReadOnlyList<StatementItem> lines, IReadOnlyList<BookItem> book)
    {
        var pairs = new List<MatchPair>();
        var usedPayments = new HashSet<Guid>();
        var usedLines = new HashSet<Guid>();

        foreach (var line in lines.Where(l => l.Amount > 0 && Normalize(l.Reference).Length > 0))
        {
            var reference = Normalize(line.Reference);
            var payment = book
                .Where(p => !usedPayments.Contains(p.PaymentId) && p.Amount == line.Amount && WithinWindow(line.Date, p.PaymentDate) && Normalize(p.Reference) == reference)
                .OrderBy(p => Math.Abs(p.PaymentDate.DayNumber - line.Date.DayNumber))
                .FirstOrDefault();
            if (payment is not null)
            {
                pairs.Add(new MatchPair(line.LineId, payment.PaymentId));
                usedPayments.Add(payment.PaymentId);
                usedLines.Add(line.LineId);
            }
        }

        var openLines = lines.Where(l => l.Amount > 0 && !usedLines.Contains(l.LineId)).ToList();
        var openPayments = book.Where(p => !usedPayments.Contains(p.PaymentId)).ToList();
        foreach (var group in openLines.GroupBy(l => (l.Amount, l.Date)))
        {
            var payments = openPayments.Where(p => p.Amount == group.Key.Amount && p.PaymentDate == group.Key.Date).Take(2).ToList();
            if (group.Count() == 1 && payments.Count == 1)
            {
                pairs.Add(new MatchPair(group.Single().LineId, payments[0].PaymentId));
            }
        }

        return pairs;
    }

    /// <summary>Both dates within <see cref="DateWindowDays"/> days of each other, boundary included.</summary>
    public static bool WithinWindow(DateOnly lineDate, DateOnly paymentDate) => Math.Abs(paymentDate.DayNumber - lineDate.DayNumber) <= DateWindowDays;

    /// <summary>References compare trimmed and case-insensitively ("dep123 " is DEP123).</summary>
    public static string Normalize(string? reference) => (reference ?? string.Empty).Trim().ToUpperInvariant();
}
