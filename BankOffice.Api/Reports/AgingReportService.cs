using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Reports;
using Npgsql;

namespace BankOffice.Api.Reports;

/// <summary>
/// Seed 003's aging report on any date up to today, rebuilt from the documents by
/// <see cref="AgingQuery"/> (the same figures the period close snapshots and provisions from).
/// It does not read the close's <c>period_aging</c> snapshot even for the end of a CLOSED period:
/// the snapshot has no invoice counts and only a total of the disputed part, not its buckets, so it
/// cannot answer includeDisputed=false or the counts; and a rebuild gives the same figures, because
/// everything it counts is dated by when it happened and nothing can be posted into a closed period.
/// </summary>
public sealed class AgingReportService(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The customers (with their current risk category) that have invoices in the currency.</summary>
    private const string CustomersSql = """
        SELECT a.customer_id, c.name, a.risk_category
        FROM credit_accounts a JOIN customers c ON c.id = a.customer_id
        WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = a.customer_id AND i.currency = $1)
        """;

    public async Task<AgingReportDto> BuildAsync(CurrentUser user, DateOnly? asOfDate, string? groupBy, bool? includeDisputed, string? currency, CancellationToken cancellationToken)
    {
        ReportSql.RequireStaff(user);
        var by = ReportOptions.Parse(groupBy, "groupBy", AgingGroupBy.Customer);
        var inCurrency = ReportOptions.Parse(currency, "currency", ReportOptions.DefaultCurrency);
        var today = time.Today();
        var asOf = asOfDate ?? today;
        if (asOf > today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"asOfDate ({asOf:yyyy-MM-dd}) is in the future; the aging shows what stood on a day up to today ({today:yyyy-MM-dd}).");
        }

        var withDisputed = includeDisputed ?? true;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ReportSql.SnapshotAsync(connection, cancellationToken);
        var invoices = (await AgingQuery.InvoicesAsync(connection, transaction, asOf, cancellationToken)).Where(i => i.Currency == inCurrency).ToList();
        var customers = (await ReportSql.ReadAsync(connection, transaction, CustomersSql,
                r => (Id: r.GetString(0), Name: r.GetString(1), Risk: Enum.Parse<RiskCategory>(r.GetString(2))), cancellationToken, inCurrency.ToString()))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        await transaction.CommitAsync(cancellationToken);

        // The part of an invoice the buckets show: all of it, or without what was under open dispute.
        decimal Shown(InvoiceOutstanding i) => withDisputed ? i.Outstanding : i.Outstanding - i.Disputed;

        var totals = invoices.Aggregate(AgingBuckets.Empty, (b, i) => b.Add(i.DueDate, asOf, Shown(i)));
        var counts = invoices.Where(i => Shown(i) > 0).GroupBy(i => BucketOf(i.DueDate, asOf)).ToDictionary(g => g.Key, g => g.Count());
        var disputed = invoices.Sum(i => i.Disputed);
        var total = totals.Total;
        var aging = Amounts(totals).Select(b => new AgingBucketDto(b.Bucket, M(b.Amount), ReportCalendar.Percent(b.Amount, total), counts.GetValueOrDefault(b.Bucket))).ToList();

        var perCustomer = AgingQuery.ByCustomer(invoices, asOf, withDisputed);
        var details = by == AgingGroupBy.Customer
            ? perCustomer.Select(a => Detail(a.CustomerId, customers.TryGetValue(a.CustomerId, out var c) ? c.Name : a.CustomerId, a.Buckets, a.Disputed))
                .OrderByDescending(d => d.Total).ThenBy(d => d.Key, StringComparer.Ordinal).ToList()
            : perCustomer.GroupBy(a => customers.TryGetValue(a.CustomerId, out var c) ? c.Risk.ToString() : "-")
                .Select(g => Detail(g.Key, $"Risk {g.Key}", g.Aggregate(AgingBuckets.Empty, Sum), g.Sum(a => a.Disputed)))
                .OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

        return new AgingReportDto(asOf, inCurrency, by, withDisputed, new AgingSummaryDto(M(total), M(totals.Current), M(total - totals.Current), M(disputed)), aging, details);
    }

    /// <summary>The bucket <see cref="AgingBuckets.Add"/> puts an invoice in, so the counts follow the amounts' rule exactly.</summary>
    private static AgingBucket BucketOf(DateOnly dueDate, DateOnly asOf) =>
        Amounts(AgingBuckets.Empty.Add(dueDate, asOf, 1m)).Single(b => b.Amount != 0m).Bucket;

    private static (AgingBucket Bucket, decimal Amount)[] Amounts(AgingBuckets b) =>
    [
        (AgingBucket.CURRENT, b.Current), (AgingBucket.DAYS_1_30, b.Days1_30), (AgingBucket.DAYS_31_60, b.Days31_60),
        (AgingBucket.DAYS_61_90, b.Days61_90), (AgingBucket.OVER_90_DAYS, b.Over90),
    ];

    private static AgingBuckets Sum(AgingBuckets left, CustomerAging right) => new(
        left.Current + right.Buckets.Current, left.Days1_30 + right.Buckets.Days1_30, left.Days31_60 + right.Buckets.Days31_60,
        left.Days61_90 + right.Buckets.Days61_90, left.Over90 + right.Buckets.Over90);

    private static AgingDetailDto Detail(string key, string name, AgingBuckets b, decimal disputed) =>
        new(key, name, M(b.Current), M(b.Days1_30), M(b.Days31_60), M(b.Days61_90), M(b.Over90), M(b.Total), M(disputed));

    private static decimal M(decimal value) => Money.AtScale(value);
}
