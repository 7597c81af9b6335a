using BankOffice.Api.Infrastructure;
using BankOffice.Core.Reports;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Reports;

/// <summary>
/// Management reports. Aging, DSO and cash flow need account.view and a staff role: every staff
/// role holds account.view and already reads every customer's credit account and invoices with it,
/// so the reports show them nothing new; collection.manage or credit.approve would shut out tellers
/// and the other of collectors and credit officers, who all work these figures. Customers hold
/// account.view only for their own data and get 403. The system report is for admins (user.admin).
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(Permissions.AccountView);
        reports.MapGet("/aging", Aging);
        reports.MapGet("/dso", Dso);
        reports.MapGet("/cash-flow", CashFlow);
        reports.MapGet("/system", SystemReport).RequireAuthorization(Permissions.UserAdmin);
        return api;
    }

    /// <summary>Seed 003's aging: groupBy customer (default) or riskCategory; includeDisputed (default true); asOfDate up to today (default today); currency (default TRY).</summary>
    public static async Task<Ok<AgingReportDto>> Aging(
        HttpContext http, AgingReportService service, CancellationToken cancellationToken,
        DateOnly? asOfDate = null, string? groupBy = null, bool? includeDisputed = null, string? currency = null) =>
        TypedResults.Ok(await service.BuildAsync(http.CurrentUser(), asOfDate, groupBy, includeDisputed, currency, cancellationToken));

    /// <summary>DSO of the last complete MONTH (default), QUARTER or YEAR before asOf (default today), compared with PREVIOUS_PERIOD (default) or PREVIOUS_YEAR.</summary>
    public static async Task<Ok<DsoReportDto>> Dso(
        HttpContext http, DsoReportService service, CancellationToken cancellationToken,
        string? period = null, string? compareWith = null, DateOnly? asOf = null, string? currency = null) =>
        TypedResults.Ok(await service.BuildAsync(http.CurrentUser(), period, compareWith, asOf, currency, cancellationToken));

    /// <summary>Expected inflows from fromDate (default today) to toDate (default 90 days), at most 366 days, per daily, weekly (default) or monthly bucket.</summary>
    public static async Task<Ok<CashFlowReportDto>> CashFlow(
        HttpContext http, CashFlowReportService service, CancellationToken cancellationToken,
        DateOnly? fromDate = null, DateOnly? toDate = null, string? interval = null, string? currency = null) =>
        TypedResults.Ok(await service.BuildAsync(http.CurrentUser(), fromDate, toDate, interval, currency, cancellationToken));

    /// <summary>Seed 002's system report: users by role, accounts by type and status, balances by currency, 30 days of journal volumes.</summary>
    public static async Task<Ok<SystemReportDto>> SystemReport(SystemReportService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.BuildAsync(cancellationToken));
}
