using BankOffice.Core.Reports;

namespace BankOffice.Web.Services;

/// <summary>The management reports: aging, DSO and cash flow for staff, the system report for admins.</summary>
public interface IReportsClient
{
    Task<AgingReportDto> AgingAsync(AgingReportQuery query, CancellationToken ct = default);
    Task<DsoReportDto> DsoAsync(DsoReportQuery query, CancellationToken ct = default);
    Task<CashFlowReportDto> CashFlowAsync(CashFlowReportQuery query, CancellationToken ct = default);
    Task<SystemReportDto> SystemAsync(CancellationToken ct = default);
}

public sealed class ReportsClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IReportsClient
{
    public Task<AgingReportDto> AgingAsync(AgingReportQuery query, CancellationToken ct = default) =>
        GetAsync<AgingReportDto>(
            QueryString.Build(
                "reports/aging",
                ("asOfDate", TransactionsClient.Date(query.AsOfDate)),
                ("groupBy", ReportOptions.WireName(query.GroupBy)),
                ("includeDisputed", query.IncludeDisputed ? "true" : "false"),
                ("currency", query.Currency.ToString())),
            ct);

    public Task<DsoReportDto> DsoAsync(DsoReportQuery query, CancellationToken ct = default) =>
        GetAsync<DsoReportDto>(
            QueryString.Build(
                "reports/dso",
                ("period", query.Period.ToString()),
                ("compareWith", query.CompareWith.ToString()),
                ("asOf", TransactionsClient.Date(query.AsOf)),
                ("currency", query.Currency.ToString())),
            ct);

    public Task<CashFlowReportDto> CashFlowAsync(CashFlowReportQuery query, CancellationToken ct = default) =>
        GetAsync<CashFlowReportDto>(
            QueryString.Build(
                "reports/cash-flow",
                ("fromDate", TransactionsClient.Date(query.FromDate)),
                ("toDate", TransactionsClient.Date(query.ToDate)),
                ("interval", ReportOptions.WireName(query.Interval)),
                ("currency", query.Currency.ToString())),
            ct);

    public Task<SystemReportDto> SystemAsync(CancellationToken ct = default) => GetAsync<SystemReportDto>("reports/system", ct);
}
