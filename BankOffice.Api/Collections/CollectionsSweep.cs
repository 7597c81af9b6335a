using BankOffice.Api.Credit;
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
public sealed class CollectionsSweep(BankOfficeDbContext db, PaymentPlanService plans, CreditService credit, TimeProvider time)
{
    public async Task<SweepResultDto> RunAsync(string? customerId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (kept, broken) = await ResolvePromisesAsync(customerId, today, cancellationToken);
        var (completed, breached) = await SettlePlansAsync(customerId, cancellationToken);
        var applied = customerId is null ? await credit.ApplyDueChangesAsync(cancellationToken) : 0;
        return new SweepResultDto(kept, broken, completed, breached, applied);
    }

    private async Task<(int Kept, int Broken)> ResolvePromisesAsync(string? customerId, DateOnly today, CancellationToken cancellationToken)
    {
        var open = await db.PromisesToPay.AsNoTracking().Where(p => p.Status == PromiseStatus.OPEN && (customerId == null || p.CustomerId == customerId))
            .Select(p => new { p.Id, p.CustomerId }).ToListAsync(cancellationToken);
        int kept = 0, broken = 0;
        foreach (var item in open)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var @case = await db.LockCollectionCaseAsync(item.CustomerId, time.GetUtcNow(), cancellationToken);
            var promise = await db.PromisesToPay.SingleAsync(p => p.Id == item.Id, cancellationToken);
            // Payments recorded after the promise was given and dated up to its date count. Recorded, not dated:
            // a payment made earlier that day is already in what the customer owed when they promised.
            var paid = await db.Payments.Where(p => p.CustomerId == promise.CustomerId && p.Status == PaymentStatus.POSTED && p.CreatedAt >= promise.CreatedAt && p.PaymentDate <= promise.PromiseDate)
                .SumAsync(p => (decimal?)p.Amount, cancellationToken) ?? 0m;
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

    private async Task<(int Completed, int Breached)> SettlePlansAsync(string? customerId, CancellationToken cancellationToken)
    {
        var active = await db.PaymentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.ACTIVE && (customerId == null || p.CustomerId == customerId))
            .Select(p => new { p.Id, p.CustomerId }).ToListAsync(cancellationToken);
        int completed = 0, breached = 0;
        foreach (var item in active)
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
