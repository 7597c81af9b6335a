using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Customers;

/// <summary>Customer records: search, create, edit, delete (only without accounts) and registration invitations.</summary>
public sealed class CustomerService(BankOfficeDbContext db, TimeProvider time)
{
    public async Task<PagedResult<CustomerDto>> SearchAsync(CurrentUser user, CustomerQuery query, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking();
        if (user.IsCustomerOnly)
        {
            customers = customers.Where(c => c.Id == user.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Paging.LikePattern(query.Search);
            customers = customers.Where(c => EF.Functions.ILike(c.Name, pattern) || EF.Functions.ILike(c.Id, pattern) ||
                (c.TaxId != null && EF.Functions.ILike(c.TaxId, pattern)) || (c.Email != null && EF.Functions.ILike(c.Email, pattern)));
        }

        if (query.Kind is { } kind)
        {
            customers = customers.Where(c => c.Kind == kind);
        }

        var descending = Paging.Descending(query.SortOrder, defaultDescending: false);
        customers = (query.SortBy?.ToLowerInvariant() ?? "name") switch
        {
            "name" => descending ? customers.OrderByDescending(c => c.Name).ThenBy(c => c.Id) : customers.OrderBy(c => c.Name).ThenBy(c => c.Id),
            "createdat" => descending ? customers.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id) : customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            "id" => descending ? customers.OrderByDescending(c => c.Id) : customers.OrderBy(c => c.Id),
            _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortBy is one of: name, createdAt, id."),
        };

        var page = await customers.ToPageAsync(query.Page, query.Size, c => c, cancellationToken);
        var ids = page.Data.Select(c => c.Id).ToList();
        var counts = await CountsAsync(ids, cancellationToken);
        return new PagedResult<CustomerDto>(page.Data.Select(c => ToDto(c, counts)).ToList(), page.Pagination);
    }

    public async Task<CustomerDto> GetAsync(CurrentUser user, string id, CancellationToken cancellationToken)
    {
        var customer = await FindVisibleAsync(user, id, cancellationToken);
        return ToDto(customer, await CountsAsync([customer.Id], cancellationToken));
    }

    public async Task<CustomerDto> CreateAsync(CustomerDetails details, CancellationToken cancellationToken)
    {
        await EnsureTaxIdFreeAsync(details.TaxId, null, cancellationToken);
        var customer = Customer.Create(await db.NextCustomerIdAsync(cancellationToken), details, time.GetUtcNow());
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(customer, new Dictionary<string, (int, bool)>());
    }

    public async Task<CustomerDto> UpdateAsync(string id, CustomerDetails details, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);
        await EnsureTaxIdFreeAsync(details.TaxId, id, cancellationToken);
        customer.Update(details, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(customer, await CountsAsync([id], cancellationToken));
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);
        if (await db.Accounts.AnyAsync(a => a.CustomerId == id, cancellationToken) || await db.Users.AnyAsync(u => u.CustomerId == id, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.CustomerHasAccounts, "A customer with accounts or a login cannot be deleted; close the accounts instead.");
        }

        db.Customers.Remove(customer);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<InvitationDto> InviteAsync(string id, CurrentUser issuer, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);
        if (await db.Users.AnyAsync(u => u.CustomerId == id, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.Conflict, "This customer already has a login.");
        }

        var (invitation, code) = CustomerInvitation.Issue(customer.Id, issuer.Name, time.GetUtcNow());
        db.CustomerInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new InvitationDto(code, customer.Id, invitation.ExpiresAt);
    }

    internal async Task<Customer> FindVisibleAsync(CurrentUser user, string id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);
        if (!user.CanSeeCustomer(customer.Id))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see your own customer record.");
        }

        return customer;
    }

    internal static DomainException NotFound(string id) => DomainException.NotFound(ErrorCodes.CustomerNotFound, $"Customer not found: {id}");

    private async Task EnsureTaxIdFreeAsync(string? taxId, string? exceptId, CancellationToken cancellationToken)
    {
        var value = string.IsNullOrWhiteSpace(taxId) ? null : taxId.Trim();
        if (value is not null && await db.Customers.AnyAsync(c => c.TaxId == value && c.Id != exceptId, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateCustomer, $"A customer with tax id {value} already exists.");
        }
    }

    private async Task<Dictionary<string, (int Accounts, bool HasLogin)>> CountsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.Where(a => ids.Contains(a.CustomerId)).GroupBy(a => a.CustomerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var logins = await db.Users.Where(u => u.CustomerId != null && ids.Contains(u.CustomerId)).Select(u => u.CustomerId!).ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => (accounts.GetValueOrDefault(id), logins.Contains(id)));
    }

    private static CustomerDto ToDto(Customer c, IReadOnlyDictionary<string, (int Accounts, bool HasLogin)> counts)
    {
        var (accounts, hasLogin) = counts.GetValueOrDefault(c.Id);
        return new CustomerDto(c.Id, c.Kind, c.Name, c.TaxId, c.Email, c.Phone, c.AddressLine, c.City, c.PostalCode, c.Country, accounts, hasLogin, c.CreatedAt, c.UpdatedAt);
    }
}
