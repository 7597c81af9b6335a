using BankOffice.Core.Common;

namespace BankOffice.Core.Credit;

/// <summary>
/// A request for a (higher) credit limit with the applicant's financial data and trade references.
/// Decided once, by a credit.approve user who did not submit it (maker-checker).
/// </summary>
public sealed class CreditApplication
{
    public const int NumberMaxLength = 30;
    public const int TextMaxLength = 1000;
    public const int ConditionMaxLength = 300;
    public const int MaxConditions = 20;
    public const int MaxTradeReferences = 10;

    /// <summary>The database's guarantee of one PENDING application per customer, whatever races.</summary>
    public const string OnePendingIndex = "ux_credit_applications_one_pending";

    private CreditApplication()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal CurrentLimit { get; private set; }
    public decimal RequestedLimit { get; private set; }
    public string Justification { get; private set; } = default!;
    public decimal? AnnualRevenue { get; private set; }
    public decimal? CurrentRatio { get; private set; }
    public decimal? DebtRatio { get; private set; }
    public CreditApplicationStatus Status { get; private set; }
    public string SubmittedBy { get; private set; } = default!;
    public DateTimeOffset SubmittedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public decimal? ApprovedLimit { get; private set; }
    public List<string> Conditions { get; private set; } = [];
    public DateOnly? EffectiveDate { get; private set; }
    public DateOnly? ReviewDate { get; private set; }
    public string? DecisionNotes { get; private set; }
    public Guid? LimitChangeId { get; private set; }
    public uint Version { get; private set; }
    public List<TradeReference> TradeReferences { get; private set; } = [];

    public static string FormatNumber(int year, long sequence) => $"CA-{year}-{sequence:000000}";

    public static CreditApplication Submit(Guid id, string number, string customerId, Currency currency, decimal currentLimit, decimal requestedLimit, string justification,
        decimal? annualRevenue, decimal? currentRatio, decimal? debtRatio, IReadOnlyList<TradeReference> references, string submittedBy, DateTimeOffset now)
    {
        if (requestedLimit <= 0 || decimal.Round(requestedLimit, Money.Scale) != requestedLimit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The requested limit is greater than zero, with at most 4 decimals.");
        }

        if (requestedLimit == currentLimit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The requested limit equals the current limit ({currentLimit:0.00}).");
        }

        var application = new CreditApplication
        {
            Id = id, Number = number, CustomerId = customerId, Currency = currency, CurrentLimit = currentLimit, RequestedLimit = requestedLimit,
            Justification = justification.Trim(), AnnualRevenue = annualRevenue, CurrentRatio = currentRatio, DebtRatio = debtRatio,
            Status = CreditApplicationStatus.PENDING, SubmittedBy = submittedBy, SubmittedAt = now,
        };
        application.TradeReferences.AddRange(references.Select((r, i) => r.WithLine(id, i + 1)));
        return application;
    }

    /// <summary>
    /// Records the decision. The decider must not be the submitter; an approval or counter-offer
    /// gives the limit that the caller schedules as a limit change.
    /// </summary>
    public void Decide(CreditDecisionType decision, decimal? approvedLimit, IReadOnlyList<string> conditions, DateOnly effectiveDate, DateOnly? reviewDate,
        string? notes, string decidedBy, DateTimeOffset now)
    {
        if (Status != CreditApplicationStatus.PENDING)
        {
            throw DomainException.Conflict("APPLICATION_ALREADY_DECIDED", $"Application {Number} was already decided ({Status}).");
        }

        if (string.Equals(decidedBy, SubmittedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(DomainErrorKind.Forbidden, CreditErrors.MakerChecker, $"{decidedBy} submitted application {Number} and cannot decide it: a second credit officer must.");
        }

        switch (decision)
        {
            case CreditDecisionType.APPROVED:
                approvedLimit ??= RequestedLimit;
                if (approvedLimit <= 0)
                {
                    throw DomainException.Invalid(ErrorCodes.ValidationError, "An approval gives a limit greater than zero.");
                }

                break;
            case CreditDecisionType.COUNTER_OFFER:
                if (approvedLimit is not { } offered || offered <= 0 || offered >= RequestedLimit)
                {
                    throw DomainException.Invalid(ErrorCodes.ValidationError, "A counter-offer gives an approvedLimit above zero and below the requested limit.");
                }

                break;
            case CreditDecisionType.REJECTED:
                if (string.IsNullOrWhiteSpace(notes))
                {
                    throw DomainException.Invalid(ErrorCodes.ValidationError, "A rejection needs a reason (notes).");
                }

                approvedLimit = null;
                break;
        }

        if (approvedLimit is { } limit && decimal.Round(limit, Money.Scale) != limit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The approved limit has at most 4 decimals.");
        }

        if (reviewDate is { } review && review <= effectiveDate)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The review date is after the effective date.");
        }

        Status = decision switch
        {
            CreditDecisionType.APPROVED => CreditApplicationStatus.APPROVED,
            CreditDecisionType.COUNTER_OFFER => CreditApplicationStatus.COUNTER_OFFER,
            _ => CreditApplicationStatus.REJECTED,
        };
        ApprovedLimit = approvedLimit;
        Conditions = conditions.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        EffectiveDate = decision == CreditDecisionType.REJECTED ? null : effectiveDate;
        ReviewDate = decision == CreditDecisionType.REJECTED ? null : reviewDate;
        DecisionNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        DecidedBy = decidedBy;
        DecidedAt = now;
    }

    public void LinkLimitChange(Guid limitChangeId) => LimitChangeId = limitChangeId;
}

public sealed class TradeReference
{
    public const int FieldMaxLength = 200;

    private TradeReference()
    {
        // For EF Core.
    }

    public TradeReference(string company, string? contact, string? phone)
    {
        Company = company.Trim();
        Contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public Guid ApplicationId { get; private set; }
    public int LineNo { get; private set; }
    public string Company { get; private set; } = default!;
    public string? Contact { get; private set; }
    public string? Phone { get; private set; }

    internal TradeReference WithLine(Guid applicationId, int lineNo) =>
        new(Company, Contact, Phone) { ApplicationId = applicationId, LineNo = lineNo };
}

/// <summary>
/// One change of a customer's credit limit: who asked, who approved, why, when it takes effect and
/// when it was applied. Kept for ever as the limit history.
/// </summary>
public sealed class CreditLimitChange
{
    public const int ApprovalIdMaxLength = 30;
    public const int ReasonMaxLength = 500;

    private CreditLimitChange()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string ApprovalId { get; private set; } = default!;
    public string CustomerId { get; private set; } = default!;
    public Currency Currency { get; private set; }
    public decimal PreviousLimit { get; private set; }
    public decimal NewLimit { get; private set; }
    public DateOnly EffectiveDate { get; private set; }
    public DateOnly? ReviewDate { get; private set; }
    public string Reason { get; private set; } = default!;
    public LimitChangeSource Source { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public LimitChangeStatus Status { get; private set; }
    public string RequestedBy { get; private set; } = default!;
    public DateTimeOffset RequestedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? AppliedAt { get; private set; }
    public string? RejectedBy { get; private set; }
    public string? RejectionReason { get; private set; }
    public uint Version { get; private set; }

    public static string FormatApprovalId(int year, long sequence) => $"APR-{year}-{sequence:0000}";

    /// <summary>
    /// A change requested by <paramref name="requestedBy"/>. With <paramref name="approvedBy"/> it is
    /// approved at once (SCHEDULED, applied on its effective date); without, it waits for a second approver.
    /// </summary>
    public static CreditLimitChange Request(Guid id, string approvalId, string customerId, Currency currency, decimal previousLimit, decimal newLimit, DateOnly effectiveDate,
        DateOnly? reviewDate, string reason, LimitChangeSource source, Guid? applicationId, string requestedBy, string? approvedBy, DateTimeOffset now)
    {
        if (newLimit < 0 || decimal.Round(newLimit, Money.Scale) != newLimit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The new limit is zero or more, with at most 4 decimals.");
        }

        if (newLimit == previousLimit)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The new limit equals the current limit ({previousLimit:0.00}).");
        }

        if (reviewDate is { } review && review <= effectiveDate)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The review date is after the effective date.");
        }

        return new CreditLimitChange
        {
            Id = id, ApprovalId = approvalId, CustomerId = customerId, Currency = currency, PreviousLimit = previousLimit, NewLimit = newLimit,
            EffectiveDate = effectiveDate, ReviewDate = reviewDate, Reason = reason.Trim(), Source = source, ApplicationId = applicationId,
            RequestedBy = requestedBy, RequestedAt = now, ApprovedBy = approvedBy, ApprovedAt = approvedBy is null ? null : now,
            Status = approvedBy is null ? LimitChangeStatus.PENDING_APPROVAL : LimitChangeStatus.SCHEDULED,
        };
    }

    public void Approve(string approver, DateTimeOffset now)
    {
        RequirePending();
        if (string.Equals(approver, RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(DomainErrorKind.Forbidden, CreditErrors.MakerChecker, $"{approver} requested change {ApprovalId} and cannot approve it: a second approver must.");
        }

        Status = LimitChangeStatus.SCHEDULED;
        ApprovedBy = approver;
        ApprovedAt = now;
    }

    public void Reject(string approver, string reason)
    {
        RequirePending();
        Status = LimitChangeStatus.REJECTED;
        RejectedBy = approver;
        RejectionReason = reason.Trim();
    }

    public bool IsDue(DateOnly today) => Status == LimitChangeStatus.SCHEDULED && EffectiveDate <= today;

    /// <summary>Marks the change applied; the limit it replaced is whatever the account had at that moment.</summary>
    public void MarkApplied(decimal limitReplaced, DateTimeOffset now)
    {
        if (Status != LimitChangeStatus.SCHEDULED)
        {
            throw DomainException.Conflict(ErrorCodes.Conflict, $"Limit change {ApprovalId} is {Status}.");
        }

        PreviousLimit = limitReplaced;
        Status = LimitChangeStatus.APPLIED;
        AppliedAt = now;
    }

    private void RequirePending()
    {
        if (Status != LimitChangeStatus.PENDING_APPROVAL)
        {
            throw DomainException.Conflict("LIMIT_CHANGE_NOT_PENDING", $"Limit change {ApprovalId} is {Status}, not waiting for approval.");
        }
    }
}

/// <summary>A completed periodic credit review: the risk category it set and when the next one is due.</summary>
public sealed class CreditReview
{
    public const int NotesMaxLength = 1000;

    private CreditReview()
    {
        // For EF Core.
    }

    public CreditReview(Guid id, string customerId, Receivables.RiskCategory previousCategory, Receivables.RiskCategory riskCategory, DateOnly nextReviewDate, string? notes, string reviewedBy, DateTimeOffset now)
    {
        Id = id;
        CustomerId = customerId;
        PreviousCategory = previousCategory;
        RiskCategory = riskCategory;
        NextReviewDate = nextReviewDate;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        ReviewedBy = reviewedBy;
        ReviewedAt = now;
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public Receivables.RiskCategory PreviousCategory { get; private set; }
    public Receivables.RiskCategory RiskCategory { get; private set; }
    public DateOnly NextReviewDate { get; private set; }
    public string? Notes { get; private set; }
    public string ReviewedBy { get; private set; } = default!;
    public DateTimeOffset ReviewedAt { get; private set; }
}

public static class CreditErrors
{
    public const string MakerChecker = ErrorCodes.MakerChecker;
    public const string ApplicationNotFound = "APPLICATION_NOT_FOUND";
    public const string LimitChangeNotFound = "LIMIT_CHANGE_NOT_FOUND";
    public const string LimitChangePending = "LIMIT_CHANGE_PENDING";
}
