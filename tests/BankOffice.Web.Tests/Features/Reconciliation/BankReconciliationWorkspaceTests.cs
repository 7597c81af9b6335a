using System.Text.Json;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Reconciliation;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Features.Reconciliation;

public sealed class BankReconciliationWorkspaceTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeReconciliationClient reconciliation = new();

    public BankReconciliationWorkspaceTests()
    {
        ctx.Services.AddSingleton<IReconciliationClient>(reconciliation);
        ctx.SignIn("teller@bankoffice.local", [Roles.Teller], RolePermissions.For(Roles.Teller));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Workspace_OpenWithADifference_ShowsBothSidesAndTheFiguresAndDisablesComplete()
    {
        var cut = Render();

        cut.FindAll("[data-testid^=statement-line-]").Should().HaveCount(2);
        cut.Find("[data-testid=statement-line-2] [data-testid=line-amount]").TextContent.Should().Be("-25.00 TRY");
        cut.FindAll("[data-testid^=book-item-PAY]").Should().ContainSingle().Which.GetAttribute("data-testid").Should().Be("book-item-PAY-2026-000041");
        cut.Find("[data-testid=figure-difference]").TextContent.Should().Be("-1,525.00 TRY");
        var unexplained = cut.Find("[data-testid=figure-unexplained]");
        unexplained.TextContent.Should().Be("-2,000.00 TRY");
        unexplained.ClassList.Should().Contain("rz-badge-danger");
        cut.Find("[data-testid=workspace-complete]").HasAttribute("disabled").Should().BeTrue();
        cut.FindAll("[data-testid=book-item-match]").Should().BeEmpty("no line is chosen yet");
    }

    [Fact]
    public void Workspace_MatchLineToPaymentByNumber_SendsBothAndEnablesComplete()
    {
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace());
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace(depositMatched: true));
        var cut = Render();

        cut.Find("[data-testid=statement-line-1] [data-testid=line-select]").Click();
        cut.Find("[data-testid=match-payment-number]").Change("PAY-2025-000042");
        cut.Find("[data-testid=match-by-number]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=figure-unexplained]").TextContent.Should().Be("0.00 TRY"));
        reconciliation.Calls[^1].Should().Be(("match", FakeReconciliationClient.DepositLineId.ToString(), (object)"PAY-2025-000042"));
        cut.Find("[data-testid=statement-line-1] [data-testid=line-status]").TextContent.Should().Be("MANUAL");
        cut.Find("[data-testid=statement-line-1] [data-testid=line-payment]").TextContent.Should().Be("PAY-2025-000042");
        cut.Find("[data-testid=figure-unexplained]").ClassList.Should().Contain("rz-badge-success");
        cut.Find("[data-testid=workspace-complete]").HasAttribute("disabled").Should().BeFalse();
        cut.FindAll("[data-testid=match-panel]").Should().BeEmpty();
    }

    [Fact]
    public void Workspace_BookItemOfAnotherAmount_ShowsBothAmountsAndKeepsTheLineChosen()
    {
        var cut = Render();
        reconciliation.Errors.Enqueue(new ApiException(400, ReconciliationErrors.AmountMismatch, "Request refused", "Line 1 is 2000.00 but payment PAY-2026-000041 is 1500.00.",
            details: Details("""{"lineNo":1,"lineAmount":2000.0000,"paymentNumber":"PAY-2026-000041","paymentAmount":1500.0000,"difference":500.0000}""")));

        cut.Find("[data-testid=statement-line-1] [data-testid=line-select]").Click();
        cut.Find("[data-testid=book-item-PAY-2026-000041] [data-testid=book-item-match]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-message]").TextContent.Should()
            .Be("Only equal amounts match: the statement line is 2,000.00 TRY but payment PAY-2026-000041 is 1,500.00 TRY (a difference of 500.00 TRY)."));
        reconciliation.Calls[^1].Should().Be(("match", FakeReconciliationClient.DepositLineId.ToString(), (object)FakeReconciliationClient.Transit.Id.ToString()));
        cut.Find("[data-testid=match-panel]").TextContent.Should().Contain("Matching line 1 (2,000.00 TRY on 2026-01-02)");
        cut.Find("[data-testid=statement-line-1] [data-testid=line-status]").TextContent.Should().Be("UNMATCHED");
    }

    [Fact]
    public void Workspace_Unmatch_SendsTheLineAndShowsItUnmatchedAgain()
    {
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace(depositMatched: true));
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace());
        var cut = Render();

        cut.Find("[data-testid=statement-line-1] [data-testid=line-unmatch]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=statement-line-1] [data-testid=line-status]").TextContent.Should().Be("UNMATCHED"));
        reconciliation.Calls[^1].Should().Be(("unmatch", FakeReconciliationClient.DepositLineId.ToString(), (object?)null));
        cut.Find("[data-testid=workspace-complete]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Workspace_Complete_SendsItAndLeavesNothingToChange()
    {
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace(depositMatched: true));
        reconciliation.Answers.Enqueue(FakeReconciliationClient.Workspace(depositMatched: true, status: BankReconciliationStatus.COMPLETED));
        var cut = Render();

        cut.Find("[data-testid=workspace-complete]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=workspace-status]").TextContent.Should().Be("COMPLETED"));
        reconciliation.Calls[^1].Action.Should().Be("complete");
        cut.Find("[data-testid=workspace-completed]").TextContent.Should().StartWith("Completed by manager@bankoffice.local");
        cut.FindAll("[data-testid=workspace-complete]").Should().BeEmpty();
        cut.FindAll("[data-testid=line-unmatch], [data-testid=line-select]").Should().BeEmpty();
    }

    private IRenderedComponent<BankReconciliationWorkspace> Render()
    {
        var cut = ctx.Render<BankReconciliationWorkspace>(p => p.Add(c => c.Id, FakeReconciliationClient.ReconciliationId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=workspace-title]").TextContent.Should().Be("004-1234567890 · 2026-01-31"));
        return cut;
    }

    private static Dictionary<string, JsonElement> Details(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
