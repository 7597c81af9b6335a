using System.Text;
using System.Text.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Reconciliation;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Features.Reconciliation;

public sealed class StatementFormTests : IDisposable
{
    private const string Pasted = "date,reference,amount,type,description\n2026-01-15,DEP123456,100000.00,DEPOSIT,\n2026-01-31,,-25,FEE,fee\n";
    private readonly WebTestContext ctx = new();
    private readonly FakeReconciliationClient reconciliation = new();

    public StatementFormTests()
    {
        ctx.Services.AddSingleton<IReconciliationClient>(reconciliation);
        ctx.SignIn("teller@bankoffice.local", [Roles.Teller], RolePermissions.For(Roles.Teller));
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void StatementForm_PastedLines_SentAsACsvFileWithTheStatementThenTheWorkspaceOpens()
    {
        var cut = ctx.Render<StatementForm>();

        Fill(cut);
        cut.Find("[data-testid=statement-form]").Submit();

        cut.WaitForAssertion(() => ctx.Navigation.Uri.Should().EndWith($"/reconciliation/bank/{FakeReconciliationClient.ReconciliationId}"));
        var upload = reconciliation.Calls.Should().ContainSingle().Which.Request.Should().BeOfType<StatementUpload>().Subject;
        (upload.BankAccount, upload.StatementDate, upload.StatementBalance, upload.Currency, upload.FileName)
            .Should().Be(("004-1234567890", new DateOnly(2026, 1, 31), -150.25m, Currency.EUR, "pasted.csv"));
        Encoding.UTF8.GetString(upload.Content).Should().Be(Pasted);
    }

    [Fact]
    public void StatementForm_RefusedStatement_ListsEveryProblemByLineAndStays()
    {
        reconciliation.Errors.Enqueue(new ApiException(400, ReconciliationErrors.InvalidStatement, "Request refused", "The statement has 2 problem(s).", details: new Dictionary<string, JsonElement>
        {
            ["problems"] = JsonDocument.Parse("""
                [{"line":2,"field":"date","message":"\"15/01/2026\" is not a date in the form 2026-01-15."},
                 {"line":3,"field":"amount","message":"a FEE is money out, so its amount is negative (found 25)."}]
                """).RootElement.Clone(),
        }));
        var cut = ctx.Render<StatementForm>();

        Fill(cut);
        cut.Find("[data-testid=statement-form]").Submit();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=statement-problems] li").Select(li => li.TextContent).Should().Equal(
            "Line 2: \"15/01/2026\" is not a date in the form 2026-01-15.",
            "Line 3: a FEE is money out, so its amount is negative (found 25)."));
        cut.Find("[data-testid=error-message]").TextContent.Should().Be("The statement was not saved. Correct these lines and send it again.");
        ctx.Navigation.Uri.Should().NotContain("/reconciliation/bank/");
    }

    [Fact]
    public void StatementForm_UploadChosenButNoFile_AsksForTheFileAndSendsNothing()
    {
        var cut = ctx.Render<StatementForm>();
        cut.Find("[data-testid=statement-bank-account]").Change("004-1234567890");
        cut.Find("[data-testid=statement-date]").Change("2026-01-31");
        cut.Find("[data-testid=statement-balance]").Change("100");

        cut.Find("[data-testid=statement-form]").Submit();

        cut.Find(".validation-message").TextContent.Should().Be("Please choose the statement file (CSV).");
        reconciliation.Calls.Should().BeEmpty();
    }

    private static void Fill(IRenderedComponent<StatementForm> cut)
    {
        cut.Find("[data-testid=statement-bank-account]").Change("004-1234567890");
        cut.Find("[data-testid=statement-date]").Change("2026-01-31");
        cut.Find("[data-testid=statement-balance]").Change("-150,25");
        cut.Find("[data-testid=statement-currency]").Change("EUR");
        cut.Find("[data-testid=statement-source-paste]").Change("Paste");
        cut.Find("[data-testid=statement-pasted]").Change(Pasted);
    }
}
