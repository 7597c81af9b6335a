using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;

namespace BankOffice.Core.Tests.Reconciliation;

public class ReconciliationRulesTests
{
    private static readonly DateOnly StatementDate = new(2026, 1, 31);

    [Fact]
    public void Summarize_FeeOnStatementAndDepositInTransit_ExplainTheWholeDifference()
    {
        // Book 10,000.00. The bank took a fee of 25.00 we have not booked, and has not shown yet a
        // transfer of 1,500.00 we booked on the 31st. So the bank says 10,000.00 − 25.00 − 1,500.00 = 8,475.00.
        var figures = ReconciliationMath.Summarize(8_475.00m, 10_000.00m, [(2_000.00m, true), (-25.00m, false)], [1_500.00m]);

        figures.Should().Be(new ReconciliationFigures(MatchedCount: 1, MatchedAmount: 2_000.00m, UnmatchedStatementAmount: -25.00m, UnmatchedBookAmount: 1_500.00m,
            UnexplainedDifference: 0m));
    }

    [Fact]
    public void Summarize_StatementHigherThanExplained_LeavesAPositiveUnexplainedDifference()
    {
        // 8,500.00 − (10,000.00 + (−25.00) − 1,500.00) = 8,500.00 − 8,475.00 = 25.00: the bank holds 25.00 more than anything explains.
        var figures = ReconciliationMath.Summarize(8_500.00m, 10_000.00m, [(-25.00m, false)], [1_500.00m]);

        figures.UnexplainedDifference.Should().Be(25.00m);
    }

    [Fact]
    public void CheckSameAmount_OneCentApart_IsRefusedWithBothAmountsAndTheDifference()
    {
        var act = () => ReconciliationMath.CheckSameAmount(3, 100.00m, "PAY-2026-000007", 100.01m);

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Code.Should().Be(ReconciliationErrors.AmountMismatch);
        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Details.Should().Equal(new Dictionary<string, object?>
        {
            ["lineNo"] = 3, ["lineAmount"] = 100.0000m, ["paymentNumber"] = "PAY-2026-000007", ["paymentAmount"] = 100.0100m, ["difference"] = -0.0100m,
        });
    }

    [Fact]
    public void Check_LineWithEveryFieldWrong_ReportsEachProblemOnItsLine()
    {
        var problems = new List<StatementProblem>();

        var line = StatementRules.Check(4, StatementDate.AddDays(1), new string('R', 101), 0m, null, new string('D', 301), StatementDate, problems);

        line.Should().BeNull();
        problems.Select(p => (p.Line, p.Field)).Should().Equal((4, "date"), (4, "reference"), (4, "amount"), (4, "type"), (4, "description"));
    }

    [Theory]
    [InlineData("withdrawal", 50.00)]
    [InlineData("DEPOSIT", -50.00)]
    public void Check_SignAgainstItsType_IsRefused(string type, decimal amount)
    {
        var problems = new List<StatementProblem>();

        StatementRules.Check(2, StatementDate, "X-1", amount, type, null, StatementDate, problems).Should().BeNull();

        problems.Should().ContainSingle().Which.Field.Should().Be("amount");
    }

    [Fact]
    public void Check_GoodLine_IsTrimmedAndItsTypeUpperCased()
    {
        var problems = new List<StatementProblem>();

        var line = StatementRules.Check(1, StatementDate, "  DEP123456 ", -12.5m, " fee ", "  ", StatementDate, problems);

        problems.Should().BeEmpty();
        line.Should().Be(new StatementLineInput(1, StatementDate, "DEP123456", -12.5m, "FEE", null));
    }

    [Fact]
    public void Complete_WithUnexplainedDifference_IsRefusedAndStaysOpen()
    {
        var reconciliation = new BankReconciliation(Guid.NewGuid(), "004-1234567890", Currency.TRY, StatementDate, 100m, "teller", DateTimeOffset.UnixEpoch);

        var act = () => reconciliation.Complete(-0.01m, "teller", DateTimeOffset.UnixEpoch);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(ReconciliationErrors.Difference);
        reconciliation.Status.Should().Be(BankReconciliationStatus.OPEN);
    }

    [Fact]
    public void Complete_Twice_SecondIsAConflict()
    {
        var reconciliation = new BankReconciliation(Guid.NewGuid(), "004-1234567890", Currency.TRY, StatementDate, 100m, "teller", DateTimeOffset.UnixEpoch);
        reconciliation.Complete(0m, "teller", DateTimeOffset.UnixEpoch);

        var act = () => reconciliation.Complete(0m, "manager", DateTimeOffset.UnixEpoch);

        var refusal = act.Should().Throw<DomainException>().Which;
        (refusal.Kind, refusal.Code).Should().Be((DomainErrorKind.Conflict, ReconciliationErrors.Completed));
        reconciliation.CompletedBy.Should().Be("teller");
    }
}
