using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Credit;

// Wire contracts of the credit API (seed 003's field names where it gives them).

public sealed class FinancialDataRequest
{
    [Range(typeof(decimal), "0", "999999999999999")]
    public decimal? AnnualRevenue { get; set; }

    [Range(typeof(decimal), "0", "1000")]
    public decimal? CurrentRatio { get; set; }

    [Range(typeof(decimal), "0", "1000")]
    public decimal? DebtRatio { get; set; }
}

public sealed class TradeReferenceRequest
{
    [Required]
    [StringLength(TradeReference.FieldMaxLength)]
    public string? Company { get; set; }

    [StringLength(TradeReference.FieldMaxLength)]
    public string? Contact { get; set; }

    [StringLength(TradeReference.FieldMaxLength)]
    public string? Phone { get; set; }
}

public sealed class CreditApplicationRequest
{
    [Required]
    [StringLength(Customers.Customer.IdMaxLength)]
    public string? CustomerId { get; set; }

    [Required]
    [Range(typeof(decimal), "0.01", "999999999999999")]
    public decimal? RequestedLimit { get; set; }

    [Required]
    [StringLength(CreditApplication.TextMaxLength, MinimumLength = 3)]
    public string? Justification { get; set; }

    public FinancialDataRequest? FinancialData { get; set; }

    [MaxLength(CreditApplication.MaxTradeReferences)]
    public List<TradeReferenceRequest> TradeReferences { get; set; } = [];
}

public sealed record TradeReferenceDto(string Company, string? Contact, string? Phone);

public sealed record FinancialDataDto(decimal? AnnualRevenue, decimal? CurrentRatio, decimal? DebtRatio);

public sealed record CreditApplicationDto(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string CompanyName,
    Currency Currency,
    decimal CurrentLimit,
    decimal RequestedLimit,
    string Justification,
    FinancialDataDto FinancialData,
    IReadOnlyList<TradeReferenceDto> TradeReferences,
    CreditApplicationStatus Status,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    decimal? ApprovedLimit,
    IReadOnlyList<string> Conditions,
    DateOnly? EffectiveDate,
    DateOnly? ReviewDate,
    string? Notes,
    string? ApprovalId);

/// <summary>Seed 003's decision. approvedBy, when given, must be the signed-in approver (the API records who decided).</summary>
public sealed class CreditDecisionRequest
{
    [Required]
    public CreditDecisionType? Decision { get; set; }

    [Range(typeof(decimal), "0.01", "999999999999999")]
    public decimal? ApprovedLimit { get; set; }

    [MaxLength(CreditApplication.MaxConditions)]
    public List<string> Conditions { get; set; } = [];

    public DateOnly? EffectiveDate { get; set; }

    public DateOnly? ReviewDate { get; set; }

    [StringLength(256)]
    public string? ApprovedBy { get; set; }

    /// <summary>Required for a rejection: the reason the applicant is given.</summary>
    [StringLength(CreditApplication.TextMaxLength)]
    public string? Notes { get; set; }
}

public sealed record CreditApplicationQuery(
    int Page = 1,
    int Size = PageRequest.DefaultSize,
    CreditApplicationStatus? Status = null,
    string? CustomerId = null,
    bool AwaitingMe = false);

/// <summary>Seed 003's "Update Credit Limit".</summary>
public sealed class CreditLimitRequest
{
    [Required]
    [Range(typeof(decimal), "0", "999999999999999")]
    public decimal? NewLimit { get; set; }

    /// <summary>Defaults to today; a later date schedules the change.</summary>
    public DateOnly? EffectiveDate { get; set; }

    [Required]
    [StringLength(CreditLimitChange.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }

    [StringLength(256)]
    public string? ApprovedBy { get; set; }

    public DateOnly? ReviewDate { get; set; }
}

/// <summary>Seed 003's response, plus where the change stands (APPLIED, SCHEDULED, or PENDING_APPROVAL by a second approver).</summary>
public sealed record CreditLimitResponse(
    bool Success,
    decimal PreviousLimit,
    decimal NewLimit,
    string ApprovalId,
    LimitChangeStatus Status,
    DateOnly EffectiveDate,
    string Message);

public sealed record CreditLimitChangeDto(
    string ApprovalId,
    string CustomerId,
    Currency Currency,
    decimal PreviousLimit,
    decimal NewLimit,
    DateOnly EffectiveDate,
    DateOnly? ReviewDate,
    string Reason,
    LimitChangeSource Source,
    string? ApplicationNumber,
    LimitChangeStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? AppliedAt,
    string? RejectedBy,
    string? RejectionReason,
    string? CustomerName = null);

public sealed class LimitChangeRejectRequest
{
    [Required]
    [StringLength(CreditLimitChange.ReasonMaxLength, MinimumLength = 3)]
    public string? Reason { get; set; }
}

public sealed record CreditReviewQuery(
    DateOnly? DueDate = null,
    RiskCategory? Category = null,
    string? Reviewer = null,
    int Page = 1,
    int Size = PageRequest.DefaultSize);

public sealed record CreditReviewDueDto(
    string CustomerId,
    string CompanyName,
    Currency Currency,
    RiskCategory RiskCategory,
    decimal CreditLimit,
    decimal CurrentBalance,
    decimal? UtilisationPercent,
    int DaysOverdue,
    CreditStatus CreditStatus,
    DateOnly NextReviewDate,
    string? Reviewer,
    int DaysUntilDue);

public sealed class CompleteReviewRequest
{
    [Required]
    public RiskCategory? RiskCategory { get; set; }

    [Required]
    public DateOnly? NextReviewDate { get; set; }

    [StringLength(CreditReview.NotesMaxLength)]
    public string? Notes { get; set; }
}

public sealed record CreditReviewDto(
    Guid ReviewId,
    string CustomerId,
    RiskCategory PreviousCategory,
    RiskCategory RiskCategory,
    DateOnly NextReviewDate,
    string? Notes,
    string ReviewedBy,
    DateTimeOffset ReviewedAt);
