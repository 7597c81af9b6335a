using BankOffice.Core.Common;

namespace BankOffice.Core.Collections;

/// <summary>
/// A customer's collections case: who works it, where it stands, what happens next. Created the
/// first time someone claims, assigns, calls or escalates; until then an overdue customer reads as
/// PENDING and unassigned.
/// </summary>
public sealed class CollectionCase
{
    public const int UserMaxLength = 256;

    private CollectionCase()
    {
        // For EF Core.
    }

    public string CustomerId { get; private set; } = default!;
    public CaseStatus Status { get; private set; }
    public string? AssignedTo { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public EscalationLevel? EscalationLevel { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public NextAction? NextAction { get; private set; }
    public DateOnly? NextActionDate { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }

    /// <summary>When the customer's last payment plan was breached (raises priority until the case is worked again).</summary>
    public DateTimeOffset? PlanBreachedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static CollectionCase Open(string customerId, DateTimeOffset now) =>
        new() { CustomerId = customerId, Status = CaseStatus.PENDING, UpdatedAt = now };

    /// <summary>A collector takes an unassigned case (or one already theirs).</summary>
    public void Claim(string collector, DateTimeOffset now)
    {
        if (AssignedTo is { } current && !string.Equals(current, collector, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Conflict(CollectionsErrors.CaseAssigned, $"The case of {CustomerId} is assigned to {current}; a manager can reassign it.");
        }

        Assign(collector, now);
    }

    public void Assign(string? collector, DateTimeOffset now)
    {
        AssignedTo = collector;
        AssignedAt = collector is null ? null : now;
        if (collector is not null && Status == CaseStatus.PENDING)
        {
            Status = CaseStatus.IN_PROGRESS;
        }
        else if (collector is null && Status == CaseStatus.IN_PROGRESS)
        {
            Status = CaseStatus.PENDING;
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// A call, email, visit or letter was made. A promise moves the case to PROMISED; otherwise the
    /// case is IN_PROGRESS. An escalated case stays ESCALATED until it is resolved.
    /// </summary>
    public void RecordActivity(string by, bool promised, NextAction? nextAction, DateOnly? nextActionDate, DateTimeOffset now)
    {
        if (AssignedTo is null)
        {
            AssignedTo = by;
            AssignedAt = now;
        }

        if (Status != CaseStatus.ESCALATED)
        {
            Status = promised ? CaseStatus.PROMISED : CaseStatus.IN_PROGRESS;
        }

        NextAction = nextAction;
        NextActionDate = nextActionDate;
        LastActivityAt = now;
        PlanBreachedAt = null;
        UpdatedAt = now;
    }

    /// <summary>The promise was kept or broken: back to work (the priority shows a broken one).</summary>
    public void PromiseResolved(DateTimeOffset now)
    {
        if (Status == CaseStatus.PROMISED)
        {
            Status = AssignedTo is null ? CaseStatus.PENDING : CaseStatus.IN_PROGRESS;
        }

        UpdatedAt = now;
    }

    public void PlanBreached(DateTimeOffset now)
    {
        if (Status != CaseStatus.ESCALATED)
        {
            Status = AssignedTo is null ? CaseStatus.PENDING : CaseStatus.IN_PROGRESS;
        }

        PlanBreachedAt = now;
        UpdatedAt = now;
    }

    public void Escalate(EscalationLevel level, DateTimeOffset now)
    {
        if (Status == CaseStatus.ESCALATED && EscalationLevel >= level)
        {
            throw DomainException.Conflict(CollectionsErrors.AlreadyEscalated, $"The case of {CustomerId} is already escalated to {EscalationLevel}.");
        }

        Status = CaseStatus.ESCALATED;
        EscalationLevel = level;
        EscalatedAt = now;
        UpdatedAt = now;
    }
}

/// <summary>One contact with the customer (insert-only).</summary>
public sealed class CollectionActivity
{
    public const int ContactMaxLength = 200;
    public const int NotesMaxLength = 2000;

    private CollectionActivity()
    {
        // For EF Core.
    }

    public CollectionActivity(Guid id, string customerId, ActivityType type, string? contactPerson, ActivityOutcome outcome, string? notes,
        NextAction? nextAction, DateOnly? nextActionDate, Guid? promiseId, string createdBy, DateTimeOffset now)
    {
        Id = id;
        CustomerId = customerId;
        ActivityType = type;
        ContactPerson = string.IsNullOrWhiteSpace(contactPerson) ? null : contactPerson.Trim();
        Outcome = outcome;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        NextAction = nextAction;
        NextActionDate = nextActionDate;
        PromiseId = promiseId;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public ActivityType ActivityType { get; private set; }
    public string? ContactPerson { get; private set; }
    public ActivityOutcome Outcome { get; private set; }
    public string? Notes { get; private set; }
    public NextAction? NextAction { get; private set; }
    public DateOnly? NextActionDate { get; private set; }
    public Guid? PromiseId { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A promise to pay an amount by a date. One open promise per customer: a new one replaces it (CANCELLED).</summary>
public sealed class PromiseToPay
{
    private PromiseToPay()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly PromiseDate { get; private set; }

    /// <summary>The day the promise was given (payments recorded after <see cref="CreatedAt"/> count towards it).</summary>
    public DateOnly MadeOn { get; private set; }
    public PromiseStatus Status { get; private set; }
    public decimal? PaidAmount { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public uint Version { get; private set; }

    public static PromiseToPay Make(Guid id, string customerId, Currency currency, decimal amount, DateOnly promiseDate, DateOnly today, string createdBy, DateTimeOffset now)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The promised amount is greater than zero, with at most 2 decimals.");
        }

        if (promiseDate < today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The promise date cannot be in the past.");
        }

        return new PromiseToPay
        {
            Id = id, CustomerId = customerId, Currency = currency, Amount = amount, PromiseDate = promiseDate, MadeOn = today,
            Status = PromiseStatus.OPEN, CreatedBy = createdBy, CreatedAt = now,
        };
    }

    /// <summary>Moves an open promise to KEPT or BROKEN (or CANCELLED when replaced); false when nothing changed.</summary>
    public bool Resolve(PromiseStatus status, decimal paid, DateTimeOffset now)
    {
        if (Status != PromiseStatus.OPEN || status == PromiseStatus.OPEN)
        {
            return false;
        }

        Status = status;
        PaidAmount = paid;
        ResolvedAt = now;
        return true;
    }
}

/// <summary>An agreed schedule: a down payment on the start date, then installments. Its status moves as payments arrive.</summary>
public sealed class PaymentPlan
{
    public const int NumberMaxLength = 30;
    public const int NotesMaxLength = 1000;

    private PaymentPlan()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal TotalAmount { get; private set; }
    public decimal DownPayment { get; private set; }
    public int InstallmentCount { get; private set; }
    public DateOnly StartDate { get; private set; }

    /// <summary>The day the plan was agreed (payments recorded after <see cref="CreatedAt"/> count towards it).</summary>
    public DateOnly AgreedOn { get; private set; }
    public PlanStatus Status { get; private set; }
    public string? Notes { get; private set; }
    public string CreatedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? CancelledBy { get; private set; }
    public string? CancelReason { get; private set; }
    public uint Version { get; private set; }
    public List<PlanInstallment> Installments { get; private set; } = [];

    public static string FormatNumber(int year, long sequence) => $"PP-{year}-{sequence:000000}";

    public static PaymentPlan Create(Guid id, string number, string customerId, Currency currency, decimal totalAmount, decimal downPayment, DateOnly startDate,
        IReadOnlyList<ScheduleLine> schedule, string? notes, DateOnly today, string createdBy, DateTimeOffset now)
    {
        PaymentPlanRules.Validate(totalAmount, downPayment, schedule.Count, startDate, schedule, today);
        var plan = new PaymentPlan
        {
            Id = id, Number = number, CustomerId = customerId, Currency = currency, TotalAmount = totalAmount, DownPayment = downPayment,
            InstallmentCount = schedule.Count, StartDate = startDate, AgreedOn = today, Status = PlanStatus.ACTIVE,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), CreatedBy = createdBy, CreatedAt = now,
        };
        if (downPayment > 0)
        {
            plan.Installments.Add(new PlanInstallment(id, 0, startDate, downPayment));
        }

        plan.Installments.AddRange(schedule.Select((l, i) => new PlanInstallment(id, i + 1, l.DueDate, l.Amount)));
        return plan;
    }

    public PlanProgress Progress(decimal paidSinceAgreed, DateOnly today, int graceDays) =>
        PaymentPlanRules.Evaluate(Installments.Select(i => (i.Sequence, i.DueDate, i.Amount)).ToList(), paidSinceAgreed, today, graceDays);

    /// <summary>Records COMPLETED or BREACHED for an active plan; false when nothing changed.</summary>
    public bool Settle(PlanStatus status, DateTimeOffset now)
    {
        if (Status != PlanStatus.ACTIVE || status is PlanStatus.ACTIVE or PlanStatus.CANCELLED)
        {
            return false;
        }

        Status = status;
        ResolvedAt = now;
        return true;
    }

    public void Cancel(string by, string reason, DateTimeOffset now)
    {
        if (Status != PlanStatus.ACTIVE)
        {
            throw DomainException.Conflict(ErrorCodes.Conflict, $"Plan {Number} is {Status}.");
        }

        Status = PlanStatus.CANCELLED;
        CancelledBy = by;
        CancelReason = reason.Trim();
        ResolvedAt = now;
    }
}

public sealed class PlanInstallment
{
    private PlanInstallment()
    {
        // For EF Core.
    }

    public PlanInstallment(Guid planId, int sequence, DateOnly dueDate, decimal amount)
    {
        PlanId = planId;
        Sequence = sequence;
        DueDate = dueDate;
        Amount = amount;
    }

    public Guid PlanId { get; private set; }

    /// <summary>0 is the down payment; installments count from 1.</summary>
    public int Sequence { get; private set; }
    public DateOnly DueDate { get; private set; }
    public decimal Amount { get; private set; }
}

/// <summary>A case handed up (to a manager, legal, an agency) with the overdue amount at that moment. Insert-only.</summary>
public sealed class CollectionEscalation
{
    public const int ReasonMaxLength = 1000;

    private CollectionEscalation()
    {
        // For EF Core.
    }

    public CollectionEscalation(Guid id, string customerId, EscalationLevel level, string reason, decimal overdueAmount, Currency currency, string escalatedBy, DateTimeOffset now)
    {
        Id = id;
        CustomerId = customerId;
        Level = level;
        Reason = reason.Trim();
        OverdueAmount = overdueAmount;
        Currency = currency;
        EscalatedBy = escalatedBy;
        EscalatedAt = now;
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public EscalationLevel Level { get; private set; }
    public string Reason { get; private set; } = default!;
    public decimal OverdueAmount { get; private set; }
    public Currency Currency { get; private set; }
    public string EscalatedBy { get; private set; } = default!;
    public DateTimeOffset EscalatedAt { get; private set; }
}
