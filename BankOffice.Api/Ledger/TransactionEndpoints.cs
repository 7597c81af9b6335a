using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BankOffice.Api.Ledger;

public static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/transactions").WithTags("Transactions").RequireAuthorization(Permissions.AccountView);
        group.MapPost("/deposit", Deposit).RequireAuthorization(Permissions.PaymentProcess).Validate<AccountAmountRequest>();
        group.MapPost("/withdrawal", Withdraw).RequireAuthorization(Permissions.PaymentProcess).Validate<AccountAmountRequest>();
        group.MapPost("/transfer", Transfer).RequireAuthorization(Permissions.PaymentProcess).Validate<TransferRequest>();
        group.MapPost("/credit", Credit).RequireAuthorization(Permissions.PaymentProcess).Validate<AccountAmountRequest>();
        group.MapPost("/debit", Debit).RequireAuthorization(Permissions.PaymentProcess).Validate<AccountAmountRequest>();
        group.MapPost("/{transactionId:guid}/reverse", Reverse).RequireAuthorization(Permissions.PaymentProcess).Validate<ReverseRequest>();
        group.MapGet("/", List);
        group.MapGet("/recent", Recent);
        group.MapGet("/{transactionId:guid}", Get);

        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Permissions.AccountView);
        accounts.MapPut("/{accountNumber}/balance", UpdateBalance).RequireAuthorization(Permissions.PaymentProcess).Validate<BalanceUpdateRequest>();
        accounts.MapGet("/{accountNumber}/transactions", AccountLedger);
        return api;
    }

    /// <summary>Cash in at the counter: credits the account, debits cash. Needs an Idempotency-Key.</summary>
    public static Task<Created<TransactionDto>> Deposit(AccountAmountRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.DepositAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken));

    /// <summary>Cash out at the counter: debits the account (never below zero), credits cash.</summary>
    public static Task<Created<TransactionDto>> Withdraw(AccountAmountRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.WithdrawAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken));

    /// <summary>Between two accounts of the same currency; the target by account number or IBAN.</summary>
    public static Task<Created<TransactionDto>> Transfer(TransferRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.TransferAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken));

    /// <summary>Seed 001's generic credit: money arriving through clearing.</summary>
    public static Task<Created<TransactionDto>> Credit(AccountAmountRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.CreditAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken));

    /// <summary>Seed 001's generic debit: money leaving through clearing.</summary>
    public static Task<Created<TransactionDto>> Debit(AccountAmountRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.DebitAsync(http.CurrentUser(), request, Idempotency.From(http, request), cancellationToken));

    /// <summary>Posts the mirror entry of a transaction, exactly once.</summary>
    public static Task<Created<TransactionDto>> Reverse(Guid transactionId, ReverseRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        Post(http, service, service.ReverseAsync(http.CurrentUser(), transactionId, request.Reason!.Trim(), Idempotency.From(http, request), cancellationToken));

    /// <summary>Seed 004's <c>PUT /accounts/{accountNumber}/balance</c> with a signed amount.</summary>
    public static async Task<Ok<ApiResponse<BalanceUpdateDto>>> UpdateBalance(
        string accountNumber, BalanceUpdateRequest request, HttpContext http, TransactionService service, CancellationToken cancellationToken)
    {
        var result = await service.UpdateBalanceAsync(http.CurrentUser(), accountNumber, request, Idempotency.From(http, new { accountNumber, request.Amount, request.Description }), cancellationToken);
        Idempotency.MarkReplay(http, result);
        return TypedResults.Ok(new ApiResponse<BalanceUpdateDto>(true, "Balance updated successfully", TransactionService.ToBalanceUpdate(result)));
    }

    public static async Task<Ok<PagedResult<TransactionDto>>> List([AsParameters] TransactionQuery query, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(http.CurrentUser(), query, cancellationToken));

    public static async Task<Ok<IReadOnlyList<TransactionDto>>> Recent(HttpContext http, TransactionService service, CancellationToken cancellationToken, int limit = 10)
    {
        if (limit is < 1 or > 50)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "limit is between 1 and 50.");
        }

        var page = await service.SearchAsync(http.CurrentUser(), new TransactionQuery(Size: limit), cancellationToken);
        return TypedResults.Ok(page.Data);
    }

    public static async Task<Ok<TransactionDto>> Get(Guid transactionId, HttpContext http, TransactionService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(http.CurrentUser(), transactionId, cancellationToken));

    /// <summary>The account's postings, newest first, each with the running balance after it.</summary>
    public static async Task<Ok<PagedResult<AccountTransactionDto>>> AccountLedger(
        string accountNumber, HttpContext http, TransactionService service, CancellationToken cancellationToken,
        int page = 1, int size = PageRequest.DefaultSize, DateOnly? from = null, DateOnly? to = null) =>
        TypedResults.Ok(await service.AccountLedgerAsync(http.CurrentUser(), accountNumber, page, size, from, to, cancellationToken));

    private static async Task<Created<TransactionDto>> Post(HttpContext http, TransactionService service, Task<PostingResult> posting)
    {
        var result = await posting;
        Idempotency.MarkReplay(http, result);
        return TypedResults.Created($"/api/v1/transactions/{result.Entry.Id}", service.ToDto(http.CurrentUser(), result));
    }
}
