using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written ICollectionsClient fake: answers from its lists, records every query and request, throws queued errors first.</summary>
public sealed class FakeCollectionsClient : ICollectionsClient
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public List<QueueItemDto> Queue { get; } = [];
    public List<CollectionQueueQuery> QueueQueries { get; } = [];
    public List<CollectorDto> Collectors { get; } = [new("collector@bankoffice.local", "Colin Collector", 4), new("cleo@bankoffice.local", "Cleo Collector", 1)];
    public Dictionary<string, CollectionsCustomerDto> Customers { get; } = [];
    public List<PaymentPlanDto> Plans { get; } = [];
    public List<(string? CustomerId, PlanStatus? Status)> PlanQueries { get; } = [];
    public List<InvoiceDisputeDto> Disputes { get; } = [];

    /// <summary>Every change asked for, in order: (what, id, request).</summary>
    public List<(string Action, string Id, object? Request)> Posted { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    public static FixedTimeProvider Clock => new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    public static QueueItemDto Item(string customerId, string? assignedTo = null, Priority priority = Priority.HIGH) =>
        new(customerId, $"Customer {customerId}", Currency.TRY, 12_500m, 0m, 20_000m, 2, Today.AddDays(-40), 40, AgeGroups.Days31To45, priority, 75,
            new PriorityScore(20, 25, 5, 15, 10), CaseStatus.IN_PROGRESS, assignedTo, RiskCategory.B, 1, null, NextAction.CALL_BACK, Today.AddDays(2), null, null);

    public static CollectionsCustomerDto Customer(string customerId = "C000003", CaseStatus status = CaseStatus.IN_PROGRESS, string? assignedTo = null, PaymentPlanDto? plan = null) =>
        new(customerId, "Acme Ltd", Currency.TRY, RiskCategory.B, 20_000m, 12_500m, 500m, 40, AgeGroups.Days31To45, Priority.HIGH, 75,
            new CollectionCaseDto(customerId, status, assignedTo, null, null, null, null, null, null, null), null, plan,
            [new TimelineEntryDto(new DateTimeOffset(2026, 11, 19, 9, 0, 0, TimeSpan.Zero), "PROMISE_BROKEN", "Promise broken", "1,000.00 by 2026-11-18", 1000m, null, null),
             new TimelineEntryDto(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), "ACTIVITY", "PHONE_CALL: PROMISE_TO_PAY", "Will pay", null, "collector@bankoffice.local", null)]);

    public static PaymentPlanDto Plan(string number = "PP-2026-000001", PlanStatus status = PlanStatus.ACTIVE, string customerId = "C000003") =>
        new(Guid.NewGuid(), number, customerId, "Acme Ltd", Currency.TRY, 1000m, 100m, 2, Today, Today, status, 400m, 600m,
            [new InstallmentDto(0, Today, 100m, 100m, InstallmentStatus.PAID, true),
             new InstallmentDto(1, Today.AddMonths(1), 450m, 300m, InstallmentStatus.PARTIAL, false),
             new InstallmentDto(2, Today.AddMonths(2), 450m, 0m, InstallmentStatus.PENDING, false)],
            null, "collector@bankoffice.local", DateTimeOffset.UnixEpoch, null);

    public static InvoiceDisputeDto Dispute(DisputeStatus status = DisputeStatus.OPEN, decimal amount = 50m) =>
        new(Guid.NewGuid(), Guid.Empty, "INV-2026-000001", "C000003", amount, "Two items arrived broken", status, "collector@bankoffice.local",
            DateTimeOffset.UnixEpoch, null, null, status == DisputeStatus.OPEN ? null : "Credit note issued");

    public Task<PagedResult<QueueItemDto>> QueueAsync(CollectionQueueQuery query, CancellationToken ct = default)
    {
        QueueQueries.Add(query);
        return Answer(new PagedResult<QueueItemDto>(Queue, Pagination.Of(query.Page, query.Size, Queue.Count)));
    }

    public Task<IReadOnlyList<CollectorDto>> CollectorsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<CollectorDto>>(Collectors);

    public Task<CollectionsCustomerDto> CustomerAsync(string customerId, CancellationToken ct = default) =>
        Customers.TryGetValue(customerId, out var customer)
            ? Task.FromResult(customer)
            : Task.FromException<CollectionsCustomerDto>(new ApiException(404, "CUSTOMER_NOT_FOUND", "Not found", $"There is no customer {customerId}."));

    public Task<CollectionCaseDto> ClaimAsync(string customerId, CancellationToken ct = default) =>
        Record("claim", customerId, null, () => new CollectionCaseDto(customerId, CaseStatus.IN_PROGRESS, "me", null, null, null, null, null, null, null));

    public Task<CollectionCaseDto> AssignAsync(string customerId, AssignCaseRequest request, CancellationToken ct = default) =>
        Record("assign", customerId, request, () => new CollectionCaseDto(customerId, CaseStatus.IN_PROGRESS, request.Collector, null, null, null, null, null, null, null));

    public Task<CollectionActivityDto> RecordActivityAsync(CollectionActivityRequest request, CancellationToken ct = default) =>
        Record("activity", request.CustomerId!, request, () =>
        {
            var customer = Customers[request.CustomerId!];
            var promised = request.Outcome == ActivityOutcome.PROMISE_TO_PAY && customer.Case.Status != CaseStatus.ESCALATED;
            var status = promised ? CaseStatus.PROMISED : customer.Case.Status;
            Customers[request.CustomerId!] = customer with { Case = customer.Case with { Status = status } };
            return new CollectionActivityDto(Guid.NewGuid(), request.CustomerId!, request.ActivityType!.Value, request.ContactPerson, request.Outcome!.Value, request.Notes,
                request.NextAction, request.NextActionDate, null, "me", DateTimeOffset.UnixEpoch, status);
        });

    public Task<EscalationDto> EscalateAsync(string customerId, EscalationRequest request, CancellationToken ct = default) =>
        Record("escalate", customerId, request, () => new EscalationDto(Guid.NewGuid(), customerId, request.EscalationLevel!.Value, request.Reason!, 12_500m, Currency.TRY, "me", DateTimeOffset.UnixEpoch));

    public Task<PaymentPlanDto> CreatePlanAsync(PaymentPlanRequest request, CancellationToken ct = default) =>
        Record("plan", request.CustomerId!, request, () => Plan("PP-2026-000042", customerId: request.CustomerId!));

    public Task<PagedResult<PaymentPlanDto>> ListPlansAsync(string? customerId, PlanStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default)
    {
        PlanQueries.Add((customerId, status));
        return Task.FromResult(new PagedResult<PaymentPlanDto>(Plans, Pagination.Of(page, size, Plans.Count)));
    }

    public Task<PaymentPlanDto> GetPlanAsync(string idOrNumber, CancellationToken ct = default) =>
        Plans.FirstOrDefault(p => p.PlanNumber == idOrNumber || p.PlanId.ToString() == idOrNumber) is { } plan
            ? Task.FromResult(plan)
            : Task.FromException<PaymentPlanDto>(new ApiException(404, CollectionsErrors.PlanNotFound, "Not found", $"There is no payment plan {idOrNumber}."));

    public Task<PaymentPlanDto> CancelPlanAsync(string planId, CancelPlanRequest request, CancellationToken ct = default) =>
        Record("cancel", planId, request, () => Plans.Single(p => p.PlanId.ToString() == planId) with { Status = PlanStatus.CANCELLED });

    public Task<IReadOnlyList<InvoiceDisputeDto>> DisputesAsync(string invoiceId, CancellationToken ct = default) =>
        Answer<IReadOnlyList<InvoiceDisputeDto>>(Disputes.ToList());

    public Task<InvoiceDisputeDto> RaiseDisputeAsync(string invoiceId, RaiseDisputeRequest request, CancellationToken ct = default) =>
        Record("dispute", invoiceId, request, () =>
        {
            var dispute = Dispute(amount: request.Amount!.Value) with { Reason = request.Reason! };
            Disputes.Add(dispute);
            return dispute;
        });

    public Task<InvoiceDisputeDto> ResolveDisputeAsync(string disputeId, ResolveDisputeRequest request, CancellationToken ct = default) =>
        Record("resolve", disputeId, request, () =>
        {
            var index = Disputes.FindIndex(d => d.DisputeId.ToString() == disputeId);
            Disputes[index] = Disputes[index] with { Status = DisputeStatus.RESOLVED, Resolution = request.Resolution };
            return Disputes[index];
        });

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);

    private Task<T> Record<T>(string action, string id, object? request, Func<T> answer)
    {
        Posted.Add((action, id, request));
        return Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(answer());
    }
}

/// <summary>A clock stopped at one instant, in UTC.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
