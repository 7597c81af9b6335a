using BankOffice.Api.Customers;
using BankOffice.Api.Events;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Events;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Collections;

/// <summary>
/// The collections queue (customers with money past due, prioritised by a documented score), each
/// customer's case (assignment, status, next action), contacts and promises to pay, and escalation.
/// Writes to one customer's case run under a row lock on it.
/// </summary>
public sealed class CollectionsService(BankOfficeDbContext db, CustomerService customers, PaymentPlanService plans, TimeProvider time)
{
    public const string Me = "me";
    public const string Unassigned = "unassigned";

    /// <summary>
    /// Seed 003's queue: customers with an overdue amount, not on an active payment plan, with their
    /// age group, priority and case (<see cref="CollectionQueue"/>).
    /// </summary>
    public async Task<PagedResult<QueueItemDto>> QueueAsync(CurrentUser user, CollectionQueueQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var collector = string.IsNullOrWhiteSpace(query.Collector) ? null : query.Collector.Trim();
        var unassigned = string.Equals(collector, Unassigned, StringComparison.OrdinalIgnoreCase);
        var filter = new QueueFilter(
            Collector: unassigned ? null : string.Equals(collector, Me, StringComparison.OrdinalIgnoreCase) ? user.Name : collector,
            Unassigned: unassigned,
            AgeGroup: string.IsNullOrWhiteSpace(query.AgeGroup) ? null : AgeGroups.Parse(query.AgeGroup),
            Priority: query.Priority,
            Status: query.Status,
            Search: query.Search,
            SortBy: query.SortBy?.Trim().ToLowerInvariant() ?? "priority",
            Descending: Paging.Descending(query.SortOrder, defaultDescending: true),
            Page: query.Page,
            Size: query.Size);
        return await CollectionQueue.ReadAsync(db, filter, time.Today(), time.GetUtcNow(), cancellationToken);
    }

    /// <summary>A customer's collections page: position, case, open promise, active plan and timeline (newest first).</summary>
    public async Task<CollectionsCustomerDto> CustomerAsync(CurrentUser user, string customerId, CancellationToken cancellationToken)
    {
        var position = await PositionAsync(user, customerId, cancellationToken);
        var today = time.Today();
        var @case = await db.CollectionCases.AsNoTracking().SingleOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);
        var promise = await db.PromisesToPay.AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == customerId && p.Status == PromiseStatus.OPEN, cancellationToken);
        var broken = await CollectionQueue.BrokenPromises(db, time.GetUtcNow()).CountAsync(p => p.CustomerId == customerId, cancellationToken);
        var plan = await plans.ActivePlanAsync(customerId, cancellationToken);
        // Priority and age group as the queue would show them; a customer on a plan or with nothing overdue is not in the queue.
        var item = position.OverdueAmount > 0 && plan is null ? CollectionQueue.Item(position, @case, promise, broken, today) : null;
        return new CollectionsCustomerDto(customerId, position.Name, position.Currency, position.Risk, M(position.TotalBalance), M(position.OverdueAmount), M(position.DisputedAmount),
            position.DaysOverdue(today), item?.AgeGroup, item?.Priority, item?.PriorityScore ?? 0, ToDto(@case ?? CollectionCase.Open(customerId, time.GetUtcNow())),
            promise is null ? null : ToDto(promise), plan, await TimelineAsync(customerId, cancellationToken), broken);
    }

    public async Task<CollectionCaseDto> ClaimAsync(CurrentUser user, string customerId, CancellationToken cancellationToken)
    {
        RequireCollector(user);
        await PositionAsync(user, customerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var @case = await db.LockCollectionCaseAsync(customerId, time.GetUtcNow(), cancellationToken);
        @case.Claim(user.Name, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(@case);
    }

    /// <summary>Assigns (or with no collector, unassigns) a case; the collector must be a user who may collect.</summary>
    public async Task<CollectionCaseDto> AssignAsync(CurrentUser user, string customerId, AssignCaseRequest request, CancellationToken cancellationToken)
    {
        var collector = string.IsNullOrWhiteSpace(request.Collector) ? null : request.Collector.Trim();
        if (collector is not null)
        {
            var known = (await CollectorsAsync(cancellationToken)).SingleOrDefault(c => string.Equals(c.UserName, collector, StringComparison.OrdinalIgnoreCase))
                ?? throw DomainException.Invalid(CollectionsErrors.NotACollector, $"{collector} is not a user who can work collections (collection.manage).");
            collector = known.UserName;
        }

        await PositionAsync(user, customerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var @case = await db.LockCollectionCaseAsync(customerId, time.GetUtcNow(), cancellationToken);
        @case.Assign(collector, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(@case);
    }

    /// <summary>
    /// Seed 003's "Record Collection Activity". A PROMISE_TO_PAY replaces any open promise and moves
    /// the case to PROMISED; the case goes to the caller if nobody had it.
    /// </summary>
    public async Task<CollectionActivityDto> RecordActivityAsync(CurrentUser user, CollectionActivityRequest request, CancellationToken cancellationToken)
    {
        RequireCollector(user);
        var today = time.Today();
        var promised = request.Outcome == ActivityOutcome.PROMISE_TO_PAY;
        if (promised && (request.PromiseDate is null || request.PromiseAmount is null))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "A PROMISE_TO_PAY needs promiseDate and promiseAmount.");
        }

        if (!promised && (request.PromiseDate is not null || request.PromiseAmount is not null))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "promiseDate and promiseAmount go with the outcome PROMISE_TO_PAY.");
        }

        if (request.NextActionDate is { } next && next < today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The next action date cannot be in the past.");
        }

        var position = await PositionAsync(user, request.CustomerId!, cancellationToken);
        if (promised && request.PromiseAmount > position.TotalBalance)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The promise ({request.PromiseAmount:0.00}) is more than the customer owes ({position.TotalBalance:0.00}).");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var @case = await db.LockCollectionCaseAsync(position.CustomerId, now, cancellationToken);
        PromiseToPay? promise = null;
        if (promised)
        {
            var previous = await db.PromisesToPay.SingleOrDefaultAsync(p => p.CustomerId == position.CustomerId && p.Status == PromiseStatus.OPEN, cancellationToken);
            if (previous is not null)
            {
                previous.Resolve(PromiseStatus.CANCELLED, 0m, now);
                await db.SaveChangesAsync(cancellationToken); // the one-open-promise index sees the old one closed first
            }

            promise = PromiseToPay.Make(Guid.CreateVersion7(), position.CustomerId, position.Currency, request.PromiseAmount!.Value, request.PromiseDate!.Value, today, user.Name, now);
            db.PromisesToPay.Add(promise);
        }

        var activity = new CollectionActivity(Guid.CreateVersion7(), position.CustomerId, request.ActivityType!.Value, request.ContactPerson, request.Outcome!.Value, request.Notes,
            request.NextAction, request.NextActionDate, promise?.Id, user.Name, now);
        db.CollectionActivities.Add(activity);
        @case.RecordActivity(user.Name, promised, request.NextAction, request.NextActionDate, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CollectionActivityDto(activity.Id, activity.CustomerId, activity.ActivityType, activity.ContactPerson, activity.Outcome, activity.Notes, activity.NextAction,
            activity.NextActionDate, promise is null ? null : ToDto(promise), activity.CreatedBy, activity.CreatedAt, @case.Status);
    }

    /// <summary>Hands the case up with the overdue amount, recording collection.escalated in the same transaction.</summary>
    public async Task<EscalationDto> EscalateAsync(CurrentUser user, string customerId, EscalationRequest request, CancellationToken cancellationToken)
    {
        RequireCollector(user);
        var position = await PositionAsync(user, customerId, cancellationToken);
        if (position.OverdueAmount <= 0)
        {
            throw DomainException.Rule(CollectionsErrors.NothingOverdue, $"Customer {customerId} has nothing overdue to escalate.");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var @case = await db.LockCollectionCaseAsync(customerId, time.GetUtcNow(), cancellationToken);
        var level = request.EscalationLevel!.Value;
        @case.Escalate(level, now);
        var escalation = new CollectionEscalation(Guid.CreateVersion7(), customerId, level, request.Reason!, position.OverdueAmount, position.Currency, user.Name, now);
        db.CollectionEscalations.Add(escalation);
        Outbox.Record(db, EventTypes.CollectionEscalated, "customer", customerId,
            new { customerId, escalationLevel = level, overdueAmount = M(position.OverdueAmount), currency = position.Currency, reason = escalation.Reason }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EscalationDto(escalation.Id, customerId, level, escalation.Reason, M(escalation.OverdueAmount), escalation.Currency, escalation.EscalatedBy, escalation.EscalatedAt);
    }

    /// <summary>Users whose roles carry collection.manage, with the number of cases assigned to each.</summary>
    public async Task<IReadOnlyList<CollectorDto>> CollectorsAsync(CancellationToken cancellationToken)
    {
        var roles = Roles.All.Where(r => RolePermissions.For(r).Contains(Permissions.CollectionManage)).ToList();
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where roles.Contains(r.Name!)
                           select new { u.UserName, u.DisplayName }).Distinct().ToListAsync(cancellationToken);
        var counts = await db.CollectionCases.Where(c => c.AssignedTo != null).GroupBy(c => c.AssignedTo!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return users.Select(u => new CollectorDto(u.UserName!, u.DisplayName, counts.GetValueOrDefault(u.UserName!))).OrderBy(c => c.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    private async Task<IReadOnlyList<TimelineEntryDto>> TimelineAsync(string customerId, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntryDto>();
        var activities = await db.CollectionActivities.AsNoTracking().Where(a => a.CustomerId == customerId).OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var promises = await db.PromisesToPay.AsNoTracking().Where(p => p.CustomerId == customerId).ToDictionaryAsync(p => p.Id, cancellationToken);
        entries.AddRange(activities.Select(a =>
        {
            var promise = a.PromiseId is { } id ? promises.GetValueOrDefault(id) : null;
            var detail = string.Join(" · ", new[] { a.ContactPerson, a.Notes, a.NextAction is { } n ? $"next: {n}{(a.NextActionDate is { } d ? $" on {d:yyyy-MM-dd}" : string.Empty)}" : null }
                .Where(s => !string.IsNullOrWhiteSpace(s)));
            var title = promise is null ? $"{a.ActivityType}: {a.Outcome}" : $"{a.ActivityType}: promise to pay {promise.Amount:N2} by {promise.PromiseDate:yyyy-MM-dd}";
            return new TimelineEntryDto(a.CreatedAt, "ACTIVITY", title, detail.Length == 0 ? null : detail, promise?.Amount, a.CreatedBy, null);
        }));
        entries.AddRange(promises.Values.Where(p => p.Status is PromiseStatus.KEPT or PromiseStatus.BROKEN && p.ResolvedAt is not null).Select(p => new TimelineEntryDto(
            p.ResolvedAt!.Value, p.Status == PromiseStatus.KEPT ? "PROMISE_KEPT" : "PROMISE_BROKEN",
            p.Status == PromiseStatus.KEPT ? $"Promise of {p.Amount:N2} kept" : $"Promise of {p.Amount:N2} due {p.PromiseDate:yyyy-MM-dd} broken",
            $"Paid {p.PaidAmount ?? 0m:N2} since {p.MadeOn:yyyy-MM-dd}", p.Amount, null, null)));
        entries.AddRange(await plans.TimelineAsync(customerId, cancellationToken));
        var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId).OrderByDescending(p => p.CreatedAt).Take(100).ToListAsync(cancellationToken);
        entries.AddRange(payments.Select(p => new TimelineEntryDto(p.CreatedAt, "PAYMENT", $"Payment {p.Number} received", $"{p.Method} {p.Reference}, dated {p.PaymentDate:yyyy-MM-dd}", p.Amount, p.CreatedBy, p.Number)));
        entries.AddRange(payments.Where(p => p.ReversedAt is not null).Select(p => new TimelineEntryDto(p.ReversedAt!.Value, "PAYMENT_REVERSED", $"Payment {p.Number} reversed", p.ReversalReason, p.Amount, p.ReversedBy, p.Number)));
        var escalations = await db.CollectionEscalations.AsNoTracking().Where(e => e.CustomerId == customerId).ToListAsync(cancellationToken);
        entries.AddRange(escalations.Select(e => new TimelineEntryDto(e.EscalatedAt, "ESCALATION", $"Escalated to {e.Level}", e.Reason, e.OverdueAmount, e.EscalatedBy, null)));
        var disputes = await (from d in db.InvoiceDisputes.AsNoTracking()
                              join i in db.Invoices on d.InvoiceId equals i.Id
                              where d.CustomerId == customerId
                              select new { Dispute = d, i.Number }).ToListAsync(cancellationToken);
        entries.AddRange(disputes.Select(d => new TimelineEntryDto(d.Dispute.RaisedAt, "DISPUTE", $"Invoice {d.Number} disputed", d.Dispute.Reason, d.Dispute.Amount, d.Dispute.RaisedBy, d.Number)));
        entries.AddRange(disputes.Where(d => d.Dispute.ResolvedAt is not null).Select(d => new TimelineEntryDto(
            d.Dispute.ResolvedAt!.Value, "DISPUTE_RESOLVED", $"Dispute on {d.Number} resolved", d.Dispute.Resolution, d.Dispute.Amount, d.Dispute.ResolvedBy, d.Number)));
        return entries.Select(e => e with { Amount = e.Amount is { } a ? M(a) : null }).OrderByDescending(e => e.At).Take(300).ToList();
    }

    /// <summary>The customer's position; staff only (collection work is not shown to customers).</summary>
    private async Task<CustomerPosition> PositionAsync(CurrentUser user, string customerId, CancellationToken cancellationToken)
    {
        RequireCollector(user);
        await customers.FindVisibleAsync(user, customerId, cancellationToken);
        return await CustomerPositions.LoadAsync(db, time.Today(), customerId, cancellationToken) ?? throw ReceivablesService.AccountNotFound(customerId);
    }


    private static void RequireCollector(CurrentUser user)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.CollectionManage))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Collections work needs collection.manage.");
        }
    }

    internal static PromiseDto ToDto(PromiseToPay p) =>
        new(p.Id, p.PromiseDate, M(p.Amount), p.Currency, p.Status, p.MadeOn, p.PaidAmount is { } paid ? M(paid) : null, p.CreatedBy, p.CreatedAt, p.ResolvedAt);

    internal static CollectionCaseDto ToDto(CollectionCase c) =>
        new(c.CustomerId, c.Status, c.AssignedTo, c.AssignedAt, c.EscalationLevel, c.EscalatedAt, c.NextAction, c.NextActionDate, c.LastActivityAt, c.PlanBreachedAt);

    private static decimal M(decimal value) => Money.AtScale(value);
}
