using BankOffice.Core.Security;
using BankOffice.Web.Features.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace BankOffice.Web.Tests.Features.Statements;

public sealed class IssuedStatementsTests : StatementsTestBase
{
    [Fact]
    public void Open_Customer_ListsTheirStatementsWithEachFileAndNoStaffFilters()
    {
        Statements.Issued.Add(FakeStatementsClient.Statement(Own, FakeStatementsClient.File("pdf", 14_540), FakeStatementsClient.File("csv", 812)));
        Statements.Issued.Add(FakeStatementsClient.Statement(OwnSavings) with { Id = Guid.NewGuid() });
        SignInAsCustomer();

        var cut = Ctx.Render<IssuedStatements>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=issued-account-number]").Select(e => e.TextContent).Should().Equal(Own, OwnSavings));
        var pdf = cut.Find("[data-testid=issued-file-pdf]");
        pdf.GetAttribute("href").Should().Be($"/files/statements/{FakeStatementsClient.StatementId}/files/pdf");
        // 14,540 bytes / 1,024 = 14.199… KB.
        pdf.TextContent.Should().Contain("PDF").And.Contain("14.2 KB");
        cut.Find("[data-testid=issued-file-csv]").TextContent.Should().Contain("812 B");
        cut.Find("[data-testid=issued-no-files]").TextContent.Should().Be("Not stored yet");
        cut.Find("[data-testid=issued-closing]").TextContent.Should().Be("1,300.00 TRY");
        cut.FindAll("[data-testid=issued-account]").Should().BeEmpty();
        cut.FindAll("[data-testid=customer-picker]").Should().BeEmpty();
    }

    [Fact]
    public void Search_StaffByAccountNumber_AsksForThatAccountFromPageOne()
    {
        SignInAs(Roles.Teller, "teller@bankoffice.local");
        var cut = Ctx.Render<IssuedStatements>();
        cut.WaitForAssertion(() => Statements.IssuedQueries.Should().NotBeEmpty());

        cut.Find("[data-testid=issued-account] input, input[data-testid=issued-account]").Change($" {Own} ");

        cut.WaitForAssertion(() => Statements.IssuedQueries[^1].Should().Be(new IssuedStatementQuery(null, null, Own, 1, 20)));
    }

    [Fact]
    public void Open_ApiFails_ShowsNoRowsAndNotifies()
    {
        Statements.Errors.Enqueue(new ApiException(503, "API_UNAVAILABLE", "Service unavailable", "The bank service cannot be reached right now."));
        SignInAsCustomer();

        var cut = Ctx.Render<IssuedStatements>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=issued-grid]").TextContent.Should().Contain("No statements issued for this choice."));
        Ctx.Services.GetRequiredService<NotificationService>().Messages.Should().ContainSingle(m => m.Summary == "Service unavailable" && m.Detail == "The bank service cannot be reached right now.");
    }
}
