using BankOffice.Api.Infrastructure;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Accounts;

public static partial class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Permissions.AccountView);
        group.MapGet("/", List);
        group.MapPost("/", Open).Validate<CreateAccountRequest>();
        group.MapGet("/iban/{iban}", GetByIban);
        group.MapGet("/{accountNumber}", Get);
        group.MapGet("/{accountNumber}/balance", GetBalance);
        group.MapGet("/{accountNumber}/history", History);
        group.MapPut("/{accountNumber}", Update).RequireAuthorization(Permissions.AccountManage).Validate<UpdateAccountRequest>();
        group.MapPost("/{accountNumber}/suspend", Suspend).RequireAuthorization(Permissions.AccountManage).Validate<AccountStatusRequest>();
        group.MapPost("/{accountNumber}/reactivate", Reactivate).RequireAuthorization(Permissions.AccountManage).Validate<AccountStatusRequest>();
        group.MapDelete("/{accountNumber}", Close).RequireAuthorization(Permissions.AccountManage);
        return api;
    }

    public static async Task<Ok<PagedResult<AccountDto>>> List([AsParameters] AccountQuery query, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(http.CurrentUser(), query, cancellationToken));

    /// <summary>Staff (account.manage) open accounts for any customer; a customer opens one for themselves.</summary>
    public static async Task<Results<Created<ApiResponse<AccountDto>>, ProblemHttpResult>> Open(
        CreateAccountRequest request, HttpContext http, AccountService service, CancellationToken cancellationToken)
    {
        var user = http.CurrentUser();
        if (!user.Has(Permissions.AccountManage) && !user.IsCustomerOnly)
        {
            return ProblemDetailsSetup.Forbidden("Opening accounts needs the account.manage permission.");
        }

        var account = await service.OpenAsync(user, request, cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{account.AccountNumber}", new ApiResponse<AccountDto>(true, "Account created successfully", account));
    }

    /// <summary>
    /// A deposit account by number (<c>ACC-…</c>, seed 004), or, for seed 003's path, a customer's
    /// receivables account by customer id (<c>C000123</c>): the two id shapes cannot be confused.
    /// </summary>
    public static async Task<Results<Ok<ApiResponse<AccountDto>>, Ok<Core.Receivables.CreditAccountDto>>> Get(
        string accountNumber, HttpContext http, AccountService service, Receivables.ReceivablesService receivables, CancellationToken cancellationToken)
    {
        if (CustomerIdShape().IsMatch(accountNumber))
        {
            return TypedResults.Ok(await receivables.GetAccountAsync(http.CurrentUser(), accountNumber, cancellationToken));
        }

        return TypedResults.Ok(new ApiResponse<AccountDto>(true, "OK", await service.GetAsync(http.CurrentUser(), accountNumber, cancellationToken)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^C[0-9]{1,15}$")]
    private static partial System.Text.RegularExpressions.Regex CustomerIdShape();

    public static async Task<Ok<ApiResponse<AccountDto>>> GetByIban(string iban, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiResponse<AccountDto>(true, "OK", await service.GetByIbanAsync(http.CurrentUser(), iban, cancellationToken)));

    public static async Task<Ok<ApiResponse<AccountBalanceDto>>> GetBalance(string accountNumber, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiResponse<AccountBalanceDto>(true, "OK", await service.GetBalanceAsync(http.CurrentUser(), accountNumber, cancellationToken)));

    public static async Task<Ok<PagedResult<AccountHistoryDto>>> History(
        string accountNumber, HttpContext http, AccountService service, CancellationToken cancellationToken, int page = 1, int size = PageRequest.DefaultSize, string? operation = null) =>
        TypedResults.Ok(await service.HistoryAsync(http.CurrentUser(), accountNumber, page, size, operation, cancellationToken));

    public static async Task<Ok<ApiResponse<AccountDto>>> Update(string accountNumber, UpdateAccountRequest request, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiResponse<AccountDto>(true, "Account updated successfully", await service.UpdateAsync(http.CurrentUser(), accountNumber, request, cancellationToken)));

    public static async Task<Ok<ApiResponse<AccountDto>>> Suspend(string accountNumber, AccountStatusRequest request, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiResponse<AccountDto>(true, "Account suspended", await service.SuspendAsync(http.CurrentUser(), accountNumber, request.Reason!, cancellationToken)));

    public static async Task<Ok<ApiResponse<AccountDto>>> Reactivate(string accountNumber, AccountStatusRequest request, HttpContext http, AccountService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiResponse<AccountDto>(true, "Account reactivated", await service.ReactivateAsync(http.CurrentUser(), accountNumber, request.Reason!, cancellationToken)));

    /// <summary>Soft close: only at zero balance; the account stays for audit.</summary>
    public static async Task<Ok<ApiResponse<AccountClosedDto>>> Close(string accountNumber, HttpContext http, AccountService service, CancellationToken cancellationToken, string? reason = null) =>
        TypedResults.Ok(new ApiResponse<AccountClosedDto>(true, "Account closed successfully", await service.CloseAsync(http.CurrentUser(), accountNumber, reason, cancellationToken)));
}
