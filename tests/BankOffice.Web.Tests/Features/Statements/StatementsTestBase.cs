using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using BankOffice.Web.Features.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BankOffice.Web.Tests.Features.Statements;

/// <summary>
/// A test context with the statements, accounts, receivables, customers and periods fakes, a stopped
/// clock (2026-11-20 10:00 UTC), the API's default statement limits and query-string parameters.
/// </summary>
public abstract class StatementsTestBase : IDisposable
{
    protected const string Own = "ACC-0193a000-0000-7000-8000-000000000001";
    protected const string OwnSavings = "ACC-0193a000-0000-7000-8000-000000000002";
    protected const string Customer = "C000001";

    protected StatementsTestBase()
    {
        Accounts.Accounts.Add(FakeAccountsClient.Account(Own, balance: 2_249.5m));
        Accounts.Accounts.Add(FakeAccountsClient.Account(OwnSavings) with { AccountType = AccountType.SAVINGS, Currency = Currency.EUR });
        Ctx.Services.AddSingleton<IStatementsClient>(Statements);
        Ctx.Services.AddSingleton<IAccountsClient>(Accounts);
        Ctx.Services.AddSingleton<IReceivablesClient>(Receivables);
        Ctx.Services.AddSingleton<ICustomersClient>(new FakeCustomersClient());
        Ctx.Services.AddSingleton<IPeriodsClient>(Periods);
        Ctx.Services.AddScoped<StatementTargets>();
        Ctx.Services.AddSingleton<TimeProvider>(FakePeriodsClient.Clock);
        Ctx.Services.AddSingleton(Options.Create(Limits));
        // [SupplyParameterFromQuery] reads the NavigationManager; bUnit's FakeNavigationManager needs the renderer, which
        // needs the query supplier, so together they wait on each other forever. A navigation manager of its own breaks the circle.
        Ctx.Services.AddSingleton<NavigationManager>(Navigation);
        Ctx.Services.AddSupplyValueFromQueryProvider();
    }

    protected WebTestContext Ctx { get; } = new();

    protected FakeStatementsClient Statements { get; } = new();

    protected FakeAccountsClient Accounts { get; } = new();

    protected FakeReceivablesClient Receivables { get; } = new();

    protected FakePeriodsClient Periods { get; } = new();

    protected StatementOptions Limits { get; } = new();

    protected QueryNavigationManager Navigation { get; } = new();

    public void Dispose()
    {
        Statements.Updates.Writer.TryComplete();
        Ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void SignInAsCustomer() => Ctx.SignIn("customer01@bankoffice.local", [Roles.Customer], RolePermissions.For(Roles.Customer), Customer);

    protected void SignInAs(string role, string name = "admin@bankoffice.local") => Ctx.SignIn(name, [role], RolePermissions.For(role));

    /// <summary>Renders a routed page as if opened at <paramref name="url"/> (its query parameters are read from there).</summary>
    protected IRenderedComponent<TPage> Open<TPage>(string url)
        where TPage : IComponent
    {
        Navigation.NavigateTo(url);
        return Ctx.Render<TPage>();
    }

    protected static IReadOnlyList<string> Messages(IRenderedFragment cut) => cut.FindAll(".validation-message").Select(m => m.TextContent.Trim()).ToList();
}

/// <summary>A navigation manager that only remembers where it was sent (no renderer needed).</summary>
public sealed class QueryNavigationManager : NavigationManager
{
    public QueryNavigationManager() => Initialize("http://localhost/", "http://localhost/");

    protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
}
