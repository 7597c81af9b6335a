using BankOffice.Api.Customers;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Collections;

/// <summary>
/// Payment plans: agreed under the customer's credit-account lock (so no payment or invoice races
/// the check against what is owed), one active plan per customer, progress computed from the
/// payments received since the plan was agreed.
/// </summary>
public sealed class PaymentPlanService(BankOfficeDbContext db, CustomerService customers, IOptions<CollectionsOptions> options, TimeProvider time)
{
    private static readonly InvoiceStatus[] Open = [InvoiceStatus.OPEN, InvoiceStatus.PARTIAL];

    /// <summary>Seed 003's "Create Payment Plan". The plan replaces an open promise to pay.</summary>
    public async Task<PaymentPlanDto> CreateAsync(CurrentUser user, PaymentPlanRequest request, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.CollectionManage))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Payment plans are agreed by collections staff (collection.manage).");
        }

        var customer = await customers.FindVisibleAsync(user, request.CustomerId!, cancellationToken);
        var today = time.Today();
        var schedule = request.ToSchedule();
        PaymentPlanRules.Validate(request.TotalAmount!.Value, request.DownPayment ?? 0m, request.Installments!.Value, request.StartDate!.Value, schedule, today);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(customer.Id, cancellationToken);
        if (await db.PaymentPlans.AnyAsync(p => p.CustomerId == customer.Id && p.Status == PlanStatus.ACTIVE, cancellationToken))
        {
            throw DomainException.Conflict(CollectionsErrors.PlanExists, $"Customer {customer.Id} already has an active payment plan; cancel it first.");
        }

        var owed = (await db.Invoices.Where(i => i.CustomerId == customer.Id && Open.Contains(i.Status)).SumAsync(i => (decimal?)(i.Total - i.Paid), cancellationToken) ?? 0m) - account.UnallocatedCredit;
        if (request.TotalAmount > owed)
        {
            throw DomainException.Rule("PLAN_EXCEEDS_BALANCE", $"The plan ({request.TotalAmount:0.00}) is more than the customer owes ({owed:0.00}).",
                new Dictionary<string, object?> { ["currentBalance"] = Money.AtScale(owed), ["totalAmount"] = request.TotalAmount });
        }

        var now = time.GetUtcNow();
        var promise = await db.PromisesToPay.SingleOrDefaultAsync(p => p.CustomerId == customer.Id && p.Status == PromiseStatus.OPEN, cancellationToken);
        promise?.Resolve(PromiseStatus.CANCELLED, 0m, now);
        var number = PaymentPlan.FormatNumber(today.Year, await db.NextValueOfAsync(BankOfficeDbContext.PaymentPlanNumberSequence, cancellationToken));
        var plan = PaymentPlan.Create(Guid.CreateVersion7(), number, customer.Id, account.Currency, request.TotalAmount!.Value, request.DownPayment ?? 0m, request.StartDate!.Value,
            schedule, request.Notes, today, user.Name, now);
        db.PaymentPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ToDtoAsync(plan, customer.Name, cancellationToken);
    }

    public async Task<PagedResult<PaymentPlanDto>> ListAsync(CurrentUser user, string? customerId, PlanStatus? status, int page, int size, CancellationToken cancellationToken)
    {
        Paging.Check(page, size);
        var rows = from p in db.PaymentPlans.AsNoTracking().Include(p => p.Installments)
                   join c in db.Customers on p.CustomerId equals c.Id
                   select new { Plan = p, c.Name };
        if (user.IsCustomerOnly)
        {
            rows = rows.Where(r => r.Plan.CustomerId == user.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(customerId))
        {
            rows = rows.Where(r => r.Plan.CustomerId == customerId);
        }

        if (status is { } s)
        {
            rows = rows.Where(r => r.Plan.Status == s);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var list = await rows.OrderByDescending(r => r.Plan.CreatedAt).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        var result = new List<PaymentPlanDto>();
        foreach (var row in list)
        {
            result.Add(await ToDtoAsync(row.Plan, row.Name, cancellationToken));
        }

        return new PagedResult<PaymentPlanDto>(result, Pagination.Of(page, size, total));
    }

    /// <summary>A plan with its installments' progress; a customer may read only their own.</summary>
    public async Task<PaymentPlanDto> GetAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var plan = await FindAsync(idOrNumber, cancellationToken);
        var customer = await customers.FindVisibleAsync(user, plan.CustomerId, cancellationToken);
        return await ToDtoAsync(plan, customer.Name, cancellationToken);
    }

    public async Task<PaymentPlanDto> CancelAsync(CurrentUser user, string idOrNumber, CancelPlanRequest request, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.CollectionManage))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Payment plans are cancelled by collections staff (collection.manage).");
        }

        var found = await FindAsync(idOrNumber, cancellationToken);
        var plan = await db.PaymentPlans.Include(p => p.Installments).SingleAsync(p => p.Id == found.Id, cancellationToken);
        plan.Cancel(user.Name, request.Reason!, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Customers.Where(c => c.Id == plan.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        return await ToDtoAsync(plan, name, cancellationToken);
    }

    public async Task<PaymentPlanDto?> ActivePlanAsync(string customerId, CancellationToken cancellationToken)
    {
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).SingleOrDefaultAsync(p => p.CustomerId == customerId && p.Status == PlanStatus.ACTIVE, cancellationToken);
        return plan is null ? null : await ToDtoAsync(plan, await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Where a plan stands today: what has been paid towards it (<see cref="Funding"/>), applied in due order.</summary>
    public async Task<PlanProgress> ProgressAsync(PaymentPlan plan, CancellationToken cancellationToken)
    {
        var paid = (await Funding(db.PaymentPlans.Where(p => p.Id == plan.Id)).SingleAsync(cancellationToken)).Paid;
        return plan.Progress(paid, time.Today(), options.Value.InstallmentGraceDays);
    }

    /// <summary>
    /// What has been paid towards each plan: payments recorded after it was agreed. Not those dated
    /// that day: a payment made before the plan already lowered the total it was agreed on.
    /// </summary>
    public IQueryable<PlanFunding> Funding(IQueryable<PaymentPlan> plans) => plans.Select(p => new PlanFunding
    {
        Id = p.Id,
        CustomerId = p.CustomerId,
        TotalAmount = p.TotalAmount,
        EarliestDue = p.Installments.Min(i => i.DueDate),
        Paid = db.Payments.Where(x => x.CustomerId == p.CustomerId && x.Status == PaymentStatus.POSTED && x.CreatedAt >= p.CreatedAt).Sum(x => (decimal?)x.Amount) ?? 0m,
    });

    public async Task<IReadOnlyList<TimelineEntryDto>> TimelineAsync(string customerId, CancellationToken cancellationToken)
    {
        var list = await db.PaymentPlans.AsNoTracking().Where(p => p.CustomerId == customerId).ToListAsync(cancellationToken);
        var entries = list.Select(p => new TimelineEntryDto(p.CreatedAt, "PLAN_CREATED", $"Payment plan {p.Number} agreed",
            $"{p.InstallmentCount} installment(s) from {p.StartDate:yyyy-MM-dd}, down payment {p.DownPayment:N2}", p.TotalAmount, p.CreatedBy, p.Number)).ToList();
        entries.AddRange(list.Where(p => p.ResolvedAt is not null).Select(p => new TimelineEntryDto(p.ResolvedAt!.Value, $"PLAN_{p.Status}", $"Payment plan {p.Number} {p.Status.ToString().ToLowerInvariant()}",
            p.CancelReason, p.TotalAmount, p.CancelledBy, p.Number)));
        return entries;
    }

    private async Task<PaymentPlan> FindAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        var plans = db.PaymentPlans.AsNoTracking().Include(p => p.Installments);
        return (Guid.TryParse(idOrNumber, out var id)
            ? await plans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await plans.SingleOrDefaultAsync(p => p.Number == idOrNumber, cancellationToken))
            ?? throw DomainException.NotFound(CollectionsErrors.PlanNotFound, $"Payment plan not found: {idOrNumber}");
    }

    private async Task<PaymentPlanDto> ToDtoAsync(PaymentPlan plan, string customerName, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(plan, cancellationToken);
        return new PaymentPlanDto(plan.Id, plan.Number, plan.CustomerId, customerName, plan.Currency, M(plan.TotalAmount), M(plan.DownPayment), plan.InstallmentCount, plan.StartDate,
            plan.AgreedOn, plan.Status, M(progress.Paid), M(progress.Remaining),
            progress.Installments.Select(i => new InstallmentDto(i.Sequence, i.DueDate, M(i.Amount), M(i.Paid), i.Status, i.IsDownPayment)).ToList(),
            plan.Notes, plan.CreatedBy, plan.CreatedAt, plan.ResolvedAt);
    }

    private static decimal M(decimal value) => Money.AtScale(value);
}

public sealed class PlanFunding
{
    public Guid Id { get; init; }
    public string CustomerId { get; init; } = default!;
    public decimal TotalAmount { get; init; }
    public DateOnly EarliestDue { get; init; }
    public decimal Paid { get; init; }
}
