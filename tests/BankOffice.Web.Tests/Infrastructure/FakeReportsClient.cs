using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written IReportsClient fake: records the queries the screens send and answers a set report, or a queued error first.</summary>
public sealed class FakeReportsClient : IReportsClient
{
    public List<AgingReportQuery> AgingQueries { get; } = [];
    public List<DsoReportQuery> DsoQueries { get; } = [];
    public List<CashFlowReportQuery> CashFlowQueries { get; } = [];
    public Queue<Exception> Errors { get; } = new();

    public AgingReportDto Aging { get; set; } = AgingReport();
    public DsoReportDto Dso { get; set; } = DsoReport(40.17m, 31m);
    public CashFlowReportDto CashFlow { get; set; } = CashFlowReport();
    public SystemReportDto System { get; set; } = SystemReport();

    public static AgingReportDto AgingReport(bool includeDisputed = true, AgingGroupBy groupBy = AgingGroupBy.Customer) =>
        new(new DateOnly(2027, 3, 10), Currency.TRY, groupBy, includeDisputed, new AgingSummaryDto(14_200m, 2_200m, 12_000m, 1_200m),
            [
                new AgingBucketDto(AgingBucket.CURRENT, 2_200m, 15.49m, 3), new AgingBucketDto(AgingBucket.DAYS_1_30, 2_000m, 14.08m, 1),
                new AgingBucketDto(AgingBucket.DAYS_31_60, 3_000m, 21.13m, 1), new AgingBucketDto(AgingBucket.DAYS_61_90, 2_500m, 17.61m, 1),
                new AgingBucketDto(AgingBucket.OVER_90_DAYS, 4_500m, 31.69m, 1),
            ],
            [new AgingDetailDto("C000007", "Bosphorus Trading Ltd", 0m, 0m, 3_000m, 2_500m, 0m, 5_500m, 1_200m)]);

    public static DsoReportDto DsoReport(decimal? dso, decimal? previous) =>
        new(DsoPeriod.MONTH, DsoComparison.PREVIOUS_PERIOD, Currency.TRY, new DateOnly(2027, 3, 10), new DsoRangeDto(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28), 28),
            16_500m, dso is null ? 0m : 11_500m, dso,
            new DsoFiguresDto(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 31, 14_000m, previous is null ? 0m : 14_000m, previous),
            dso is { } now && previous is { } then ? now - then : null);

    public static CashFlowReportDto CashFlowReport() =>
        new(new DateOnly(2027, 3, 10), new DateOnly(2027, 4, 6), CashFlowInterval.Weekly, Currency.TRY, new DateOnly(2027, 3, 10), 3_000m,
            [
                new CashFlowBucketDto(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 14), 0m, 0m, 0m, 0m, 0m),
                new CashFlowBucketDto(new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 21), 2_500m, 2_000m, 3_000m, 7_500m, 7_500m),
                new CashFlowBucketDto(new DateOnly(2027, 3, 22), new DateOnly(2027, 4, 6), 4_500m, 2_500m, 0m, 7_000m, 14_500m),
            ]);

    public static SystemReportDto SystemReport() =>
        new(DateTimeOffset.UnixEpoch, 8, [new RoleUsersDto("Customer", 1), new RoleUsersDto("Admin", 1)],
            [new AccountGroupDto(AccountType.CHECKING, AccountStatus.ACTIVE, 2), new AccountGroupDto(AccountType.SAVINGS, AccountStatus.SUSPENDED, 1)],
            [new CurrencyBalancesDto(Currency.TRY, 3, 1_250.50m, -500m, 750.50m)],
            new DateOnly(2027, 2, 9), new DateOnly(2027, 3, 10),
            [new DailyVolumeDto(new DateOnly(2027, 3, 9), Currency.TRY, 2, 400m), new DailyVolumeDto(new DateOnly(2027, 3, 10), Currency.TRY, 4, 1_850.50m)]);

    public Task<AgingReportDto> AgingAsync(AgingReportQuery query, CancellationToken ct = default)
    {
        AgingQueries.Add(query);
        return Answer(Aging);
    }

    public Task<DsoReportDto> DsoAsync(DsoReportQuery query, CancellationToken ct = default)
    {
        DsoQueries.Add(query);
        return Answer(Dso);
    }

    public Task<CashFlowReportDto> CashFlowAsync(CashFlowReportQuery query, CancellationToken ct = default)
    {
        CashFlowQueries.Add(query);
        return Answer(CashFlow);
    }

    public Task<SystemReportDto> SystemAsync(CancellationToken ct = default) => Answer(System);

    private Task<T> Answer<T>(T value) => Errors.TryDequeue(out var error) ? Task.FromException<T>(error) : Task.FromResult(value);
}
