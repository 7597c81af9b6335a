using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Collections;

/// <summary>What to read from the queue: seed 003's filters, a sort and a page.</summary>
public sealed record QueueFilter(
    string? Collector = null, bool Unassigned = false, string? AgeGroup = null, Priority? Priority = null, CaseStatus? Status = null, string? Search = null,
    string SortBy = "priority", bool Descending = true, int Page = 1, int Size = PageRequest.DefaultSize);

/// <summary>
/// The collections queue: the overdue positions (<see cref="CustomerPositions.OverdueAsync"/>) joined
/// with cases and promises, scored (<see cref="CollectionPriority"/>), filtered, sorted and paged in
/// memory. Scoring in SQL was measured too: no faster, and its row estimates let the planner pick a
/// nested-loop plan that took 20 s (ADR 0006).
/// </summary>
public static class CollectionQueue
{
    public static async Task<PagedResult<QueueItemDto>> ReadAsync(BankOfficeDbContext db, QueueFilter filter, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ordered = Sort(await ItemsAsync(db, today, now, cancellationToken), filter.SortBy, filter.Descending);
        var rows = Filter(ordered.ThenBy(r => r.CustomerId, StringComparer.Ordinal), filter).ToList();
        return new PagedResult<QueueItemDto>(rows.Skip((filter.Page - 1) * filter.Size).Take(filter.Size).ToList(), Pagination.Of(filter.Page, filter.Size, rows.Count));
    }

    private static async Task<List<QueueItemDto>> ItemsAsync(BankOfficeDbContext db, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var positions = await CustomerPositions.OverdueAsync(db, today, cancellationToken);
        // Everyone's at once, never a list of ids: EF Core 10 sends a list as one parameter per element.
        var cases = await db.CollectionCases.AsNoTracking().ToDictionaryAsync(c => c.CustomerId, cancellationToken);
        var promises = await db.PromisesToPay.AsNoTracking().Where(p => p.Status == PromiseStatus.OPEN).ToDictionaryAsync(p => p.CustomerId, cancellationToken);
        var broken = await BrokenPromises(db, now).GroupBy(p => p.CustomerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return positions.Select(p => Item(p, cases.GetValueOrDefault(p.CustomerId), promises.GetValueOrDefault(p.CustomerId), broken.GetValueOrDefault(p.CustomerId), today)).ToList();
    }

    /// <summary>Promises broken within the look-back that counts towards the priority.</summary>
    public static IQueryable<PromiseToPay> BrokenPromises(BankOfficeDbContext db, DateTimeOffset now)
    {
        var since = now.AddDays(-CollectionPriority.BrokenPromiseLookbackDays);
        return db.PromisesToPay.AsNoTracking().Where(p => p.Status == PromiseStatus.BROKEN && p.ResolvedAt >= since);
    }

    /// <summary>One overdue customer's queue row.</summary>
    public static QueueItemDto Item(CustomerPosition p, CollectionCase? @case, PromiseToPay? promise, int brokenPromises, DateOnly today)
    {
        var days = p.DaysOverdue(today);
        var score = CollectionPriority.Score(p.OverdueAmount, days, p.Risk, brokenPromises, @case?.PlanBreachedAt is not null);
        return new QueueItemDto(p.CustomerId, p.Name, p.Currency, Money.AtScale(p.OverdueAmount), Money.AtScale(p.DisputedAmount), Money.AtScale(p.TotalBalance),
            p.OverdueInvoices, p.OldestDue!.Value, days, AgeGroups.Of(days), score.Level, score.Total, score, @case?.Status ?? CaseStatus.PENDING, @case?.AssignedTo, p.Risk,
            brokenPromises, promise is null ? null : CollectionsService.ToDto(promise), @case?.NextAction, @case?.NextActionDate, @case?.LastActivityAt, @case?.EscalationLevel);
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
}
