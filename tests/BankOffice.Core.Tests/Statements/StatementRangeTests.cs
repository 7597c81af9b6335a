using BankOffice.Core.Common;
using BankOffice.Core.Statements;
using FluentAssertions;

namespace BankOffice.Core.Tests.Statements;

public class StatementRangeTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void Resolve_NoDates_FromTheFirstOfTodaysMonthToToday()
    {
        StatementRange.Resolve(null, null, Today, 366).Should().Be((new DateOnly(2026, 11, 1), Today));
    }

    [Fact]
    public void Resolve_OnlyTo_FromTheFirstOfThatMonth()
    {
        StatementRange.Resolve(null, new DateOnly(2026, 2, 14), Today, 366).Should().Be((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 14)));
    }

    [Fact]
    public void Check_ExactlyTheMaximumSpan_Passes()
    {
        // 2026-01-01 to 2026-01-31 counts both ends: 31 days.
        StatementRange.Check(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), Today, 31).Should().BeEmpty();
    }

    [Fact]
    public void Check_OneDayOverTheMaximum_RangeTooLongWithTheDayCounts()
    {
        var problem = StatementRange.Check(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), Today, 31).Should().ContainSingle().Subject;

        problem.Code.Should().Be(StatementErrorCodes.RangeTooLong);
        problem.Field.Should().Be(StatementRange.ToField);
        problem.Message.Should().Be("A statement covers at most 31 days; 2026-01-01 to 2026-02-01 is 32 days.");
        problem.Details.Should().Contain("requestedDays", 32).And.Contain("maxSpanDays", 31);
    }

    [Fact]
    public void Check_FromAfterTo_ReportedAloneOnTheLastDay()
    {
        // Also longer than the maximum would be if read backwards; only the order is reported.
        StatementRange.Check(new DateOnly(2026, 11, 20), new DateOnly(2025, 1, 1), Today, 31).Should().Equal(
            new RangeProblem(StatementErrorCodes.InvalidDateRange, StatementRange.ToField, "The first day (2026-11-20) is after the last day (2025-01-01)."));
    }

    [Fact]
    public void Check_StartsTomorrow_InvalidDateRangeOnTheFirstDay()
    {
        StatementRange.Check(Today.AddDays(1), Today.AddDays(3), Today, 366).Should().ContainSingle()
            .Which.Should().Match<RangeProblem>(p => p.Code == StatementErrorCodes.InvalidDateRange && p.Field == StatementRange.FromField);
    }

    [Fact]
    public void Resolve_BrokenRule_ThrowsValidationWithTheRulesCode()
    {
        var act = () => StatementRange.Resolve(new DateOnly(2025, 1, 1), Today, Today, 366);

        act.Should().Throw<DomainException>().Where(e => e.Kind == DomainErrorKind.Validation && e.Code == StatementErrorCodes.RangeTooLong);
    }
}
