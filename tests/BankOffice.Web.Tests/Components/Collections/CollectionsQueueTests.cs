using BankOffice.Core.Collections;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Collections;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components.Collections;

public sealed class CollectionsQueueTests : CollectionsTestBase
{
    public CollectionsQueueTests()
    {
        Collections.Queue.Add(FakeCollectionsClient.Item("C000001"));
        Collections.Queue.Add(FakeCollectionsClient.Item("C000002", assignedTo: "cleo@bankoffice.local", priority: Priority.LOW));
    }

    [Fact]
    public void Queue_Collector_LoadsOwnQueueByPriorityAndShowsRows()
    {
        SignInAs(Roles.Collector);

        var cut = Ctx.Render<CollectionsQueue>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=queue-row-]").Should().HaveCount(2));
        var query = Collections.QueueQueries[0];
        query.Collector.Should().Be("me");
        (query.SortBy, query.SortOrder).Should().Be(("priority", "desc"));
        var row = cut.Find("[data-testid=queue-row-C000001]");
        row.QuerySelector("[data-testid=queue-customer]")!.GetAttribute("href").Should().Be("/collections/C000001");
        row.QuerySelector("[data-testid=queue-overdue]")!.TextContent.Should().Be("12,500.00 TRY");
        row.QuerySelector("[data-testid=queue-age]")!.TextContent.Should().Be("40 (31–45 days)");
        var priority = row.QuerySelector("[data-testid=queue-priority]")!;
        priority.TextContent.Should().Be("HIGH 75");
        priority.ClassList.Should().Contain("rz-badge-danger");
        priority.GetAttribute("title").Should().Be("Amount 20 + age 25 + risk 5 + broken promises 15 + plan breach 10 = 75 points");
    }

    [Fact]
    public void Queue_Manager_StartsWithEveryCollectorsCases()
    {
        SignInAs(Roles.Manager);

        var cut = Ctx.Render<CollectionsQueue>();

        cut.WaitForAssertion(() => Collections.QueueQueries.Should().NotBeEmpty());
        Collections.QueueQueries[0].Collector.Should().BeNull();
        cut.Find("[data-testid=filter-collector]").GetAttribute("value").Should().Be("all");
    }

    [Fact]
    public void Queue_FilterChanges_PassEveryFilterToTheClient()
    {
        SignInAs(Roles.Collector);
        var cut = Ctx.Render<CollectionsQueue>();
        cut.WaitForAssertion(() => Collections.QueueQueries.Should().HaveCount(1));

        cut.Find("[data-testid=filter-collector]").Change("unassigned");
        cut.Find("[data-testid=filter-age]").Change(AgeGroups.Over60);
        cut.Find("[data-testid=filter-priority]").Change("HIGH");
        cut.Find("[data-testid=filter-status]").Change("PROMISED");
        cut.Find("[data-testid=filter-search]").Change(" acme ");

        cut.WaitForAssertion(() => Collections.QueueQueries[^1].Search.Should().Be("acme"));
        Collections.QueueQueries[^1].Should().BeEquivalentTo(new CollectionQueueQuery("unassigned", AgeGroups.Over60, Priority.HIGH, CaseStatus.PROMISED, "acme", "priority", "desc", 1, 20));
    }

    [Fact]
    public void Queue_Collector_ShowsClaimOnlyOnUnassignedRowsAndNoAssign()
    {
        SignInAs(Roles.Collector);

        var cut = Ctx.Render<CollectionsQueue>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=queue-row-]").Should().HaveCount(2));
        cut.Find("[data-testid=queue-row-C000001]").QuerySelectorAll("[data-testid=case-claim]").Should().HaveCount(1);
        cut.Find("[data-testid=queue-row-C000002]").QuerySelectorAll("[data-testid=case-claim]").Should().BeEmpty();
        cut.FindAll("[data-testid=case-assign]").Should().BeEmpty();
    }

    [Fact]
    public void Queue_ManagerWithCollectionAssign_ShowsAssignOnEveryRow()
    {
        SignInAs(Roles.Manager);

        var cut = Ctx.Render<CollectionsQueue>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=case-assign]").Should().HaveCount(2));
    }

    [Fact]
    public void Claim_CaseTakenMeanwhile_ShowsCaseAssignedReadably()
    {
        SignInAs(Roles.Collector);
        var cut = Ctx.Render<CollectionsQueue>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=case-claim]").Should().HaveCount(1));
        Collections.Errors.Enqueue(Problem(409, CollectionsErrors.CaseAssigned, "The case of C000001 is assigned to cleo@bankoffice.local; a manager can reassign it."));

        cut.Find("[data-testid=case-claim]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should().Be(
            "Another collector already works this case. The case of C000001 is assigned to cleo@bankoffice.local; a manager can reassign it."));
        Collections.Posted.Should().ContainSingle().Which.Should().Be(("claim", "C000001", (object?)null));
    }

    [Fact]
    public void Assign_PickCollectorInDialog_AssignsAndReloadsTheQueue()
    {
        SignInAs(Roles.Manager);
        var dialogs = RenderDialogHost();
        var cut = Ctx.Render<CollectionsQueue>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=case-assign]").Should().HaveCount(2));
        var loads = Collections.QueueQueries.Count;

        cut.Find("[data-testid=queue-row-C000001] [data-testid=case-assign]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=assign-collector] option").Select(o => o.TextContent)
            .Should().Equal("(unassigned)", "Colin Collector (4 open)", "Cleo Collector (1 open)"));
        dialogs.Find("[data-testid=assign-collector]").Change("cleo@bankoffice.local");
        dialogs.Find("[data-testid=assign-form]").Submit();

        cut.WaitForAssertion(() => Collections.QueueQueries.Should().HaveCountGreaterThan(loads));
        var (action, id, request) = Collections.Posted.Should().ContainSingle().Subject;
        (action, id).Should().Be(("assign", "C000001"));
        request.Should().BeOfType<AssignCaseRequest>().Which.Collector.Should().Be("cleo@bankoffice.local");
    }
}
