using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Customers;

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Permissions.AccountView);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/", Create).RequireAuthorization(Permissions.AccountManage).Validate<CustomerRequest>();
        group.MapPut("/{id}", Update).RequireAuthorization(Permissions.AccountManage).Validate<CustomerRequest>();
        group.MapDelete("/{id}", Delete).RequireAuthorization(Permissions.AccountManage);
        group.MapPost("/{id}/invitations", Invite).RequireAuthorization(Permissions.AccountManage);
        return api;
    }

    public static async Task<Ok<PagedResult<CustomerDto>>> List([AsParameters] CustomerQuery query, HttpContext http, CustomerService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Ok<CustomerDto>> Get(string id, HttpContext http, CustomerService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(http.CurrentUser(), id, cancellationToken));

    public static async Task<Created<CustomerDto>> Create(CustomerRequest request, CustomerService service, CancellationToken cancellationToken)
    {
        var customer = await service.CreateAsync(request.ToDetails(), cancellationToken);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
    }

    public static async Task<Ok<CustomerDto>> Update(string id, CustomerRequest request, CustomerService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.UpdateAsync(id, request.ToDetails(), cancellationToken));

    public static async Task<NoContent> Delete(string id, CustomerService service, CancellationToken cancellationToken)
    {
        await service.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Created<InvitationDto>> Invite(string id, HttpContext http, CustomerService service, CancellationToken cancellationToken)
    {
        var invitation = await service.InviteAsync(id, http.CurrentUser(), cancellationToken);
        return TypedResults.Created($"/api/v1/customers/{id}", invitation);
    }
}
