using BankOffice.Core.Common;
using BankOffice.Core.Customers;

namespace BankOffice.Web.Services;

public interface ICustomersClient
{
    Task<PagedResult<CustomerDto>> ListAsync(CustomerQuery query, CancellationToken ct = default);
    Task<CustomerDto> GetAsync(string id, CancellationToken ct = default);
    Task<CustomerDto> CreateAsync(CustomerRequest request, CancellationToken ct = default);
    Task<CustomerDto> UpdateAsync(string id, CustomerRequest request, CancellationToken ct = default);
    Task DeleteAsync(string id, CancellationToken ct = default);
    Task<InvitationDto> IssueInvitationAsync(string id, CancellationToken ct = default);
}

public sealed class CustomersClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), ICustomersClient
{
    public Task<PagedResult<CustomerDto>> ListAsync(CustomerQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<CustomerDto>>(
            QueryString.Build(
                "customers",
                ("page", query.Page),
                ("size", query.Size),
                ("search", query.Search),
                ("kind", query.Kind),
                ("sortBy", query.SortBy),
                ("sortOrder", query.SortOrder)),
            ct);

    public Task<CustomerDto> GetAsync(string id, CancellationToken ct = default) =>
        GetAsync<CustomerDto>($"customers/{Uri.EscapeDataString(id)}", ct);

    public Task<CustomerDto> CreateAsync(CustomerRequest request, CancellationToken ct = default) =>
        ReadAsync<CustomerDto>(HttpMethod.Post, "customers", request, ct);

    public Task<CustomerDto> UpdateAsync(string id, CustomerRequest request, CancellationToken ct = default) =>
        ReadAsync<CustomerDto>(HttpMethod.Put, $"customers/{Uri.EscapeDataString(id)}", request, ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"customers/{Uri.EscapeDataString(id)}", null, ct);

    public Task<InvitationDto> IssueInvitationAsync(string id, CancellationToken ct = default) =>
        ReadAsync<InvitationDto>(HttpMethod.Post, $"customers/{Uri.EscapeDataString(id)}/invitations", null, ct);
}
