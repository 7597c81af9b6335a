using System.Text.Json.Serialization;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Reports;

/// <summary>How the aging report's details are grouped: per customer, or per the credit account's current risk category.</summary>
public enum AgingGroupBy
{
    [JsonStringEnumMemberName("customer")]
    Customer,

    [JsonStringEnumMemberName("riskCategory")]
    RiskCategory,
}

/// <summary>Seed 003's aging buckets, by days past due on the report date.</summary>
public enum AgingBucket
{
    CURRENT,

    [JsonStringEnumMemberName("1_30_DAYS")]
    DAYS_1_30,

    [JsonStringEnumMemberName("31_60_DAYS")]
    DAYS_31_60,

    [JsonStringEnumMemberName("61_90_DAYS")]
    DAYS_61_90,

    OVER_90_DAYS,
}

/// <summary>The period DSO is measured over: the last complete calendar month, quarter or year.</summary>
public enum DsoPeriod
{
    MONTH,
    QUARTER,
    YEAR,
}

/// <summary>What DSO is compared with: the period just before, or the same period a year earlier.</summary>
public enum DsoComparison
{
    PREVIOUS_PERIOD,
    PREVIOUS_YEAR,
}

public enum CashFlowInterval
{
    [JsonStringEnumMemberName("daily")]
    Daily,

    [JsonStringEnumMemberName("weekly")]
    Weekly,

    [JsonStringEnumMemberName("monthly")]
    Monthly,
}

/// <summary>
/// GET /reports/aging. <see cref="AgingSummaryDto.TotalAR"/> is the sum of the buckets. With
/// includeDisputed=true the disputed part of each invoice stays in its bucket and
/// <see cref="AgingSummaryDto.Disputed"/> says how much of the total that is; with false it is
/// left out of the buckets (and of the total) and shown only in <see cref="AgingSummaryDto.Disputed"/>.
/// </summary>
public sealed record AgingReportDto(
    DateOnly ReportDate,
    Currency Currency,
    AgingGroupBy GroupBy,
    bool IncludeDisputed,
    AgingSummaryDto Summary,
    IReadOnlyList<AgingBucketDto> Aging,
    IReadOnlyList<AgingDetailDto> Details);

/// <summary>Overdue is every bucket past due (1-30 to over 90).</summary>
public sealed record AgingSummaryDto(decimal TotalAR, decimal Current, decimal Overdue, decimal Disputed);

/// <summary>One bucket: its amount, its share of the total in percent (2 decimals) and the invoices with an amount in it.</summary>
public sealed record AgingBucketDto(AgingBucket Bucket, decimal Amount, decimal Percentage, int Count);

/// <summary>A customer (key: customer id) or a risk category (key: A-D) with its buckets.</summary>
public sealed record AgingDetailDto(
    string Key,
    string Name,
    decimal Current,
    decimal Days1_30,
    decimal Days31_60,
    decimal Days61_90,
    decimal Over90,
    decimal Total,
    decimal Disputed);

/// <summary>
/// GET /reports/dso: receivables outstanding at the end of the period ÷ credit sales of the period
/// × its days. <see cref="Dso"/> is null when the period had no credit sales (zero or less after credit notes).
/// </summary>
public sealed record DsoReportDto(
    DsoPeriod PeriodType,
    DsoComparison CompareWith,
    Currency Currency,
    DateOnly AsOf,
    DsoRangeDto Period,
    decimal Receivables,
    decimal CreditSales,
    decimal? Dso,
    DsoFiguresDto Comparison,
    decimal? Change);

public sealed record DsoRangeDto(DateOnly From, DateOnly To, int Days);

public sealed record DsoFiguresDto(DateOnly From, DateOnly To, int Days, decimal Receivables, decimal CreditSales, decimal? Dso);

/// <summary>
/// GET /reports/cash-flow: the inflows expected from what is open on <see cref="AsOf"/> (today).
/// <see cref="Overdue"/> is what was due before today and is still unpaid (invoices, and installments
/// of active plans); it belongs to no bucket. <see cref="CashFlowBucketDto.Cumulative"/> runs over
/// the buckets only.
/// </summary>
public sealed record CashFlowReportDto(
    DateOnly From,
    DateOnly To,
    CashFlowInterval Interval,
    Currency Currency,
    DateOnly AsOf,
    decimal Overdue,
    IReadOnlyList<CashFlowBucketDto> Buckets);

public sealed record CashFlowBucketDto(DateOnly Start, DateOnly End, decimal Invoices, decimal Installments, decimal Promises, decimal Total, decimal Cumulative);

/// <summary>
/// GET /reports/system (seed 002's system report, admins only). Volumes count every journal entry
/// by the UTC day it was posted: deposits, withdrawals, transfers, receivables documents, reversals
/// and opening entries alike, each with its amount (the sum of its credit lines).
/// </summary>
public sealed record SystemReportDto(
    DateTimeOffset GeneratedAt,
    int TotalUsers,
    IReadOnlyList<RoleUsersDto> UsersByRole,
    IReadOnlyList<AccountGroupDto> Accounts,
    IReadOnlyList<CurrencyBalancesDto> Balances,
    DateOnly VolumeFrom,
    DateOnly VolumeTo,
    IReadOnlyList<DailyVolumeDto> DailyVolumes);

/// <summary>Users holding a role (a user with two roles counts in both).</summary>
public sealed record RoleUsersDto(string Role, int Users);

public sealed record AccountGroupDto(AccountType Type, AccountStatus Status, int Accounts);

/// <summary>Customer accounts in one currency: deposits (every non-LOAN balance), loans (LOAN balances, zero or negative) and their sum.</summary>
public sealed record CurrencyBalancesDto(Currency Currency, int Accounts, decimal Deposits, decimal Loans, decimal Total);

/// <summary>Journal entries posted on one UTC day in one currency; every day of the window is listed for every currency that moved in it.</summary>
public sealed record DailyVolumeDto(DateOnly Date, Currency Currency, int Count, decimal Amount);

/// <summary>The aging report's options (the Web's client sends them as query parameters).</summary>
public sealed record AgingReportQuery(DateOnly? AsOfDate = null, AgingGroupBy GroupBy = AgingGroupBy.Customer, bool IncludeDisputed = true, Currency Currency = ReportOptions.DefaultCurrency);

public sealed record DsoReportQuery(DsoPeriod Period = DsoPeriod.MONTH, DsoComparison CompareWith = DsoComparison.PREVIOUS_PERIOD, DateOnly? AsOf = null, Currency Currency = ReportOptions.DefaultCurrency);

public sealed record CashFlowReportQuery(DateOnly? FromDate = null, DateOnly? ToDate = null, CashFlowInterval Interval = CashFlowInterval.Weekly, Currency Currency = ReportOptions.DefaultCurrency);
