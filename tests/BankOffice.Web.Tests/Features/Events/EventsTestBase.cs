using BankOffice.Core.Security;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen.Blazor;

namespace BankOffice.Web.Tests.Features.Events;

/// <summary>A test context with the events and webhooks fakes, a stopped clock (2026-11-20 10:00 UTC) and the admin signed in.</summary>
public abstract class EventsTestBase : IDisposable
{
    protected EventsTestBase()
    {
        Ctx.Services.AddSingleton<IEventsClient>(Events);
        Ctx.Services.AddSingleton<IWebhooksClient>(Webhooks);
        Ctx.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(FakeEventsClient.Now));
        Ctx.SignIn("admin@bankoffice.local", [Roles.Admin], RolePermissions.For(Roles.Admin));
    }

    protected WebTestContext Ctx { get; } = new();

    protected FakeEventsClient Events { get; } = new();

    protected FakeWebhooksClient Webhooks { get; } = new();

    public void Dispose()
    {
        Ctx.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The layout's dialog host, so DialogService dialogs render (in this separate root).</summary>
    protected IRenderedComponent<RadzenDialog> DialogHost() => Ctx.Render<RadzenDialog>();

    protected static ApiException Problem(int status, string code, string detail) =>
        new(status, code, status switch { 403 => "Forbidden", 409 => "Conflict", _ => "Request refused" }, detail);

    protected static IReadOnlyList<string> Messages(IRenderedFragment cut) => cut.FindAll(".validation-message").Select(m => m.TextContent.Trim()).ToList();
}
