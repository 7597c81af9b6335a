using BankOffice.Core.Common;

namespace BankOffice.Core.Periods;

/// <summary>
/// One month of the books. OPEN -&gt; CLOSING (a close is running) -&gt; CLOSED, or back to OPEN when
/// the close is blocked; a CLOSED period is reopened only through an approved <see cref="PeriodReopenRequest"/>.
/// </summary>
public sealed class AccountingPeriod
{
    public const int UserMaxLength = 256;

    private AccountingPeriod()
    {
        // For EF Core.
    }

    /// <summary>"2026-10".</summary>
    public string Id { get; private set; } = default!;
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }

    /// <summary>The day by which the period should be closed (end date + <c>Periods:CloseDeadlineDays</c>).</summary>
    public DateOnly CloseDeadline { get; private set; }
    public PeriodStatus Status { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public string? ApprovedBy { get; private set; }
    public int ReopenCount { get; private set; }
    public DateOnly? ExpectedCloseDate { get; private set; }
    public uint Version { get; private set; }

    public PeriodKey Key => PeriodKey.Parse(Id);

    public static AccountingPeriod Create(PeriodKey key, int closeDeadlineDays) => new()
    {
        Id = key.ToString(),
        StartDate = key.Start,
        EndDate = key.End,
        CloseDeadline = key.End.AddDays(closeDeadlineDays),
        Status = PeriodStatus.OPEN,
    };

    /// <summary>Starts a close: from now on only the close itself posts into the period.</summary>
    public void BeginClose(DateOnly today)
    {
        if (Status != PeriodStatus.OPEN)
        {
            throw Status == PeriodStatus.CLOSING
                ? DomainException.Conflict(PeriodErrorCodes.CloseInProgress, $"Period {Id} is already being closed.")
                : DomainException.Rule(PeriodErrorCodes.PeriodNotOpen, $"Period {Id} is {Status}; only an OPEN period can be closed.");
        }

        if (today <= EndDate)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodNotEnded, $"Period {Id} ends on {EndDate:yyyy-MM-dd}; it can be closed from the next day.");
        }
    }

    public void MarkClosing() => Status = PeriodStatus.CLOSING;

    /// <summary>The close found exceptions (or failed): the period takes postings again so they can be corrected.</summary>
    public void AbortClose()
    {
        if (Status == PeriodStatus.CLOSING)
        {
            Status = PeriodStatus.OPEN;
        }
    }

    public void CompleteClose(string closedBy, string approvedBy, DateTimeOffset now)
    {
        if (Status != PeriodStatus.CLOSING)
        {
            throw DomainException.Conflict(PeriodErrorCodes.PeriodNotOpen, $"Period {Id} is {Status}, not CLOSING.");
        }

        Status = PeriodStatus.CLOSED;
        ClosedAt = now;
        ClosedBy = closedBy;
        ApprovedBy = approvedBy;
        ExpectedCloseDate = null;
    }

    public void Reopen(DateOnly expectedCloseDate)
    {
        if (Status != PeriodStatus.CLOSED)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodNotClosed, $"Period {Id} is {Status}; only a CLOSED period can be reopened.");
        }

        Status = PeriodStatus.OPEN;
        ReopenCount++;
        ExpectedCloseDate = expectedCloseDate;
    }
}

/// <summary>
/// A request to reopen a CLOSED period. Takes effect only when approved by a second period.close
/// user who is not the requester (maker-checker); decided once.
/// </summary>
public sealed class PeriodReopenRequest
{
    public const int ReasonMaxLength = 500;

    /// <summary>The database's guarantee of one pending request per period.</summary>
    public const string OnePendingIndex = "ux_period_reopen_requests_one_pending";

    private PeriodReopenRequest()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Period { get; private set; } = default!;
    public string Reason { get; private set; } = default!;
    public string RequestedBy { get; private set; } = default!;

    /// <summary>Who the requester named as authorizer (seed 003's <c>authorizedBy</c>); any other period.close user may decide.</summary>
    public string AuthorizedBy { get; private set; } = default!;
    public DateOnly ExpectedCloseDate { get; private set; }
    public ReopenStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }

    public static PeriodReopenRequest Create(Guid id, AccountingPeriod period, string reason, string requestedBy, string authorizedBy, DateOnly expectedCloseDate, DateOnly today, DateTimeOffset now)
    {
        if (period.Status != PeriodStatus.CLOSED)
        {
            throw DomainException.Rule(PeriodErrorCodes.PeriodNotClosed, $"Period {period.Id} is {period.Status}; only a CLOSED period can be reopened.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"A reason (at most {ReasonMaxLength} characters) is required to reopen a period.");
        }

        if (string.IsNullOrWhiteSpace(authorizedBy))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "authorizedBy names the second approver.");
        }

        if (string.Equals(authorizedBy.Trim(), requestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.MakerChecker, "A reopen needs a second approver: authorizedBy cannot be the requester.");
        }

        if (expectedCloseDate < today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "expectedCloseDate cannot be in the past.");
        }

        return new PeriodReopenRequest
        {
            Id = id,
            Period = period.Id,
            Reason = reason.Trim(),
            RequestedBy = requestedBy,
            AuthorizedBy = authorizedBy.Trim(),
            ExpectedCloseDate = expectedCloseDate,
            Status = ReopenStatus.PENDING_APPROVAL,
            RequestedAt = now,
        };
    }

    /// <summary>Checks first, then reopens the period, then records the decision: a refusal leaves the request untouched.</summary>
    public void Approve(AccountingPeriod period, string approver, string? note, DateTimeOffset now)
    {
        EnsureDecidableBy(approver);
        period.Reopen(ExpectedCloseDate);
        Record(approver, note, now);
        Status = ReopenStatus.APPROVED;
    }

    public void Reject(string approver, string? note, DateTimeOffset now)
    {
        EnsureDecidableBy(approver);
        Record(approver, note, now);
        Status = ReopenStatus.REJECTED;
    }

    private void EnsureDecidableBy(string approver)
    {
        if (Status != ReopenStatus.PENDING_APPROVAL)
        {
            throw DomainException.Conflict(PeriodErrorCodes.ReopenAlreadyDecided, $"This reopen request was already {Status}.");
        }

        if (string.Equals(approver, RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.MakerChecker, $"{approver} asked for this reopen and cannot approve it: a second approver must.");
        }
    }

    private void Record(string approver, string? note, DateTimeOffset now)
    {
        DecidedBy = approver;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, ReasonMaxLength)];
    }
}

/// <summary>Every act on a period (close started, blocked, finished; reopen asked, approved, rejected), kept for audit.</summary>
public sealed class PeriodAuditEntry
{
    public const int ActionMaxLength = 40;
    public const int DetailsMaxLength = 2000;

    private PeriodAuditEntry()
    {
        // For EF Core.
    }

    public PeriodAuditEntry(string period, string action, string actor, string? details, DateTimeOffset at)
    {
        Period = period;
        Action = action;
        Actor = actor;
        Details = details is { Length: > DetailsMaxLength } ? details[..DetailsMaxLength] : details;
        At = at;
    }

    public long Id { get; private set; }
    public string Period { get; private set; } = default!;
    public string Action { get; private set; } = default!;
    public string Actor { get; private set; } = default!;
    public string? Details { get; private set; }
    public DateTimeOffset At { get; private set; }
}
