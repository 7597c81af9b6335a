using BankOffice.Core.Statements;
using BankOffice.Hosting;
using BankOffice.Web.Components;
using BankOffice.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

builder.Configuration.AddSharedSettings();
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
    && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")) && builder.Configuration["Hosts:WebUrl"] is { Length: > 0 } webUrl)
{
    builder.WebHost.UseUrls(webUrl);
}

// Serve _content/... (Radzen) also when the host runs from bin/ outside Development.
builder.WebHost.UseStaticWebAssets();

builder.Logging.AddJsonConsole();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddHealthChecks();
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
// The API's statement limits (shared appsettings.json), so the statement page checks a range as the API will.
builder.Services.AddOptions<StatementOptions>().Bind(builder.Configuration.GetSection(StatementOptions.SectionName));
builder.Services.AddSingleton<TokenStore>();
builder.Services.AddScoped<IAccessTokenProvider, CircuitAccessTokenProvider>();
builder.Services.AddScoped<SignInService>();
builder.Services.AddScoped<ApiErrorHandler>();

static void ConfigureApi(IServiceProvider sp, HttpClient client)
{
    client.BaseAddress = sp.GetRequiredService<IOptions<ApiOptions>>().Value.ApiV1Address;
    client.Timeout = TimeSpan.FromSeconds(30);
}

builder.Services.AddHttpClient(AuthApiClient.HttpClientName, ConfigureApi);
builder.Services.AddHttpClient<AuthApiClient>(ConfigureApi);
builder.Services.AddHttpClient<IAccountsClient, AccountsClient>(ConfigureApi);
builder.Services.AddHttpClient<ICustomersClient, CustomersClient>(ConfigureApi);
builder.Services.AddHttpClient<IUsersClient, UsersClient>(ConfigureApi);
builder.Services.AddHttpClient<IDashboardClient, DashboardClient>(ConfigureApi);
builder.Services.AddHttpClient<IProfileClient, ProfileClient>(ConfigureApi);
builder.Services.AddHttpClient<ITransactionsClient, TransactionsClient>(ConfigureApi);
builder.Services.AddHttpClient<IReceivablesClient, ReceivablesClient>(ConfigureApi);
builder.Services.AddHttpClient<ICreditClient, CreditClient>(ConfigureApi);
builder.Services.AddHttpClient<ICollectionsClient, CollectionsClient>(ConfigureApi);
builder.Services.AddHttpClient<IReconciliationClient, ReconciliationClient>(ConfigureApi);
builder.Services.AddHttpClient<IReportsClient, ReportsClient>(ConfigureApi);
builder.Services.AddHttpClient<IPeriodsClient, PeriodsClient>(ConfigureApi);
builder.Services.AddHttpClient<IStatementsClient, StatementsClient>(ConfigureApi);
builder.Services.AddHttpClient<IEventsClient, EventsClient>(ConfigureApi);
builder.Services.AddHttpClient<IWebhooksClient, WebhooksClient>(ConfigureApi);
builder.Services.AddHttpClient<FileDownloadProxy>((sp, client) =>
{
    ConfigureApi(sp, client);
    client.Timeout = FileDownloadProxy.HeadersTimeout;
});
builder.Services.AddScoped<BankOffice.Web.Features.Statements.StatementTargets>();

builder.Services.AddCascadingAuthenticationState();
builder.Services
    .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "BankOffice.Auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = "/account/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/access-denied";
        options.ExpireTimeSpan = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()?.SessionIdleTimeout ?? TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = context =>
        {
            // No tokens for this session on the server (Web host restarted, refresh failed, signed out): reject the cookie.
            var store = context.HttpContext.RequestServices.GetRequiredService<TokenStore>();
            if (!store.Contains(context.Principal?.FindFirst(SessionClaims.SessionId)?.Value))
            {
                context.RejectPrincipal();
                return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            return Task.CompletedTask;
        };
    });
builder.Services.AddAuthorization(PermissionPolicies.Add);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health");

app.MapPost("/account/logout", async (HttpContext context, SignInService signIn, [FromForm] string? returnUrl) =>
{
    await signIn.SignOutAsync(context, context.RequestAborted);
    return TypedResults.LocalRedirect("/account/login");
});

app.MapFileDownloads();

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
