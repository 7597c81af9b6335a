using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>Hand-written ITransactionsClient fake: records postings with their idempotency keys; answers queued errors first.</summary>
public sealed class FakeTransactionsClient : ITransactionsClient
{
    public List<(string Operation, object Request, string Key)> Posted { get; } = [];
    public Queue<Exception> Errors { get; } = new();
    public LedgerCheckDto? Check { get; set; }
    public int CheckCalls { get; private set; }

    public static TransactionDto Transaction(EntryKind kind = EntryKind.TRANSFER, Guid? reversalOf = null, Guid? reversedBy = null, params TransactionLineDto[] lines) =>
        new(Guid.NewGuid(), kind, "test", new DateOnly(2026, 11, 21), DateTimeOffset.UnixEpoch, "tess@bankoffice.local", 25m, Currency.TRY, reversalOf, reversedBy, lines);

    public Task<TransactionDto> DepositAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default) =>
        Post("deposit", request, idempotencyKey, new TransactionLineDto(request.AccountNumber, null, Currency.TRY, request.Amount!.Value, 100m + request.Amount!.Value));

    public Task<TransactionDto> WithdrawAsync(AccountAmountRequest request, string idempotencyKey, CancellationToken ct = default) =>
        Post("withdrawal", request, idempotencyKey, new TransactionLineDto(request.AccountNumber, null, Currency.TRY, -request.Amount!.Value, 100m - request.Amount!.Value));

    public Task<TransactionDto> TransferAsync(TransferRequest request, string idempotencyKey, CancellationToken ct = default) =>
        Post("transfer", request, idempotencyKey,
            new TransactionLineDto(request.FromAccountNumber, null, Currency.TRY, -request.Amount!.Value, 75m),
            new TransactionLineDto(request.ToAccountNumber, null, Currency.TRY, request.Amount!.Value, null));

    public Task<TransactionDto> ReverseAsync(Guid transactionId, string reason, string idempotencyKey, CancellationToken ct = default) =>
        Post("reverse", reason, idempotencyKey);

    public Task<PagedResult<TransactionDto>> ListAsync(TransactionQuery query, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<TransactionDto>([], Pagination.Of(query.Page, query.Size, 0)));

    public Task<TransactionDto> GetAsync(Guid transactionId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TransactionDto>> RecentAsync(int limit = 10, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<TransactionDto>>([]);

    public Task<PagedResult<AccountTransactionDto>> AccountTransactionsAsync(string accountNumber, int page, int size, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        Task.FromResult(new PagedResult<AccountTransactionDto>([], Pagination.Of(page, size, 0)));

    public Task<LedgerCheckDto> CheckLedgerAsync(CancellationToken ct = default)
    {
        CheckCalls++;
        return Task.FromResult(Check ?? throw new InvalidOperationException("Set Check first."));
    }

    private Task<TransactionDto> Post(string operation, object request, string key, params TransactionLineDto[] lines)
    {
        Posted.Add((operation, request, key));
        if (Errors.TryDequeue(out var error))
        {
            return Task.FromException<TransactionDto>(error);
        }

        var kind = operation switch
        {
            "deposit" => EntryKind.DEPOSIT,
            "withdrawal" => EntryKind.WITHDRAWAL,
            "reverse" => EntryKind.REVERSAL,
            _ => EntryKind.TRANSFER,
        };
        return Task.FromResult(Transaction(kind, lines: lines));
    }
}
