using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

public sealed class FakeCustomersClient : ICustomersClient
{
    public List<CustomerDto> Customers { get; } =
    [
        new("C000001", CustomerKind.PERSON, "Ada Lovelace", null, "ada@example.test", null, null, null, null, "TR", 1, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
    ];

    public Task<PagedResult<CustomerDto>> ListAsync(CustomerQuery query, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<CustomerDto>(Customers, Pagination.Of(query.Page, query.Size, Customers.Count)));

    public Task<CustomerDto> GetAsync(string id, CancellationToken ct = default) => Task.FromResult(Customers.First(c => c.Id == id));

    public Task<CustomerDto> CreateAsync(CustomerRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<CustomerDto> UpdateAsync(string id, CustomerRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task DeleteAsync(string id, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<InvitationDto> IssueInvitationAsync(string id, CancellationToken ct = default) => throw new NotSupportedException();
}
