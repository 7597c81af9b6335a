using BankOffice.Core.Security;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen.Blazor;

namespace BankOffice.Web.Tests.Components.Credit;

/// <summary>A test context with the credit fake, the customers fake, and sign-ins by email (the API's SubmittedBy/RequestedBy).</summary>
public abstract class CreditTestBase : IDisposable
{
    protected const string Me = "credit@bankoffice.local";
    protected const string Other = "manager@bankoffice.local";

    protected CreditTestBase()
    {
        Ctx.Services.AddSingleton<ICreditClient>(Credit);
        Ctx.Services.AddSingleton<ICustomersClient>(new FakeCustomersClient());
        Ctx.Services.AddSingleton<IReceivablesClient>(Receivables);
        Receivables.Accounts.Add(FakeReceivablesClient.Account());
    }

    protected WebTestContext Ctx { get; } = new();
    protected FakeCreditClient Credit { get; } = new();
    protected FakeReceivablesClient Receivables { get; } = new();

    public void Dispose()
    {
        Ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void SignInAs(string role, string name = Me, string? customerId = null) => Ctx.SignIn(name, [role], RolePermissions.For(role), customerId);

    /// <summary>Renders the dialog host, so DialogService.OpenAsync shows its content there.</summary>
    protected IRenderedComponent<RadzenDialog> DialogHost() => Ctx.Render<RadzenDialog>();

    protected static ApiException Problem(int status, string code, string detail) => new(status, code, status == 403 ? "Forbidden" : "Conflict", detail);

    protected static IReadOnlyList<string> Messages(IRenderedFragment cut) => cut.FindAll(".validation-message").Select(m => m.TextContent.Trim()).ToList();
}
