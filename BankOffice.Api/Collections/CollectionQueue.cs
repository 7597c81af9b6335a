using System.Globalization;
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
/// The collections queue in one statement: overdue positions aggregated per customer, joined with
/// their case and broken promises, scored, filtered, sorted and paged in PostgreSQL, so only the
/// page crosses the wire. The score's SQL is generated from <see cref="CollectionPriority"/>'s own
/// tables and the age groups from <see cref="AgeGroups.Ranges"/>, so the two cannot drift apart.
/// </summary>
public static class CollectionQueue
{
    private static readonly string ScoreSql = string.Join(" + ",
        Case(CollectionPriority.AmountBands.Select(b => ($"overdue >= {b.From.ToString(CultureInfo.InvariantCulture)}", b.Points)), 0),
        Case(CollectionPriority.AgeBands.Select(b => ($"days > {b.Above}", b.Points)), CollectionPriority.MinAgePoints),
        Case(CollectionPriority.RiskPoints.Select(r => ($"risk_category = '{r.Key}'", r.Value)), 0),
        $"LEAST(broken, {CollectionPriority.MaxBrokenPromisesCounted}) * {CollectionPriority.PointsPerBrokenPromise}",
        $"CASE WHEN plan_breached THEN {CollectionPriority.PlanBreachPoints} ELSE 0 END");

    /// <summary>
    /// Open invoices aggregated per customer on @today: balance, the part in open disputes, and the
    /// undisputed part past due with its count and oldest due date. {customer_filter} becomes
    /// <see cref="OneCustomer"/> for one customer: a condition in the text rather than
    /// "@customer IS NULL OR …", which a prepared statement's generic plan would answer by reading every invoice.
    /// </summary>
    private const string PerCustomerCte = """
        WITH disputed AS (
            SELECT invoice_id, sum(amount) AS amount FROM invoice_disputes WHERE status = 'OPEN' GROUP BY invoice_id
        ), per_customer AS (
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

    internal static string PerCustomer(string? customerId) => PerCustomerCte.Replace("{customer_filter}", customerId is null ? string.Empty : OneCustomer, StringComparison.Ordinal);

    private const string Positions = """
        , queue AS (
            SELECT a.customer_id, c.name, a.currency, a.risk_category,
                   p.open_balance - a.unallocated_credit AS total_balance, p.late - a.unallocated_credit AS overdue, p.disputed,
                   p.late_count::int AS late_count, p.oldest_due, (@today - p.oldest_due) AS days,
                   COALESCE(b.broken, 0)::int AS broken, cs.plan_breached_at IS NOT NULL AS plan_breached,
                   COALESCE(cs.status, 'PENDING') AS status, cs.assigned_to, cs.next_action, cs.next_action_date, cs.last_activity_at, cs.escalation_level
            FROM credit_accounts a
            JOIN customers c ON c.id = a.customer_id
            JOIN per_customer p ON p.customer_id = a.customer_id
            LEFT JOIN collection_cases cs ON cs.customer_id = a.customer_id
            LEFT JOIN (SELECT customer_id, count(*) AS broken FROM promises_to_pay WHERE status = 'BROKEN' AND resolved_at >= @since GROUP BY customer_id) b
                   ON b.customer_id = a.customer_id
            LEFT JOIN payment_plans pp ON pp.customer_id = a.customer_id AND pp.status = 'ACTIVE'
            WHERE p.late > a.unallocated_credit AND pp.id IS NULL
        ), scored AS (
            SELECT q.*, {score} AS score FROM queue q
        )
        SELECT {columns} FROM scored
        WHERE (@collector IS NULL OR lower(assigned_to) = lower(@collector))
          AND (NOT @unassigned OR assigned_to IS NULL)
          AND days BETWEEN @min_days AND @max_days
          AND score >= @min_score AND score < @max_score
          AND (@status IS NULL OR status = @status)
          AND (@search IS NULL OR name ILIKE @search OR customer_id ILIKE @search)
        """;

    private const string Columns = """
        customer_id AS "CustomerId", name AS "Name", currency AS "Currency", risk_category AS "Risk", total_balance AS "TotalBalance", overdue AS "OverdueAmount",
        disputed AS "DisputedAmount", late_count AS "OverdueInvoices", oldest_due AS "OldestDue", days AS "DaysOverdue", broken AS "BrokenPromises",
        plan_breached AS "PlanBreached", status AS "Status", assigned_to AS "AssignedTo", next_action AS "NextAction", next_action_date AS "NextActionDate",
        last_activity_at AS "LastActivityAt", escalation_level AS "EscalationLevel"
        """;

    public static async Task<PagedResult<QueueItemDto>> ReadAsync(BankOfficeDbContext db, QueueFilter filter, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var order = filter.SortBy switch
        {
            "priority" => filter.Descending ? "score DESC, overdue DESC" : "score, overdue",
            "amount" => filter.Descending ? "overdue DESC" : "overdue",
            "age" => filter.Descending ? "days DESC" : "days",
            "name" => filter.Descending ? "name DESC" : "name",
            _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortBy is one of: priority, amount, age, name."),
        };
        // Only constants of this class and the closed sort list above go into the text; every value is a parameter.
        var sql = PerCustomer(filter.CustomerId) + Positions.Replace("{score}", ScoreSql, StringComparison.Ordinal);
        var pageSql = sql.Replace("{columns}", Columns, StringComparison.Ordinal) + $"\nORDER BY {order}, customer_id LIMIT @size OFFSET @offset";
        var rows = await db.Database.SqlQueryRaw<QueueRow>(pageSql, Parameters(filter, today, now)).ToListAsync(cancellationToken);
        var countSql = sql.Replace("{columns}", "count(*) AS \"Value\"", StringComparison.Ordinal);
        var total = rows.Count < filter.Size && (rows.Count > 0 || filter.Page == 1)
            ? (filter.Page - 1L) * filter.Size + rows.Count
            : await db.Database.SqlQueryRaw<long>(countSql, Parameters(filter, today, now)).SingleAsync(cancellationToken);

        var ids = rows.Select(r => r.CustomerId).ToList();
        var promises = await db.PromisesToPay.AsNoTracking().Where(p => ids.Contains(p.CustomerId) && p.Status == PromiseStatus.OPEN).ToDictionaryAsync(p => p.CustomerId, cancellationToken);
        return new PagedResult<QueueItemDto>(rows.Select(r =>
        {
            var risk = Enum.Parse<RiskCategory>(r.Risk);
            var score = CollectionPriority.Score(r.OverdueAmount, r.DaysOverdue, risk, r.BrokenPromises, r.PlanBreached);
            var promise = promises.GetValueOrDefault(r.CustomerId);
            return new QueueItemDto(r.CustomerId, r.Name, Enum.Parse<Currency>(r.Currency), Money.AtScale(r.OverdueAmount), Money.AtScale(r.DisputedAmount),
                Money.AtScale(r.TotalBalance), r.OverdueInvoices, r.OldestDue, r.DaysOverdue, AgeGroups.Of(r.DaysOverdue), score.Level, score.Total, score,
                Enum.Parse<CaseStatus>(r.Status), r.AssignedTo, risk, r.BrokenPromises, promise is null ? null : CollectionsService.ToDto(promise),
                r.NextAction is null ? null : Enum.Parse<NextAction>(r.NextAction), r.NextActionDate, r.LastActivityAt,
                r.EscalationLevel is null ? null : Enum.Parse<EscalationLevel>(r.EscalationLevel));
        }).ToList(), Pagination.Of(filter.Page, filter.Size, total));
    }

    private static object[] Parameters(QueueFilter filter, DateOnly today, DateTimeOffset now)
    {
        var (minDays, maxDays) = filter.AgeGroup is null ? (1, int.MaxValue) : AgeGroups.Range(filter.AgeGroup);
        var (minScore, maxScore) = filter.Priority is { } level ? CollectionPriority.Range(level) : (int.MinValue, int.MaxValue);
        return
        [
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today },
            new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = now.AddDays(-CollectionPriority.BrokenPromiseLookbackDays) },
            Text("customer", filter.CustomerId),
            Text("collector", filter.Collector),
            new NpgsqlParameter("unassigned", NpgsqlDbType.Boolean) { Value = filter.Unassigned },
            new NpgsqlParameter("min_days", NpgsqlDbType.Integer) { Value = minDays },
            new NpgsqlParameter("max_days", NpgsqlDbType.Integer) { Value = maxDays },
            new NpgsqlParameter("min_score", NpgsqlDbType.Integer) { Value = minScore },
            new NpgsqlParameter("max_score", NpgsqlDbType.Integer) { Value = maxScore },
            Text("status", filter.Status?.ToString()),
            Text("search", string.IsNullOrWhiteSpace(filter.Search) ? null : Infrastructure.Paging.LikePattern(filter.Search)),
            new NpgsqlParameter("size", NpgsqlDbType.Integer) { Value = filter.Size },
            new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = (filter.Page - 1) * filter.Size },
        ];
    }

    internal static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static string Case(IEnumerable<(string Condition, int Points)> arms, int otherwise) =>
        $"(CASE {string.Join(" ", arms.Select(a => $"WHEN {a.Condition} THEN {a.Points}"))} ELSE {otherwise} END)";

    private sealed record QueueRow(
        string CustomerId, string Name, string Currency, string Risk, decimal TotalBalance, decimal OverdueAmount, decimal DisputedAmount, int OverdueInvoices,
        DateOnly OldestDue, int DaysOverdue, int BrokenPromises, bool PlanBreached, string Status, string? AssignedTo, string? NextAction, DateOnly? NextActionDate,
        DateTimeOffset? LastActivityAt, string? EscalationLevel);
}
