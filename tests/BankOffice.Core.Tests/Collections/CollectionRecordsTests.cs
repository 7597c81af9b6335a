using BankOffice.Core.Collections;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Collections;

/// <summary>The insert-only records: what the constructors keep and how they tidy free text.</summary>
public class CollectionRecordsTests
{
    private static readonly DateTimeOffset At = new(2024, 1, 20, 11, 15, 0, TimeSpan.Zero);

    [Fact]
    public void CollectionActivity_FreeText_IsTrimmedAndBlankIsNull()
    {
        var promiseId = Guid.Parse("11111111-2222-4333-8444-555555555555");

        var activity = new CollectionActivity(Guid.Empty, "C001234", ActivityType.PHONE_CALL, "  Mr Wang ", ActivityOutcome.PROMISE_TO_PAY, " \n ",
            NextAction.FOLLOW_UP, new DateOnly(2024, 1, 26), promiseId, "collector.can", At);

        activity.ContactPerson.Should().Be("Mr Wang");
        activity.Notes.Should().BeNull();
        activity.Outcome.Should().Be(ActivityOutcome.PROMISE_TO_PAY);
        activity.PromiseId.Should().Be(promiseId);
        activity.NextActionDate.Should().Be(new DateOnly(2024, 1, 26));
        activity.CreatedAt.Should().Be(At);
    }

    [Fact]
    public void CollectionEscalation_New_KeepsTheOverdueAmountAndTrimsTheReason()
    {
        var escalation = new CollectionEscalation(Guid.Empty, "C001234", EscalationLevel.LEGAL, "  Three broken promises ", 150_000m, Currency.TRY, "manager.selin", At);

        escalation.Reason.Should().Be("Three broken promises");
        escalation.OverdueAmount.Should().Be(150_000m);
        escalation.Level.Should().Be(EscalationLevel.LEGAL);
        escalation.EscalatedBy.Should().Be("manager.selin");
        escalation.EscalatedAt.Should().Be(At);
    }
}
