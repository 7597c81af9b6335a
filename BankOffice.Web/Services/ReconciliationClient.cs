using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;

namespace BankOffice.Web.Services;

/// <summary>The statement fields sent with an uploaded (or pasted) CSV statement.</summary>
public sealed record StatementUpload(string BankAccount, DateOnly StatementDate, decimal StatementBalance, Currency Currency, byte[] Content, string FileName);

/// <summary>The reconciliation API: bank statements against the bank book, and customers' balance confirmations.</summary>
public interface IReconciliationClient
{
    Task<PagedResult<BankReconciliationListItemDto>> ListBankAsync(string? bankAccount, BankReconciliationStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default);
    Task<BankReconciliationDto> GetBankAsync(Guid id, CancellationToken ct = default);
    Task<BankReconciliationDto> UploadBankAsync(StatementUpload upload, CancellationToken ct = default);
    Task<BankReconciliationDto> MatchAsync(Guid id, Guid lineId, string paymentId, CancellationToken ct = default);
    Task<BankReconciliationDto> UnmatchAsync(Guid id, Guid lineId, CancellationToken ct = default);
    Task<BankReconciliationDto> CompleteAsync(Guid id, CancellationToken ct = default);
    Task<CustomerReconciliationDto> CreateCustomerAsync(string customerId, CustomerReconciliationRequest request, CancellationToken ct = default);
    Task<PagedResult<CustomerReconciliationDto>> ListCustomerAsync(string customerId, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default);
}

public sealed class ReconciliationClient : ApiClientBase, IReconciliationClient
{
    // The upload sends a multipart body, which the JSON-only base class does not: it needs the client and token itself.
    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;

    public ReconciliationClient(HttpClient http, IAccessTokenProvider tokens)
        : base(http, tokens)
    {
        _http = http;
        _tokens = tokens;
    }

    public Task<PagedResult<BankReconciliationListItemDto>> ListBankAsync(string? bankAccount, BankReconciliationStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default) =>
        GetAsync<PagedResult<BankReconciliationListItemDto>>(QueryString.Build("reconciliation/bank", ("bankAccount", bankAccount), ("status", status), ("page", page), ("size", size)), ct);

    public Task<BankReconciliationDto> GetBankAsync(Guid id, CancellationToken ct = default) =>
        GetAsync<BankReconciliationDto>($"reconciliation/bank/{id}", ct);

    /// <summary>multipart/form-data to /reconciliation/bank/upload; pasted lines go the same way, as a file, so both get the API's line-numbered problems.</summary>
    public async Task<BankReconciliationDto> UploadBankAsync(StatementUpload upload, CancellationToken ct = default)
    {
        var token = await _tokens.GetAccessTokenAsync(ct) ?? throw ApiException.SessionExpired();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(upload.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", upload.FileName);
        form.Add(new StringContent(upload.BankAccount), "bankAccount");
        form.Add(new StringContent(upload.StatementDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "statementDate");
        form.Add(new StringContent(upload.StatementBalance.ToString(CultureInfo.InvariantCulture)), "statementBalance");
        form.Add(new StringContent(upload.Currency.ToString()), "currency");
        using var request = new HttpRequestMessage(HttpMethod.Post, "reconciliation/bank/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw ApiException.Unavailable(ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiException.FromResponseAsync(response, ct);
            }

            return await response.Content.ReadFromJsonAsync<BankReconciliationDto>(ApiJson.Options, ct)
                ?? throw new ApiException((int)response.StatusCode, "EMPTY_RESPONSE", "Empty answer", "The service answered without data.");
        }
    }

    public Task<BankReconciliationDto> MatchAsync(Guid id, Guid lineId, string paymentId, CancellationToken ct = default) =>
        ReadAsync<BankReconciliationDto>(HttpMethod.Put, $"reconciliation/bank/{id}/lines/{lineId}/match", new MatchLineRequest { PaymentId = paymentId }, ct);

    public Task<BankReconciliationDto> UnmatchAsync(Guid id, Guid lineId, CancellationToken ct = default) =>
        ReadAsync<BankReconciliationDto>(HttpMethod.Delete, $"reconciliation/bank/{id}/lines/{lineId}/match", null, ct);

    public Task<BankReconciliationDto> CompleteAsync(Guid id, CancellationToken ct = default) =>
        ReadAsync<BankReconciliationDto>(HttpMethod.Post, $"reconciliation/bank/{id}/complete", new { }, ct);

    public Task<CustomerReconciliationDto> CreateCustomerAsync(string customerId, CustomerReconciliationRequest request, CancellationToken ct = default) =>
        ReadAsync<CustomerReconciliationDto>(HttpMethod.Post, $"reconciliation/customer/{Uri.EscapeDataString(customerId)}", request, ct);

    public Task<PagedResult<CustomerReconciliationDto>> ListCustomerAsync(string customerId, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default) =>
        GetAsync<PagedResult<CustomerReconciliationDto>>(QueryString.Build($"reconciliation/customer/{Uri.EscapeDataString(customerId)}", ("page", page), ("size", size)), ct);
}
