using System.Security.Claims;
using BankOffice.Web.Services;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>
/// bUnit 1.9.8's TestContext fails on .NET 9 (it implements the removed IJSUnmarshalledRuntime), so this
/// small context wires bUnit's renderer itself, with a loose IJSRuntime, Radzen's services and real
/// authorization (the Web host's permission policies) over a settable user.
/// </summary>
public sealed class WebTestContext : TestContextBase
{
    public WebTestContext()
    {
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IJSRuntime, LooseJsRuntime>();
        Services.AddSingleton<IRenderedComponentActivator>(sp => new RenderedComponentActivator(sp));
        Services.AddSingleton<ITestRenderer>(sp => new WebTestRenderer(sp.GetRequiredService<IRenderedComponentActivator>(), Services, sp.GetRequiredService<ILoggerFactory>()));
        Services.AddSingleton<Bunit.Diffing.HtmlComparer>();
        Services.AddSingleton(sp => new BunitHtmlParser(sp.GetRequiredService<ITestRenderer>(), sp.GetRequiredService<Bunit.Diffing.HtmlComparer>(), this));
        Services.AddSingleton<FakeNavigationManager>(sp => new FakeNavigationManager(sp.GetRequiredService<ITestRenderer>()));
        Services.AddSingleton<NavigationManager>(sp => sp.GetRequiredService<FakeNavigationManager>());
        Services.AddRadzenComponents();
        Services.AddAuthorizationCore(PermissionPolicies.Add);
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton(AuthState);
        Services.AddSingleton<AuthenticationStateProvider>(AuthState);
        Services.AddScoped<ApiErrorHandler>();
        Services.AddSingleton<ICreditClient>(new FakeCreditClient()); // CreditAccountOverview embeds the credit limit history
    }

    public TestAuthenticationStateProvider AuthState { get; } = new();

    public FakeNavigationManager Navigation => Services.GetRequiredService<FakeNavigationManager>();

    /// <summary>Signs in a user with the given roles and permission claims.</summary>
    public void SignIn(string name, IEnumerable<string> roles, IEnumerable<string> permissions, string? customerId = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(SessionClaims.SessionId, "test-sid") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(permissions.Select(p => new Claim(BankOffice.Core.Security.Permissions.ClaimType, p)));
        if (customerId is not null)
        {
            claims.Add(new Claim(BankOffice.Core.Security.Permissions.CustomerIdClaimType, customerId));
        }

        AuthState.Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role)));
    }

    public IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        var collection = new ComponentParameterCollectionBuilder<TComponent>(parameters).Build();
        return (IRenderedComponent<TComponent>)Renderer.RenderComponent<TComponent>(collection);
    }
}

public sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
{
    private ClaimsPrincipal user = new(new ClaimsIdentity());

    public void Set(ClaimsPrincipal principal)
    {
        user = principal;
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
}

/// <summary>Answers every JS call with the default value, as Radzen's interop is not under test.</summary>
public sealed class LooseJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
}
