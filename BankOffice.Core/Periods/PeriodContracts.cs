using BankOffice.Core.Common;

namespace BankOffice.Core.Periods;

/// <summary>Seed 003's period status, plus who closed it and how often it was reopened.</summary>
public sealed record PeriodDto(
    string Period, PeriodStatus Status, DateOnly StartDate, DateOnly EndDate, DateOnly CloseDeadline,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? ApprovedBy, int ReopenCount, DateOnly? ExpectedCloseDate,
    Guid? LastRunId, CloseRunStatus? LastRunStatus, ReopenRequestDto? PendingReopen);

/// <summary>Seed 003's close request.</summary>
public sealed record ClosePeriodRequest(DateTimeOffset? CutoffDateTime, bool IncludeAccruals = true, bool RunProvision = true, string? ApprovedBy = null);

public sealed record CloseStepDto(CloseStep Step, CloseStepStatus Status, long Processed, long Total, string? Message, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record CloseExceptionDto(string Kind, string Reference, Currency Currency, decimal Expected, decimal Actual, decimal Difference, string Message);

public sealed record CloseRunDto(
    Guid Id, string Period, CloseRunStatus Status, int Progress, CloseStep? CurrentStep, DateTimeOffset CutoffDateTime,
    bool IncludeAccruals, bool RunProvision, string RequestedBy, string ApprovedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Attempts, string? Error, IReadOnlyList<CloseStepDto> Steps, IReadOnlyList<CloseExceptionDto> Exceptions, CloseSummaryDto? Summary);

/// <summary>What a finished close booked and wrote.</summary>
public sealed record CloseSummaryDto(
    IReadOnlyList<CurrencyAmountDto> InterestBooked, int InterestAccounts, IReadOnlyList<ProvisionDto> Provisions,
    int BalanceSnapshots, int AgingSnapshots, int Statements);

public sealed record CurrencyAmountDto(Currency Currency, decimal Amount);

public sealed record ProvisionDto(Currency Currency, decimal Current, decimal Days1_30, decimal Days31_60, decimal Days61_90, decimal Over90, decimal Required, decimal Previous, decimal Adjustment);

/// <summary>Seed 003's reopen request.</summary>
public sealed record ReopenPeriodRequest(string? Reason, string? AuthorizedBy, DateOnly? ExpectedCloseDate);

public sealed record ReopenDecisionRequest(string? Note);

public sealed record ReopenRequestDto(
    Guid Id, string Period, ReopenStatus Status, string Reason, string RequestedBy, string AuthorizedBy, DateOnly ExpectedCloseDate,
    DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

public sealed record PeriodAuditDto(string Period, string Action, string Actor, string? Details, DateTimeOffset At);

public sealed record StatementRecordDto(
    Guid Id, string Period, string AccountNumber, string CustomerId, Currency Currency, DateOnly FromDate, DateOnly ToDate,
    decimal Opening, decimal Credits, decimal Debits, decimal Closing, int LineCount, int Version, DateTimeOffset IssuedAt);
