using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Core.Reconciliation;

public static class ReconciliationErrors
{
    public const string InvalidStatement = "INVALID_STATEMENT";
    public const string NotFound = "RECONCILIATION_NOT_FOUND";
    public const string LineNotFound = "STATEMENT_LINE_NOT_FOUND";
    public const string Completed = "RECONCILIATION_COMPLETED";
    public const string Difference = "RECONCILIATION_DIFFERENCE";
    public const string AmountMismatch = "AMOUNT_MISMATCH";
    public const string PaymentAlreadyMatched = "PAYMENT_ALREADY_MATCHED";
    public const string LineAlreadyMatched = "LINE_ALREADY_MATCHED";
    public const string PaymentNotInBook = "PAYMENT_NOT_IN_BOOK";
    public const string InvalidDisputes = "INVALID_DISPUTES";
    public const string InvoiceOfAnotherCustomer = "INVOICE_CUSTOMER_MISMATCH";
}

/// <summary>One problem of a statement: the line (the CSV file's line, the header being 1; or the position in transactions, from 1), the field and what is wrong.</summary>
public sealed record StatementProblem(int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"Line {Line}: {Message}" : Message;
}

/// <summary>A statement line that passed <see cref="StatementRules.Check"/>.</summary>
public sealed record StatementLineInput(int LineNo, DateOnly Date, string Reference, decimal Amount, string Type, string? Description);

/// <summary>What one statement line may hold; shared by the JSON body and the CSV upload so both refuse the same things.</summary>
public static class StatementRules
{
    public const int MaxLines = 5_000;
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>A line dated more than a year before its statement is almost certainly a typing error in the year.</summary>
    public const int MaxDaysBeforeStatement = 366;

    /// <summary>Types that are money in: their amount must be positive.</summary>
    public static readonly IReadOnlySet<string> MoneyIn = new HashSet<string>(StringComparer.Ordinal) { "DEPOSIT", "CREDIT", "TRANSFER_IN" };

    /// <summary>Types that are money out: their amount must be negative (a statement exported unsigned is caught here).</summary>
    public static readonly IReadOnlySet<string> MoneyOut = new HashSet<string>(StringComparer.Ordinal) { "WITHDRAWAL", "DEBIT", "FEE", "CHARGE", "TRANSFER_OUT" };

    /// <summary>The line as stored, or null with its problems added to <paramref name="problems"/>.</summary>
    public static StatementLineInput? Check(int line, DateOnly? date, string? reference, decimal? amount, string? type, string? description, DateOnly statementDate, List<StatementProblem> problems)
    {
        var before = problems.Count;
        if (date is null)
        {
            problems.Add(new(line, "date", "the date is missing."));
        }
        else if (date > statementDate)
        {
            problems.Add(new(line, "date", $"the date {Iso(date.Value)} is after the statement date {Iso(statementDate)}."));
        }
        else if (statementDate.DayNumber - date.Value.DayNumber > MaxDaysBeforeStatement)
        {
            problems.Add(new(line, "date", $"the date {Iso(date.Value)} is more than a year before the statement date {Iso(statementDate)}."));
        }

        var trimmedReference = reference?.Trim() ?? string.Empty;
        if (trimmedReference.Length > BankStatementLine.ReferenceMaxLength)
        {
            problems.Add(new(line, "reference", $"the reference is longer than {BankStatementLine.ReferenceMaxLength} characters."));
        }

        if (amount is null)
        {
            problems.Add(new(line, "amount", "the amount is missing."));
        }
        else if (amount == 0m)
        {
            problems.Add(new(line, "amount", "the amount is zero."));
        }
        else if (decimal.Round(amount.Value, Money.Scale) != amount.Value || Math.Abs(amount.Value) > Money.MaxAbsolute)
        {
            problems.Add(new(line, "amount", $"the amount {amount.Value.ToString(CultureInfo.InvariantCulture)} has more than {Money.Scale} decimals or is out of range."));
        }

        var normalizedType = type?.Trim().ToUpperInvariant() ?? string.Empty;
        if (normalizedType.Length == 0)
        {
            problems.Add(new(line, "type", "the type is missing (e.g. DEPOSIT, WITHDRAWAL, FEE)."));
        }
        else if (normalizedType.Length > BankStatementLine.TypeMaxLength)
        {
            problems.Add(new(line, "type", $"the type is longer than {BankStatementLine.TypeMaxLength} characters."));
        }
        else if (amount is < 0m && MoneyIn.Contains(normalizedType))
        {
            problems.Add(new(line, "amount", $"a {normalizedType} is money in, so its amount is positive (found {amount.Value.ToString(CultureInfo.InvariantCulture)})."));
        }
        else if (amount is > 0m && MoneyOut.Contains(normalizedType))
        {
            problems.Add(new(line, "amount", $"a {normalizedType} is money out, so its amount is negative (found {amount.Value.ToString(CultureInfo.InvariantCulture)})."));
        }

        var trimmedDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmedDescription?.Length > BankStatementLine.DescriptionMaxLength)
        {
            problems.Add(new(line, "description", $"the description is longer than {BankStatementLine.DescriptionMaxLength} characters."));
        }

        return problems.Count == before ? new StatementLineInput(line, date!.Value, trimmedReference, amount!.Value, normalizedType, trimmedDescription) : null;
    }

    /// <summary>400 INVALID_STATEMENT listing every problem (details.problems: line, field, message), when there are any.</summary>
    public static void ThrowIfAny(IReadOnlyList<StatementProblem> problems)
    {
        if (problems.Count > 0)
        {
            var shown = problems.Take(5).Select(p => p.ToString());
            var more = problems.Count > 5 ? $" (and {problems.Count - 5} more)" : string.Empty;
            throw DomainException.Rule(ReconciliationErrors.InvalidStatement, $"The statement has {problems.Count} problem(s): {string.Join(" ", shown)}{more}",
                new Dictionary<string, object?> { ["problems"] = problems });
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The summary figures of a bank reconciliation.</summary>
public sealed record ReconciliationFigures(int MatchedCount, decimal MatchedAmount, decimal UnmatchedStatementAmount, decimal UnmatchedBookAmount, decimal UnexplainedDifference);

public static class ReconciliationMath
{
    /// <summary>
    /// The statement balance is what the bank holds for us; the book balance is what our BANK ledger
    /// account says. They differ by what only one side knows about:
    /// <list type="bullet">
    /// <item>lines on the statement that explain no payment in our book (bank fees, receipts we never
    /// recorded) are in the statement balance and not in ours, so the statement is our book
    /// <em>plus</em> them (a fee of -25 makes it 25 lower, a receipt of +100 makes it 100 higher);</item>
    /// <item>payments in our book that the bank has not shown yet (deposits in transit) are in our book
    /// and not in the statement, so the statement is our book <em>minus</em> them.</item>
    /// </list>
    /// Hence statement = book + unmatched statement lines − unmatched book items, and whatever is left,
    /// statement − (book + unmatched statement lines − unmatched book items), is unexplained: zero on a
    /// reconciled statement. A matched line is on both sides and changes nothing.
    /// </summary>
    public static ReconciliationFigures Summarize(decimal statementBalance, decimal bookBalance, IEnumerable<(decimal Amount, bool Matched)> lines, IEnumerable<decimal> unmatchedBookItems)
    {
        var all = lines.ToList();
        var matched = all.Where(l => l.Matched).ToList();
        var unmatchedStatement = all.Where(l => !l.Matched).Sum(l => l.Amount);
        var unmatchedBook = unmatchedBookItems.Sum();
        var unexplained = statementBalance - (bookBalance + unmatchedStatement - unmatchedBook);
        return new ReconciliationFigures(matched.Count, matched.Sum(l => l.Amount), unmatchedStatement, unmatchedBook, unexplained);
    }

    /// <summary>A person may match a line only to a payment of exactly its amount: 400 AMOUNT_MISMATCH with both amounts and the difference.</summary>
    public static void CheckSameAmount(int lineNo, decimal lineAmount, string paymentNumber, decimal paymentAmount)
    {
        if (lineAmount != paymentAmount)
        {
            throw DomainException.Rule(ReconciliationErrors.AmountMismatch,
                $"Line {lineNo} is {lineAmount.ToString("0.00##", CultureInfo.InvariantCulture)} but payment {paymentNumber} is {paymentAmount.ToString("0.00##", CultureInfo.InvariantCulture)}: only equal amounts match.",
                new Dictionary<string, object?>
                {
                    ["lineNo"] = lineNo,
                    ["lineAmount"] = Money.AtScale(lineAmount),
                    ["paymentNumber"] = paymentNumber,
                    ["paymentAmount"] = Money.AtScale(paymentAmount),
                    ["difference"] = Money.AtScale(lineAmount - paymentAmount),
                });
        }
    }
}
