using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Receivables;

public class AgingBucketsTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private static AgingBuckets AddDaysLate(int daysLate, decimal balance) =>
        AgingBuckets.Empty.Add(AsOf.AddDays(-daysLate), AsOf, balance);

    [Theory]
    [InlineData(-30)] // due in a month
    [InlineData(-1)] // due tomorrow
    [InlineData(0)] // due today
    public void Add_NotYetDueOrDueToday_IsCurrent(int daysLate)
    {
        AddDaysLate(daysLate, 100.00m).Should().Be(new AgingBuckets(100.00m, 0, 0, 0, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(30)]
    public void Add_OneToThirtyDaysLate_IsDays1_30(int daysLate)
    {
        AddDaysLate(daysLate, 100.00m).Should().Be(new AgingBuckets(0, 100.00m, 0, 0, 0));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(60)]
    public void Add_ThirtyOneToSixtyDaysLate_IsDays31_60(int daysLate)
    {
        AddDaysLate(daysLate, 100.00m).Should().Be(new AgingBuckets(0, 0, 100.00m, 0, 0));
    }

    [Theory]
    [InlineData(61)]
    [InlineData(90)]
    public void Add_SixtyOneToNinetyDaysLate_IsDays61_90(int daysLate)
    {
        AddDaysLate(daysLate, 100.00m).Should().Be(new AgingBuckets(0, 0, 0, 100.00m, 0));
    }

    [Theory]
    [InlineData(91)]
    [InlineData(400)]
    public void Add_MoreThanNinetyDaysLate_IsOver90(int daysLate)
    {
        AddDaysLate(daysLate, 100.00m).Should().Be(new AgingBuckets(0, 0, 0, 0, 100.00m));
    }

    [Fact]
    public void Add_ExplicitCalendarDates_CountsDaysAcrossMonths()
    {
        // Due 31 May, as of 30 June: 30 days late. Due 30 May: 31 days late. Due 1 April: 90. Due 31 March: 91.
        var buckets = AgingBuckets.Empty
            .Add(new DateOnly(2025, 5, 31), AsOf, 1m)
            .Add(new DateOnly(2025, 5, 30), AsOf, 2m)
            .Add(new DateOnly(2025, 4, 1), AsOf, 4m)
            .Add(new DateOnly(2025, 3, 31), AsOf, 8m)
            .Add(new DateOnly(2025, 7, 1), AsOf, 16m);

        buckets.Should().Be(new AgingBuckets(16m, 1m, 2m, 4m, 8m));
    }

    [Fact]
    public void Add_SeveralBalances_AccumulatesPerBucketAndTotalSumsThem()
    {
        var buckets = AgingBuckets.Empty
            .Add(AsOf.AddDays(10), AsOf, 100.00m) // current
            .Add(AsOf, AsOf, 50.50m) // current
            .Add(AsOf.AddDays(-1), AsOf, 20.00m) // 1-30
            .Add(AsOf.AddDays(-30), AsOf, 30.00m) // 1-30
            .Add(AsOf.AddDays(-31), AsOf, 40.00m) // 31-60
            .Add(AsOf.AddDays(-60), AsOf, 5.25m) // 31-60
            .Add(AsOf.AddDays(-61), AsOf, 60.00m) // 61-90
            .Add(AsOf.AddDays(-90), AsOf, 0.01m) // 61-90
            .Add(AsOf.AddDays(-91), AsOf, 70.00m); // over 90

        buckets.Should().Be(new AgingBuckets(150.50m, 50.00m, 45.25m, 60.01m, 70.00m));
        buckets.Total.Should().Be(375.76m);
    }

    [Fact]
    public void Add_ToExistingBuckets_LeavesTheOriginalUnchanged()
    {
        var before = new AgingBuckets(1m, 2m, 3m, 4m, 5m);

        var after = before.Add(AsOf.AddDays(-45), AsOf, 10m);

        after.Should().Be(new AgingBuckets(1m, 2m, 13m, 4m, 5m));
        before.Should().Be(new AgingBuckets(1m, 2m, 3m, 4m, 5m));
    }

    [Fact]
    public void Total_Empty_IsZero() => AgingBuckets.Empty.Total.Should().Be(0m);

    [Fact]
    public void Total_EveryBucket_IsTheirSum() => new AgingBuckets(1.10m, 2.20m, 3.30m, 4.40m, 5.50m).Total.Should().Be(16.50m);
}
