using System.Net.Http.Json;
using BankOffice.Core.Credit;
using static BankOffice.Api.Tests.Receivables.ReceivablesApi;

namespace BankOffice.Api.Tests.Credit;

/// <summary>Calls of the credit API shared by the credit tests (bodies in seed 003's shape).</summary>
public static class CreditApi
{
    public const string Applications = "/api/v1/credit-applications";
    public const string ReviewsDue = "/api/v1/credit-reviews/due";

    public static string CreditLimit(string customerId) => $"/api/v1/accounts/{customerId}/credit-limit";

    public static string History(string customerId) => $"/api/v1/accounts/{customerId}/credit-limit/history";

    public static string LimitChange(string approvalId, string action) => $"/api/v1/credit-limit-changes/{approvalId}/{action}";

    /// <summary>Seed 003's "Credit Application" body.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string customerId, decimal requestedLimit = 1_000_000m) =>
        client.PostAsJsonAsync(Applications, new
        {
            customerId,
            requestedLimit,
            justification = "Business expansion",
            financialData = new { annualRevenue = 50_000_000m, currentRatio = 1.8m, debtRatio = 0.4m },
            tradeReferences = new[] { new { company = "Supplier A", contact = "Mr Chang", phone = "02-12345678" } },
        }, ApiFactory.Json);

    public static Task<CreditApplicationDto> SubmittedAsync(HttpClient client, string customerId, decimal requestedLimit = 1_000_000m) =>
        SubmitAsync(client, customerId, requestedLimit).CreatedAsync<CreditApplicationDto>();

    /// <summary>Seed 003's "Credit Decision" body.</summary>
    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid applicationId, CreditDecisionType decision, decimal? approvedLimit = null,
        DateOnly? effectiveDate = null, DateOnly? reviewDate = null, string? approvedBy = null, string? notes = null, string[]? conditions = null) =>
        client.PutAsJsonAsync($"{Applications}/{applicationId}/decision", new
        {
            decision,
            approvedLimit,
            conditions = conditions ?? [],
            effectiveDate,
            reviewDate,
            approvedBy,
            notes,
        }, ApiFactory.Json);

    /// <summary>Seed 003's "Update Credit Limit" body.</summary>
    public static Task<HttpResponseMessage> ChangeLimitAsync(HttpClient client, string customerId, decimal newLimit, DateOnly? effectiveDate = null, string reason = "Business expansion",
        string? approvedBy = null, DateOnly? reviewDate = null) =>
        client.PutAsJsonAsync(CreditLimit(customerId), new { newLimit, effectiveDate, reason, approvedBy, reviewDate }, ApiFactory.Json);

    public static Task<IReadOnlyList<CreditLimitChangeDto>> HistoryAsync(HttpClient client, string customerId) =>
        client.GetOkAsync<IReadOnlyList<CreditLimitChangeDto>>(History(customerId));
}
