using BankOffice.Core.Security;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen.Blazor;

namespace BankOffice.Web.Tests.Components.Collections;

/// <summary>A test context with the fake collections client, a stopped clock and a signed-in user of one role.</summary>
public abstract class CollectionsTestBase : IDisposable
{
    protected CollectionsTestBase()
    {
        Ctx.Services.AddSingleton<ICollectionsClient>(Collections);
        Ctx.Services.AddSingleton<TimeProvider>(FakeCollectionsClient.Clock);
    }

    protected WebTestContext Ctx { get; } = new();

    protected FakeCollectionsClient Collections { get; } = new();

    public void Dispose()
    {
        Ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void SignInAs(string role, string? customerId = null) =>
        Ctx.SignIn($"{role.ToLowerInvariant()}@bankoffice.local", [role], RolePermissions.For(role), customerId);

    /// <summary>A collector signed in, and customer C000003 (Acme Ltd, 12,500.00 TRY overdue) in collections.</summary>
    protected void GivenCollectorWithCustomer()
    {
        Collections.Customers["C000003"] = FakeCollectionsClient.Customer();
        SignInAs(Roles.Collector);
    }

    /// <summary>The layout's dialog host, so DialogService dialogs render (in this separate root).</summary>
    protected IRenderedComponent<RadzenDialog> RenderDialogHost() => Ctx.Render<RadzenDialog>();

    protected static ApiException Problem(int status, string code, string detail) => new(status, code, status == 409 ? "Conflict" : "The request was refused", detail);
}
