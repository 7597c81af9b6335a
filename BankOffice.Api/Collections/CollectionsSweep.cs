using BankOffice.Api.Credit;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Collections;
using BankOffice.Core.Receivables;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Collections;

/// <summary>
/// Marks promises kept or broken, settles payment plans (completed, or breached by a missed
/// installment, which returns the customer to the queue) and applies limit changes whose effective
/// date has come. Each customer is handled in its own transaction under a row lock, so several API
/// instances can sweep at once without doing anything twice.
/// </summary>
public sealed class CollectionsSweep(BankOfficeDbContext db, PaymentPlanService plans, CreditService credit, IOptions<CollectionsOptions> options, TimeProvider time)
{
    public async Task<SweepResultDto> RunAsync(string? customerId, CancellationToken cancellationToken)
    {
        var today = time.Today();
        var (kept, broken) = await ResolvePromisesAsync(customerId, today, cancellationToken);
        var (completed, breached) = await SettlePlansAsync(customerId, today, cancellationToken);
        var applied = customerId is null ? await credit.ApplyDueChangesAsync(cancellationToken) : 0;
        return new SweepResultDto(kept, broken, completed, breached, applied);
    }

    private async Task<(int Kept, int Broken)> ResolvePromisesAsync(string? customerId, DateOnly today, CancellationToken cancellationToken)
    {
        // Only promises that can change today are locked and resolved: paid in full, or past their date.
        var due = await Progress(db.PromisesToPay.AsNoTracking().Where(p => p.Status == PromiseStatus.OPEN && (customerId == null || p.CustomerId == customerId)))
            .Where(p => p.Paid >= p.Amount || p.PromiseDate < today).Select(p => new { p.Id, p.CustomerId }).ToListAsync(cancellationToken);
        int kept = 0, broken = 0;
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var @case = await db.LockCollectionCaseAsync(item.CustomerId, time.GetUtcNow(), cancellationToken);
            var promise = await db.PromisesToPay.SingleAsync(p => p.Id == item.Id, cancellationToken);
            var paid = (await Progress(db.PromisesToPay.Where(p => p.Id == item.Id)).SingleAsync(cancellationToken)).Paid;
            var status = PromiseRules.Evaluate(promise.Amount, promise.PromiseDate, paid, today);
            if (promise.Resolve(status, paid, time.GetUtcNow()))
            {
                @case.PromiseResolved(time.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                kept += status == PromiseStatus.KEPT ? 1 : 0;
                broken += status == PromiseStatus.BROKEN ? 1 : 0;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return (kept, broken);
    }

    /// <summary>
    /// What has been paid towards each promise: payments recorded after it was given and dated up to its
    /// date. Recorded, not dated: a payment made earlier that day is already in what the customer owed when they promised.
    /// </summary>
    private IQueryable<PromiseProgress> Progress(IQueryable<PromiseToPay> promises) => promises.Select(p => new PromiseProgress
    {
        Id = p.Id,
        CustomerId = p.CustomerId,
        Amount = p.Amount,
        PromiseDate = p.PromiseDate,
        Paid = db.Payments.Where(x => x.CustomerId == p.CustomerId && x.Status == PaymentStatus.POSTED && x.CreatedAt >= p.CreatedAt && x.PaymentDate <= p.PromiseDate)
            .Sum(x => (decimal?)x.Amount) ?? 0m,
    });

    private async Task<(int Completed, int Breached)> SettlePlansAsync(string? customerId, DateOnly today, CancellationToken cancellationToken)
    {
        // Only plans that can change today are locked and evaluated: an installment past its grace days, or everything paid.
        var missedBefore = today.AddDays(-options.Value.InstallmentGraceDays);
        var due = await plans.Funding(db.PaymentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.ACTIVE && (customerId == null || p.CustomerId == customerId)))
            .Where(f => f.EarliestDue < missedBefore || f.Paid >= f.TotalAmount)
            .Select(f => new { f.Id, f.CustomerId }).ToListAsync(cancellationToken);
        int completed = 0, breached = 0;
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var @case = await db.LockCollectionCaseAsync(item.CustomerId, time.GetUtcNow(), cancellationToken);
            var plan = await db.PaymentPlans.Include(p => p.Installments).SingleAsync(p => p.Id == item.Id, cancellationToken);
            var progress = await plans.ProgressAsync(plan, cancellationToken);
            if (plan.Settle(progress.Status, time.GetUtcNow()))
            {
                if (progress.Status == PlanStatus.BREACHED)
                {
                    @case.PlanBreached(time.GetUtcNow());
                    breached++;
                }
                else
                {
                    completed++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return (completed, breached);
    }

    private sealed class PromiseProgress
    {
        public Guid Id { get; init; }
        public string CustomerId { get; init; } = default!;
        public decimal Amount { get; init; }
        public DateOnly PromiseDate { get; init; }
        public decimal Paid { get; init; }
    }
}

/// <summary>Runs <see cref="CollectionsSweep"/> every <see cref="CollectionsOptions.SweepInterval"/> (off when zero).</summary>
public sealed class CollectionsSweepService(IServiceScopeFactory scopes, IOptions<CollectionsOptions> options, ILogger<CollectionsSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var result = await scope.ServiceProvider.GetRequiredService<CollectionsSweep>().RunAsync(null, stoppingToken);
                if (result != new SweepResultDto(0, 0, 0, 0, 0))
                {
                    logger.LogInformation("Collections sweep: {Result}", result);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Collections sweep failed; it runs again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
