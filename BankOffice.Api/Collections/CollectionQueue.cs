using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BankOffice.Api.Collections;

/// <summary>What to read from the queue: seed 003's filters, a sort, a page, or one customer.</summary>
public sealed record QueueFilter(
    string? CustomerId = null, string? Collector = null, bool Unassigned = false, string? AgeGroup = null, Priority? Priority = null,
    CaseStatus? Status = null, string? Search = null, string SortBy = "priority", bool Descending = true, int Page = 1, int Size = PageRequest.DefaultSize);

/// <summary>
/// The collections queue: overdue positions aggregated per customer in PostgreSQL (one row per
/// overdue customer not on an active plan), then joined with cases and promises, scored
/// (<see cref="CollectionPriority"/>), filtered, sorted and paged in memory. Scoring in SQL was
/// measured too: no faster, and its row estimates let the planner pick nested loops that took 20 s.
/// </summary>
public static class CollectionQueue
{
    /// <summary>
    /// Open invoices aggregated per customer on @today: balance, the part in open disputes, and the
    /// undisputed part past due with its count and oldest due date. {customer_filter} becomes
    /// <see cref="OneCustomer"/> for one customer: a condition in the text rather than
    /// "@customer IS NULL OR …", which a prepared statement's generic plan would answer by reading every invoice.
    /// </summary>
    private const string PerCustomerCte = """
        WITH disputed AS (
            SELECT invoice_id, sum(amount) AS amount FROM invoice_disputes WHERE status = 'OPEN' GROUP BY invoice_id
        ), per_customer AS MATERIALIZED (
            SELECT i.customer_id,
                   sum(i.total - i.paid) AS open_balance,
                   sum(LEAST(COALESCE(d.amount, 0), i.total - i.paid)) AS disputed,
                   sum(i.total - i.paid - COALESCE(d.amount, 0)) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS late,
                   count(*) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS late_count,
                   min(i.due_date) FILTER (WHERE i.due_date < @today AND i.total - i.paid > COALESCE(d.amount, 0)) AS oldest_due
            FROM invoices i LEFT JOIN disputed d ON d.invoice_id = i.id
            WHERE i.status IN ('OPEN', 'PARTIAL') {customer_filter}
            GROUP BY i.customer_id
        )
        """;

    private const string OneCustomer = "AND i.customer_id = @customer";

    private const string Overdue = """

        SELECT a.customer_id AS "CustomerId", c.name AS "Name", a.currency AS "Currency", a.risk_category AS "Risk",
               p.open_balance - a.unallocated_credit AS "TotalBalance", p.late - a.unallocated_credit AS "OverdueAmount",
               p.disputed AS "DisputedAmount", p.late_count::int AS "OverdueInvoices", p.oldest_due AS "OldestDue"
        FROM per_customer p
        JOIN credit_accounts a ON a.customer_id = p.customer_id
        JOIN customers c ON c.id = a.customer_id
        WHERE p.late > a.unallocated_credit
          AND NOT EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.customer_id = a.customer_id AND pp.status = 'ACTIVE')
        """;

    internal static string PerCustomer(string? customerId) => PerCustomerCte.Replace("{customer_filter}", customerId is null ? string.Empty : OneCustomer, StringComparison.Ordinal);

    internal static NpgsqlParameter[] Parameters(DateOnly today, string? customerId) =>
        [new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today }, new NpgsqlParameter("customer", NpgsqlDbType.Text) { Value = (object?)customerId ?? DBNull.Value }];

    public static async Task<PagedResult<QueueItemDto>> ReadAsync(BankOfficeDbContext db, QueueFilter filter, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ordered = Sort(await ItemsAsync(db, filter.CustomerId, today, now, cancellationToken), filter.SortBy, filter.Descending);
        var rows = Filter(ordered.ThenBy(r => r.CustomerId, StringComparer.Ordinal), filter).ToList();
        return new PagedResult<QueueItemDto>(rows.Skip((filter.Page - 1) * filter.Size).Take(filter.Size).ToList(), Pagination.Of(filter.Page, filter.Size, rows.Count));
    }

    private static async Task<List<QueueItemDto>> ItemsAsync(BankOfficeDbContext db, string? customerId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = PerCustomer(customerId) + Overdue;
        var positions = await db.Database.SqlQueryRaw<OverdueRow>(sql, Parameters(today, customerId)).ToListAsync(cancellationToken);
        // Everyone's or one customer's, never a list of ids: EF Core 10 sends a list as one parameter per element.
        var cases = await db.CollectionCases.AsNoTracking().Where(c => customerId == null || c.CustomerId == customerId).ToDictionaryAsync(c => c.CustomerId, cancellationToken);
        var promises = await db.PromisesToPay.AsNoTracking().Where(p => (customerId == null || p.CustomerId == customerId) && p.Status == PromiseStatus.OPEN)
            .ToDictionaryAsync(p => p.CustomerId, cancellationToken);
        var since = now.AddDays(-CollectionPriority.BrokenPromiseLookbackDays);
        var broken = await db.PromisesToPay.AsNoTracking().Where(p => (customerId == null || p.CustomerId == customerId) && p.Status == PromiseStatus.BROKEN && p.ResolvedAt >= since)
            .GroupBy(p => p.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return positions.Select(p =>
        {
            var @case = cases.GetValueOrDefault(p.CustomerId);
            var risk = Enum.Parse<RiskCategory>(p.Risk);
            var days = today.DayNumber - p.OldestDue.DayNumber;
            var brokenCount = broken.GetValueOrDefault(p.CustomerId);
            var score = CollectionPriority.Score(p.OverdueAmount, days, risk, brokenCount, @case?.PlanBreachedAt is not null);
            var promise = promises.GetValueOrDefault(p.CustomerId);
            return new QueueItemDto(p.CustomerId, p.Name, Enum.Parse<Currency>(p.Currency), Money.AtScale(p.OverdueAmount), Money.AtScale(p.DisputedAmount),
                Money.AtScale(p.TotalBalance), p.OverdueInvoices, p.OldestDue, days, AgeGroups.Of(days), score.Level, score.Total, score, @case?.Status ?? CaseStatus.PENDING,
                @case?.AssignedTo, risk, brokenCount, promise is null ? null : CollectionsService.ToDto(promise), @case?.NextAction, @case?.NextActionDate,
                @case?.LastActivityAt, @case?.EscalationLevel);
        }).ToList();
    }

    private static IOrderedEnumerable<QueueItemDto> Sort(List<QueueItemDto> items, string sortBy, bool descending) => sortBy switch
    {
        "priority" => descending ? items.OrderByDescending(r => r.PriorityScore).ThenByDescending(r => r.OverdueAmount) : items.OrderBy(r => r.PriorityScore).ThenBy(r => r.OverdueAmount),
        "amount" => descending ? items.OrderByDescending(r => r.OverdueAmount) : items.OrderBy(r => r.OverdueAmount),
        "age" => descending ? items.OrderByDescending(r => r.DaysOverdue) : items.OrderBy(r => r.DaysOverdue),
        "name" => descending ? items.OrderByDescending(r => r.CustomerName, StringComparer.CurrentCulture) : items.OrderBy(r => r.CustomerName, StringComparer.CurrentCulture),
        _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortBy is one of: priority, amount, age, name."),
    };

    private static IEnumerable<QueueItemDto> Filter(IEnumerable<QueueItemDto> rows, QueueFilter filter)
    {
        if (filter.Unassigned)
        {
            rows = rows.Where(r => r.AssignedTo is null);
        }
        else if (filter.Collector is { } collector)
        {
            rows = rows.Where(r => string.Equals(r.AssignedTo, collector, StringComparison.OrdinalIgnoreCase));
        }

        if (filter.AgeGroup is { } ageGroup)
        {
            rows = rows.Where(r => r.AgeGroup == ageGroup);
        }

        if (filter.Priority is { } priority)
        {
            rows = rows.Where(r => r.Priority == priority);
        }

        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            rows = rows.Where(r => r.CustomerName.Contains(search, StringComparison.OrdinalIgnoreCase) || r.CustomerId.Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        return rows;
    }

    private sealed record OverdueRow(
        string CustomerId, string Name, string Currency, string Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices, DateOnly OldestDue);
}
