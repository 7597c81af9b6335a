using BankOffice.Core.Collections;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Collections;

public class CollectionCaseTests
{
    private const string Can = "collector.can";
    private const string Elif = "collector.elif";
    private static readonly DateTimeOffset OpenedAt = new(2024, 1, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = OpenedAt.AddHours(3);
    private static readonly DateOnly FollowUp = new(2024, 1, 26);

    private static CollectionCase Open() => CollectionCase.Open("C001234", OpenedAt);

    private static CollectionCase AssignedTo(string collector)
    {
        var @case = Open();
        @case.Assign(collector, OpenedAt);
        return @case;
    }

    private static CollectionCase Promised()
    {
        var @case = Open();
        @case.RecordActivity(Can, promised: true, NextAction.FOLLOW_UP, FollowUp, OpenedAt);
        return @case;
    }

    private static CollectionCase Escalated(EscalationLevel level)
    {
        var @case = AssignedTo(Can);
        @case.Escalate(level, OpenedAt);
        return @case;
    }

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Fact]
    public void Open_NewCase_IsPendingAndUnassigned()
    {
        var @case = Open();

        @case.Status.Should().Be(CaseStatus.PENDING);
        @case.AssignedTo.Should().BeNull();
        @case.UpdatedAt.Should().Be(OpenedAt);
    }

    // ---- Claim / Assign ----

    [Fact]
    public void Claim_Unassigned_TakesItAndStartsWork()
    {
        var @case = Open();

        @case.Claim(Can, Later);

        (@case.AssignedTo, @case.AssignedAt, @case.Status).Should().Be((Can, (DateTimeOffset?)Later, CaseStatus.IN_PROGRESS));
        @case.UpdatedAt.Should().Be(Later);
    }

    [Fact]
    public void Claim_AssignedToSomeoneElse_IsConflictCaseAssigned()
    {
        var @case = AssignedTo(Elif);

        var refusal = Refusal(() => @case.Claim(Can, Later));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("CASE_ASSIGNED");
        @case.AssignedTo.Should().Be(Elif);
        @case.AssignedAt.Should().Be(OpenedAt);
    }

    [Fact]
    public void Claim_AlreadyOwnInAnotherCase_IsAccepted()
    {
        var @case = AssignedTo(Can);

        @case.Claim("Collector.Can", Later);

        @case.Status.Should().Be(CaseStatus.IN_PROGRESS);
        @case.AssignedAt.Should().Be(Later);
    }

    [Fact]
    public void Assign_NullFromInProgress_IsPendingAgain()
    {
        var @case = AssignedTo(Can);

        @case.Assign(null, Later);

        (@case.AssignedTo, @case.AssignedAt, @case.Status).Should().Be(((string?)null, (DateTimeOffset?)null, CaseStatus.PENDING));
    }

    [Fact]
    public void Assign_NullWhilePromised_StaysPromised()
    {
        var @case = Promised();

        @case.Assign(null, Later);

        @case.Status.Should().Be(CaseStatus.PROMISED);
        @case.AssignedTo.Should().BeNull();
    }

    [Fact]
    public void Assign_ManagerReassigns_OverridesTheCurrentCollector()
    {
        var @case = AssignedTo(Elif);

        @case.Assign(Can, Later);

        (@case.AssignedTo, @case.AssignedAt, @case.Status).Should().Be((Can, (DateTimeOffset?)Later, CaseStatus.IN_PROGRESS));
    }

    // ---- RecordActivity ----

    [Fact]
    public void RecordActivity_PromiseOnUnassignedCase_IsPromisedAndAssignsTheCaller()
    {
        var @case = Open();

        @case.RecordActivity(Can, promised: true, NextAction.FOLLOW_UP, FollowUp, Later);

        @case.Status.Should().Be(CaseStatus.PROMISED);
        @case.AssignedTo.Should().Be(Can);
        @case.AssignedAt.Should().Be(Later);
        @case.NextAction.Should().Be(NextAction.FOLLOW_UP);
        @case.NextActionDate.Should().Be(FollowUp);
        @case.LastActivityAt.Should().Be(Later);
        @case.UpdatedAt.Should().Be(Later);
    }

    [Fact]
    public void RecordActivity_ByAnotherCollector_KeepsTheAssignee()
    {
        var @case = AssignedTo(Elif);

        @case.RecordActivity(Can, promised: false, NextAction.CALL_BACK, FollowUp, Later);

        @case.AssignedTo.Should().Be(Elif);
        @case.AssignedAt.Should().Be(OpenedAt);
        @case.Status.Should().Be(CaseStatus.IN_PROGRESS);
    }

    [Fact]
    public void RecordActivity_NoPromiseAfterAPromise_IsBackInProgress()
    {
        var @case = Promised();

        @case.RecordActivity(Can, promised: false, null, null, Later);

        @case.Status.Should().Be(CaseStatus.IN_PROGRESS);
        @case.NextAction.Should().BeNull();
        @case.NextActionDate.Should().BeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RecordActivity_OnEscalatedCase_StaysEscalated(bool promised)
    {
        var @case = Escalated(EscalationLevel.LEGAL);

        @case.RecordActivity(Can, promised, NextAction.FOLLOW_UP, FollowUp, Later);

        @case.Status.Should().Be(CaseStatus.ESCALATED);
        @case.EscalationLevel.Should().Be(EscalationLevel.LEGAL);
        @case.LastActivityAt.Should().Be(Later);
    }

    [Fact]
    public void RecordActivity_AfterPlanBreach_ClearsTheBreachMark()
    {
        // The breach raises the priority only until someone works the case again.
        var @case = AssignedTo(Can);
        @case.PlanBreached(OpenedAt);

        @case.RecordActivity(Can, promised: false, null, null, Later);

        @case.PlanBreachedAt.Should().BeNull();
    }

    // ---- PromiseResolved / PlanBreached ----

    [Fact]
    public void PromiseResolved_Assigned_IsInProgress()
    {
        var @case = Promised();

        @case.PromiseResolved(Later);

        @case.Status.Should().Be(CaseStatus.IN_PROGRESS);
        @case.UpdatedAt.Should().Be(Later);
    }

    [Fact]
    public void PromiseResolved_Unassigned_IsPending()
    {
        var @case = Promised();
        @case.Assign(null, OpenedAt);

        @case.PromiseResolved(Later);

        @case.Status.Should().Be(CaseStatus.PENDING);
    }

    [Fact]
    public void PromiseResolved_Escalated_StaysEscalated()
    {
        var @case = Escalated(EscalationLevel.MANAGER);

        @case.PromiseResolved(Later);

        @case.Status.Should().Be(CaseStatus.ESCALATED);
    }

    [Fact]
    public void PlanBreached_AssignedPromisedCase_IsInProgressWithTheBreachTime()
    {
        var @case = Promised();

        @case.PlanBreached(Later);

        (@case.Status, @case.PlanBreachedAt).Should().Be((CaseStatus.IN_PROGRESS, (DateTimeOffset?)Later));
        @case.UpdatedAt.Should().Be(Later);
    }

    [Fact]
    public void PlanBreached_Unassigned_IsPending()
    {
        var @case = Open();

        @case.PlanBreached(Later);

        (@case.Status, @case.PlanBreachedAt).Should().Be((CaseStatus.PENDING, (DateTimeOffset?)Later));
    }

    [Fact]
    public void PlanBreached_Escalated_StaysEscalated()
    {
        var @case = Escalated(EscalationLevel.AGENCY);

        @case.PlanBreached(Later);

        (@case.Status, @case.PlanBreachedAt).Should().Be((CaseStatus.ESCALATED, (DateTimeOffset?)Later));
    }

    // ---- Escalate ----

    [Fact]
    public void Escalate_InProgress_IsEscalatedToTheLevel()
    {
        var @case = AssignedTo(Can);

        @case.Escalate(EscalationLevel.MANAGER, Later);

        (@case.Status, @case.EscalationLevel, @case.EscalatedAt).Should().Be((CaseStatus.ESCALATED, (EscalationLevel?)EscalationLevel.MANAGER, (DateTimeOffset?)Later));
        @case.AssignedTo.Should().Be(Can);
    }

    [Theory]
    [InlineData(EscalationLevel.LEGAL, EscalationLevel.LEGAL)]
    [InlineData(EscalationLevel.LEGAL, EscalationLevel.MANAGER)]
    [InlineData(EscalationLevel.AGENCY, EscalationLevel.LEGAL)]
    public void Escalate_ToSameOrLowerLevel_IsConflictAlreadyEscalated(EscalationLevel current, EscalationLevel requested)
    {
        var @case = Escalated(current);

        var refusal = Refusal(() => @case.Escalate(requested, Later));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("ALREADY_ESCALATED");
        (@case.EscalationLevel, @case.EscalatedAt).Should().Be(((EscalationLevel?)current, (DateTimeOffset?)OpenedAt));
    }

    [Theory]
    [InlineData(EscalationLevel.MANAGER, EscalationLevel.LEGAL)]
    [InlineData(EscalationLevel.MANAGER, EscalationLevel.AGENCY)]
    [InlineData(EscalationLevel.LEGAL, EscalationLevel.AGENCY)]
    public void Escalate_ToHigherLevel_IsAccepted(EscalationLevel current, EscalationLevel requested)
    {
        var @case = Escalated(current);

        @case.Escalate(requested, Later);

        (@case.EscalationLevel, @case.EscalatedAt).Should().Be(((EscalationLevel?)requested, (DateTimeOffset?)Later));
    }
}
