using BankOffice.Core.Security;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen.Blazor;

namespace BankOffice.Web.Tests.Features.Periods;

/// <summary>A test context with the periods fake, a stopped clock (2026-11-20) and sign-ins by email (the API's RequestedBy).</summary>
public abstract class PeriodsTestBase : IDisposable
{
    protected const string Me = "admin@bankoffice.local";
    protected const string Other = "manager@bankoffice.local";

    protected PeriodsTestBase()
    {
        Ctx.Services.AddSingleton<IPeriodsClient>(Periods);
        Ctx.Services.AddSingleton<TimeProvider>(FakePeriodsClient.Clock);
    }

    protected WebTestContext Ctx { get; } = new();

    protected FakePeriodsClient Periods { get; } = new();

    public void Dispose()
    {
        Periods.Updates.Writer.TryComplete();
        Ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void SignInAs(string role, string name = Me) => Ctx.SignIn(name, [role], RolePermissions.For(role));

    /// <summary>Renders the dialog host, so DialogService.OpenAsync shows its content there.</summary>
    protected IRenderedComponent<RadzenDialog> DialogHost() => Ctx.Render<RadzenDialog>();

    protected static ApiException Problem(int status, string code, string detail) => new(status, code, status == 403 ? "Forbidden" : "Request refused", detail);

    /// <summary>The progress bar's value as it reads it out (aria-valuenow) and shows it (its label).</summary>
    protected static string Progress(IRenderedFragment cut)
    {
        var bar = cut.Find("[data-testid=close-progress-bar]");
        bar.QuerySelector(".rz-progressbar-label")!.TextContent.Should().StartWith(bar.GetAttribute("aria-valuenow") + "%");
        return bar.GetAttribute("aria-valuenow") + "%";
    }

    protected static IReadOnlyList<string> Messages(IRenderedFragment cut) => cut.FindAll(".validation-message").Select(m => m.TextContent.Trim()).ToList();
}
