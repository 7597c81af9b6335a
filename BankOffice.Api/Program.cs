using System.Text.Json.Serialization;
using BankOffice.Api.Accounts;
using BankOffice.Api.Auth;
using BankOffice.Api.Collections;
using BankOffice.Api.Periods;
using BankOffice.Api.Credit;
using BankOffice.Api.Customers;
using BankOffice.Api.Dashboard;
using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Api.Receivables;
using BankOffice.Api.Reconciliation;
using BankOffice.Api.Reports;
using BankOffice.Hosting;
using BankOffice.Api.Seeding;
using BankOffice.Api.Statements;
using BankOffice.Api.Statements.Documents;
using BankOffice.Api.Users;
using BankOffice.Api.Webhooks;
using BankOffice.Core.Accounts;
using BankOffice.Core.Auth;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using BankOffice.Core.Periods;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using BankOffice.Data;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddSharedSettings();
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && builder.Configuration["Hosts:ApiUrl"] is { Length: > 0 } apiUrl)
{
    builder.WebHost.UseUrls(apiUrl);
}

var services = builder.Services;
services.AddSingleton<TimeProvider, DatabaseTimeProvider>();
services.AddMemoryCache();
services.AddBankOfficeData(provider => DatabaseInitializer.ConnectionString(provider.GetRequiredService<IConfiguration>()));
services.Configure<IbanOptions>(builder.Configuration.GetSection(IbanOptions.SectionName));
services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.SectionName));
services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.SectionName));
services.AddSingleton<UserRateLimiter>();
services.AddSingleton<DatabaseInitializer>();
services.AddScoped<CustomerService>();
services.AddScoped<AccountService>();
services.AddScoped<PostingEngine>();
services.AddScoped<TransactionService>();
services.AddScoped<ReceivablesService>();
services.AddScoped<DisputeService>();
services.AddScoped<CreditService>();
services.AddScoped<CollectionsService>();
services.AddScoped<PaymentPlanService>();
services.AddScoped<CollectionsSweep>();
services.AddScoped<BankReconciliationService>();
services.AddScoped<CustomerReconciliationService>();
services.AddScoped<AgingReportService>();
services.AddScoped<DsoReportService>();
services.AddScoped<CashFlowReportService>();
services.AddScoped<SystemReportService>();
services.Configure<CreditOptions>(builder.Configuration.GetSection(CreditOptions.SectionName));
services.Configure<CollectionsOptions>(builder.Configuration.GetSection(CollectionsOptions.SectionName));
services.AddHostedService<CollectionsSweepService>();
services.AddSingleton<LedgerCheck>();
services.Configure<PeriodCloseOptions>(builder.Configuration.GetSection(PeriodCloseOptions.SectionName));
services.AddScoped<PeriodService>();
services.AddScoped<PeriodCloseRunner>();
services.AddSingleton<PeriodCloseSignal>();
services.AddHostedService<PeriodCloseWorker>();
services.Configure<StatementOptions>(builder.Configuration.GetSection(StatementOptions.SectionName));
services.AddScoped<StatementService>();
services.AddScoped<ReceiptService>();
services.AddScoped<StatementRunService>();
services.AddScoped<StatementRunProcessor>();
services.AddSingleton<StatementRunSignal>();
services.AddPdfDocuments().AddDataDocuments();
services.AddHostedService<StatementRunWorker>();
// Events (docs/decisions/0009): the outbox publisher to Kafka and the webhook dispatcher.
services.AddScoped<OutboxAdminService>();
services.Configure<KafkaOptions>(builder.Configuration.GetSection(KafkaOptions.SectionName));
services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.SectionName));
services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.SectionName));
services.AddOutboxPublisher();
services.AddWebhooks();
services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.SectionName));
services.AddHostedService<IdempotencyCleanup>();

services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddApiProblemDetails();
services.AddOpenApi("v1");
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

// Identity with bearer tokens protected by a key ring kept in PostgreSQL (docs/decisions/0002).
services.AddDataProtection().SetApplicationName("BankOffice.Api");
services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
    new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
var auth = builder.Configuration.GetSection("Auth");
services.AddAuthentication(IdentityConstants.BearerScheme).AddBearerToken(IdentityConstants.BearerScheme, o =>
{
    o.BearerTokenExpiration = TimeSpan.FromMinutes(auth.GetValue("AccessTokenMinutes", 15));
    o.RefreshTokenExpiration = TimeSpan.FromDays(auth.GetValue("RefreshTokenDays", 7));
});
services.AddIdentityCore<AppUser>(o =>
    {
        o.Password.RequiredLength = PasswordRules.MinLength;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = auth.GetValue("MaxFailedAccessAttempts", 5);
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.GetValue("LockoutMinutes", 15));
        o.User.RequireUniqueEmail = true;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<BankOfficeDbContext>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<BankOfficeClaimsFactory>();

var authorization = services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
foreach (var permission in Permissions.All)
{
    authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
}

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiVersionHeader(app.Configuration["Api:Version"] ?? "1.0");
app.UseCorrelationId();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "BankOffice API v1");
    o.RoutePrefix = "swagger";
    o.DocumentTitle = "BankOffice API";
});
app.UseAuthentication();
app.UseSecurityStampCheck();
app.UseUserRateLimits();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapGet("/", () => TypedResults.Redirect("/swagger")).AllowAnonymous().ExcludeFromDescription();

var v1 = app.MapGroup("/api/v1");
v1.MapAuthEndpoints()
    .MapUserEndpoints()
    .MapCustomerEndpoints()
    .MapAccountEndpoints()
    .MapTransactionEndpoints()
    .MapLedgerCheckEndpoints()
    .MapReceivablesEndpoints()
    .MapCreditEndpoints()
    .MapCollectionsEndpoints()
    .MapPeriodEndpoints()
    .MapEventEndpoints()
    .MapReconciliationEndpoints()
    .MapReportEndpoints()
    .MapStatementEndpoints()
    .MapWebhookEndpoints()
    .MapDashboardEndpoints();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
