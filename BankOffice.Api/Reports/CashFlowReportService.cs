using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;
using Npgsql;

namespace BankOffice.Api.Reports;

/// <summary>
/// The inflows expected from what is open today, by the day they are expected, so that no amount
/// is counted twice:
/// <list type="bullet">
/// <item>A customer on an ACTIVE payment plan is forecast by the plan alone: each installment less
/// what has been paid towards the plan (payments recorded after it was agreed, applied in due order,
/// as the plan's own progress counts them), on its due date. Their invoices are left out (what they
/// owe beyond the plan is not forecast) and so is any promise they made.</item>
/// <item>Any other customer is forecast by their open invoices, on their due dates. An OPEN promise
/// dated today or later counts on its date for its amount less what has been paid towards it (as the
/// sweep counts it), at most what they still owe; the same amount is taken off their invoices oldest
/// due date first (then invoice date, then number): the order in which the payment that keeps the
/// promise will be allocated. Unallocated credit they already paid is taken off the same way first.</item>
/// <item>What was due before today and is still unpaid (invoices and installments) is the overdue
/// figure, in no bucket. A promise past its date is broken (the sweep records it), so it counts as nothing.</item>
/// </list>
/// Disputed invoices are forecast like any other (they stay owed). Everything is summed per kind and
/// day in PostgreSQL; only those sums cross the wire.
/// </summary>
public sealed class CashFlowReportService(NpgsqlDataSource dataSource, TimeProvider time)
{
    // $1 currency, $2 today, $3 fromDate, $4 toDate.
    private const string FlowsSql = """
        WITH plans AS (
            SELECT p.id, p.customer_id, p.created_at FROM payment_plans p WHERE p.status = 'ACTIVE' AND p.currency = $1
        ), open_invoices AS MATERIALIZED (
            SELECT i.customer_id, i.due_date, i.total - i.paid AS open,
                   sum(i.total - i.paid) OVER (PARTITION BY i.customer_id ORDER BY i.due_date, i.invoice_date, i.number ROWS UNBOUNDED PRECEDING) AS running
            FROM invoices i
            WHERE i.currency = $1 AND i.status IN ('OPEN', 'PARTIAL') AND i.total > i.paid
              AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = i.customer_id)
        ), owed AS (
            SELECT customer_id, sum(open) AS open FROM open_invoices GROUP BY customer_id
        ), promises AS (
            SELECT t.customer_id, t.promise_date,
                   least(greatest(t.amount - coalesce(pay.paid, 0), 0), greatest(o.open - a.unallocated_credit, 0)) AS expected
            FROM promises_to_pay t
            JOIN owed o ON o.customer_id = t.customer_id
            JOIN credit_accounts a ON a.customer_id = t.customer_id
            LEFT JOIN LATERAL (
                SELECT sum(x.amount) AS paid FROM payments x
                WHERE x.customer_id = t.customer_id AND x.status = 'POSTED' AND x.created_at >= t.created_at AND x.payment_date <= t.promise_date
            ) pay ON true
            WHERE t.status = 'OPEN' AND t.currency = $1 AND t.promise_date >= $2
        ), installments AS (
            SELECT s.due_date, s.amount - least(s.amount, greatest(f.paid - (s.running - s.amount), 0)) AS expected
            FROM (
                SELECT pi.plan_id, pi.due_date, pi.amount, sum(pi.amount) OVER (PARTITION BY pi.plan_id ORDER BY pi.sequence) AS running
                FROM payment_plan_installments pi JOIN plans p ON p.id = pi.plan_id
            ) s
            JOIN (
                SELECT p.id, coalesce((SELECT sum(x.amount) FROM payments x
                                       WHERE x.customer_id = p.customer_id AND x.status = 'POSTED' AND x.created_at >= p.created_at), 0) AS paid
                FROM plans p
            ) f ON f.id = s.plan_id
        ), flows AS (
            SELECT 'I' AS kind, o.due_date AS day,
                   o.open - least(o.open, greatest(a.unallocated_credit + coalesce(p.expected, 0) - (o.running - o.open), 0)) AS expected
            FROM open_invoices o
            JOIN credit_accounts a ON a.customer_id = o.customer_id
            LEFT JOIN promises p ON p.customer_id = o.customer_id
            UNION ALL
            SELECT 'P', due_date, expected FROM installments
            UNION ALL
            SELECT 'T', promise_date, expected FROM promises
        )
        SELECT kind, CASE WHEN day < $2 THEN NULL ELSE day END AS day, sum(expected)
        FROM flows
        WHERE expected > 0 AND (day < $2 OR day BETWEEN $3 AND $4)
        GROUP BY 1, 2
        """;

    public async Task<CashFlowReportDto> BuildAsync(CurrentUser user, DateOnly? fromDate, DateOnly? toDate, string? interval, string? currency, CancellationToken cancellationToken)
    {
        ReportSql.RequireStaff(user);
        var step = ReportOptions.Parse(interval, "interval", CashFlowInterval.Weekly);
        var inCurrency = ReportOptions.Parse(currency, "currency", ReportOptions.DefaultCurrency);
        var today = time.Today();
        var from = fromDate ?? today;
        var to = toDate ?? from.AddDays(ReportCalendar.DefaultCashFlowDays - 1);
        ReportCalendar.CheckCashFlowRange(from, to);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var flows = await ReportSql.ReadAsync(connection, null, FlowsSql,
            r => (Kind: r.GetString(0), Day: r.IsDBNull(1) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(1), Amount: r.GetDecimal(2)),
            cancellationToken, inCurrency.ToString(), today, from, to);

        var cumulative = 0m;
        var buckets = new List<CashFlowBucketDto>();
        foreach (var (start, end) in ReportCalendar.Buckets(from, to, step))
        {
            decimal Sum(string kind) => flows.Where(f => f.Kind == kind && f.Day >= start && f.Day <= end).Sum(f => f.Amount);
            var (invoices, installments, promises) = (Sum("I"), Sum("P"), Sum("T"));
            var total = invoices + installments + promises;
            cumulative += total;
            buckets.Add(new CashFlowBucketDto(start, end, M(invoices), M(installments), M(promises), M(total), M(cumulative)));
        }

        var overdue = flows.Where(f => f.Day is null).Sum(f => f.Amount);
        return new CashFlowReportDto(from, to, step, inCurrency, today, M(overdue), buckets);
    }

    private static decimal M(decimal value) => Money.AtScale(value);
}
