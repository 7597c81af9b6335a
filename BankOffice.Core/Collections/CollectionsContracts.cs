using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Collections;

// Wire contracts of the collections API (seed 003's field names where it gives them).

/// <summary>Seed 003's queue filters; collector=me means the caller. sortBy: priority (default), amount, age, name.</summary>
public sealed record CollectionQueueQuery(
    string? Collector = null,
    string? AgeGroup = null,
    Priority? Priority = null,
    CaseStatus? Status = null,
    string? Search = null,
    string? SortBy = null,
    string? SortOrder = null,
    int Page = 1,
    int Size = PageRequest.DefaultSize);

public sealed record PromiseDto(
    Guid PromiseId,
    DateOnly PromiseDate,
    decimal Amount,
    Currency Currency,
    PromiseStatus Status,
    DateOnly MadeOn,
    decimal? PaidAmount,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt);

/// <summary>One customer in the collections queue. Overdue amount = past-due invoice balances − open disputes − unallocated credit.</summary>
public sealed record QueueItemDto(
    string CustomerId,
    string CustomerName,
    Currency Currency,
    decimal OverdueAmount,
    decimal DisputedAmount,
    decimal TotalBalance,
    int OverdueInvoices,
    DateOnly OldestDueDate,
    int DaysOverdue,
    string AgeGroup,
    Priority Priority,
    int PriorityScore,
    PriorityScore ScoreBreakdown,
    CaseStatus Status,
    string? AssignedTo,
    RiskCategory RiskCategory,
    int BrokenPromises,
    PromiseDto? OpenPromise,
    NextAction? NextAction,
    DateOnly? NextActionDate,
    DateTimeOffset? LastActivityAt,
    EscalationLevel? EscalationLevel);

/// <summary>Seed 003's "Record Collection Activity". A PROMISE_TO_PAY outcome needs promiseDate and promiseAmount.</summary>
public sealed class CollectionActivityRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    [Required]
    public ActivityType? ActivityType { get; set; }

    [StringLength(CollectionActivity.ContactMaxLength)]
    public string? ContactPerson { get; set; }

    [Required]
    public ActivityOutcome? Outcome { get; set; }

    public DateOnly? PromiseDate { get; set; }

    [Range(typeof(decimal), "0.01", "999999999999999")]
    public decimal? PromiseAmount { get; set; }

    [StringLength(CollectionActivity.NotesMaxLength)]
    public string? Notes { get; set; }

    public NextAction? NextAction { get; set; }

    public DateOnly? NextActionDate { get; set; }
}

public sealed record CollectionActivityDto(
    Guid ActivityId,
    string CustomerId,
    ActivityType ActivityType,
    string? ContactPerson,
    ActivityOutcome Outcome,
    string? Notes,
    NextAction? NextAction,
    DateOnly? NextActionDate,
    PromiseDto? Promise,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    CaseStatus CaseStatus);

public sealed class AssignCaseRequest
{
    /// <summary>The collector's user name (email); null or empty unassigns.</summary>
    [StringLength(CollectionCase.UserMaxLength)]
    public string? Collector { get; set; }
}

public sealed record CollectionCaseDto(
    string CustomerId,
    CaseStatus Status,
    string? AssignedTo,
    DateTimeOffset? AssignedAt,
    EscalationLevel? EscalationLevel,
    DateTimeOffset? EscalatedAt,
    NextAction? NextAction,
    DateOnly? NextActionDate,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? PlanBreachedAt);

public sealed class EscalationRequest
{
    [Required]
    public EscalationLevel? EscalationLevel { get; set; }

    [Required]
    [StringLength(CollectionEscalation.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }
}

/// <summary>What was escalated, with the overdue amount the collection.escalated event carries.</summary>
public sealed record EscalationDto(
    Guid EscalationId,
    string CustomerId,
    EscalationLevel EscalationLevel,
    string Reason,
    decimal OverdueAmount,
    Currency Currency,
    string EscalatedBy,
    DateTimeOffset EscalatedAt);

public sealed class ScheduleLineRequest
{
    [Required]
    public DateOnly? DueDate { get; set; }

    [Required]
    public decimal? Amount { get; set; }
}

/// <summary>Seed 003's "Create Payment Plan": downPayment (due on startDate) + the schedule's amounts = totalAmount.</summary>
public sealed class PaymentPlanRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    [Required]
    public decimal? TotalAmount { get; set; }

    public decimal? DownPayment { get; set; }

    [Required]
    public int? Installments { get; set; }

    [Required]
    public DateOnly? StartDate { get; set; }

    [Required]
    [MinLength(1)]
    [MaxLength(PaymentPlanRules.MaxInstallments)]
    public List<ScheduleLineRequest> Schedule { get; set; } = [];

    [StringLength(PaymentPlan.NotesMaxLength)]
    public string? Notes { get; set; }

    public IReadOnlyList<ScheduleLine> ToSchedule() => Schedule.Select(l => new ScheduleLine(l.DueDate!.Value, l.Amount!.Value)).ToList();
}

public sealed record InstallmentDto(int Sequence, DateOnly DueDate, decimal Amount, decimal Paid, InstallmentStatus Status, bool IsDownPayment);

public sealed record PaymentPlanDto(
    Guid PlanId,
    string PlanNumber,
    string CustomerId,
    string CustomerName,
    Currency Currency,
    decimal TotalAmount,
    decimal DownPayment,
    int Installments,
    DateOnly StartDate,
    DateOnly AgreedOn,
    PlanStatus Status,
    decimal Paid,
    decimal Remaining,
    IReadOnlyList<InstallmentDto> Schedule,
    string? Notes,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt);

public sealed class CancelPlanRequest
{
    [Required]
    [StringLength(500, MinimumLength = 3)]
    public string? Reason { get; set; }
}

/// <summary>One line of a customer's collections timeline, newest first. Kind: ACTIVITY, PROMISE_KEPT, PROMISE_BROKEN, PLAN_CREATED, PLAN_COMPLETED, PLAN_BREACHED, PLAN_CANCELLED, PAYMENT, PAYMENT_REVERSED, ESCALATION, DISPUTE, DISPUTE_RESOLVED.</summary>
public sealed record TimelineEntryDto(DateTimeOffset At, string Kind, string Title, string? Detail, decimal? Amount, string? By, string? Reference);

public sealed record CollectionsCustomerDto(
    string CustomerId,
    string CustomerName,
    Currency Currency,
    RiskCategory RiskCategory,
    decimal TotalBalance,
    decimal OverdueAmount,
    decimal DisputedAmount,
    int DaysOverdue,
    string? AgeGroup,
    Priority? Priority,
    int PriorityScore,
    CollectionCaseDto Case,
    PromiseDto? OpenPromise,
    PaymentPlanDto? ActivePlan,
    IReadOnlyList<TimelineEntryDto> Timeline,
    int BrokenPromises = 0);

public sealed record CollectorDto(string UserName, string DisplayName, int OpenCases);

/// <summary>What one run of the collections and credit sweep changed.</summary>
public sealed record SweepResultDto(int PromisesKept, int PromisesBroken, int PlansCompleted, int PlansBreached, int LimitChangesApplied);

public sealed class RaiseDisputeRequest
{
    [Required]
    [Range(typeof(decimal), "0.01", "999999999999999")]
    public decimal? Amount { get; set; }

    [Required]
    [StringLength(InvoiceDispute.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }
}

public sealed class ResolveDisputeRequest
{
    [Required]
    [StringLength(InvoiceDispute.ReasonMaxLength, MinimumLength = 3)]
    public string? Resolution { get; set; }
}

public sealed record InvoiceDisputeDto(
    Guid DisputeId,
    Guid InvoiceId,
    string InvoiceNumber,
    string CustomerId,
    decimal Amount,
    string Reason,
    DisputeStatus Status,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Resolution);
