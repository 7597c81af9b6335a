using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Reconciliation;
using BankOffice.Web.Services;

namespace BankOffice.Web.Tests.Features.Reconciliation;

/// <summary>Hand-written IReconciliationClient fake: answers what the test queued, records every call, throws queued errors first.</summary>
public sealed class FakeReconciliationClient : IReconciliationClient
{
    public static readonly Guid ReconciliationId = Guid.Parse("0195f000-0000-7000-8000-000000000001");
    public static readonly Guid FeeLineId = Guid.Parse("0195f000-0000-7000-8000-0000000000f1");
    public static readonly Guid DepositLineId = Guid.Parse("0195f000-0000-7000-8000-0000000000d1");
    public static readonly BookPaymentDto Transit = new(Guid.Parse("0195f000-0000-7000-8000-0000000000a1"), "PAY-2026-000041", "C000003", 1_500.00m, new DateOnly(2026, 1, 30), "TRF-41");
    public static readonly BookPaymentDto LastMonth = new(Guid.Parse("0195f000-0000-7000-8000-0000000000a2"), "PAY-2025-000042", "C000003", 2_000.00m, new DateOnly(2025, 12, 30), "WIRE-42");

    public Queue<BankReconciliationDto> Answers { get; } = new();
    public Queue<Exception> Errors { get; } = new();

    /// <summary>Every call: (what, line or customer id, payment id or request).</summary>
    public List<(string Action, string? Id, object? Request)> Calls { get; } = [];

    /// <summary>
    /// The statement of 2026-01-31 says 8,475.00 TRY, the book 10,000.00. The statement has a deposit of
    /// 2,000.00 (last December's payment, before the book items start) and a fee of −25.00; 1,500.00 is
    /// in transit. Unmatched: 8,475.00 − (10,000.00 + (2,000.00 − 25.00) − 1,500.00) = −2,000.00;
    /// with the deposit matched: 8,475.00 − (10,000.00 − 25.00 − 1,500.00) = 0.00.
    /// </summary>
    public static BankReconciliationDto Workspace(bool depositMatched = false, BankReconciliationStatus status = BankReconciliationStatus.OPEN)
    {
        var deposit = new BankStatementLineDto(DepositLineId, 1, new DateOnly(2026, 1, 2), "BANK 77", 2_000.00m, "DEPOSIT", null,
            depositMatched ? MatchStatus.MANUAL : MatchStatus.UNMATCHED, depositMatched ? LastMonth : null, depositMatched ? "teller@bankoffice.local" : null, null);
        var fee = new BankStatementLineDto(FeeLineId, 2, new DateOnly(2026, 1, 31), "", -25.00m, "FEE", "Account fee", MatchStatus.UNMATCHED, null, null, null);
        var unmatchedStatement = depositMatched ? -25.00m : 1_975.00m;
        var unexplained = 8_475.00m - (10_000.00m + unmatchedStatement - Transit.Amount);
        return new BankReconciliationDto(ReconciliationId, "004-1234567890", Currency.TRY, new DateOnly(2026, 1, 31), 8_475.00m, 10_000.00m, -1_525.00m, status,
            [deposit, fee], depositMatched ? 1 : 2, [Transit],
            new ReconciliationSummaryDto(depositMatched ? 1 : 0, depositMatched ? 2_000.00m : 0m, unmatchedStatement, Transit.Amount, unexplained),
            new DateOnly(2026, 1, 1), "teller@bankoffice.local", DateTimeOffset.UnixEpoch,
            status == BankReconciliationStatus.COMPLETED ? "manager@bankoffice.local" : null, status == BankReconciliationStatus.COMPLETED ? DateTimeOffset.UnixEpoch : null);
    }

    public Task<PagedResult<BankReconciliationListItemDto>> ListBankAsync(string? bankAccount, BankReconciliationStatus? status, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default) =>
        Answer(new PagedResult<BankReconciliationListItemDto>([], Pagination.Of(page, size, 0)));

    public Task<BankReconciliationDto> GetBankAsync(Guid id, CancellationToken ct = default) => Next("get", id.ToString(), null);

    public Task<BankReconciliationDto> UploadBankAsync(StatementUpload upload, CancellationToken ct = default) => Next("upload", null, upload);

    public Task<BankReconciliationDto> MatchAsync(Guid id, Guid lineId, string paymentId, CancellationToken ct = default) => Next("match", lineId.ToString(), paymentId);

    public Task<BankReconciliationDto> UnmatchAsync(Guid id, Guid lineId, CancellationToken ct = default) => Next("unmatch", lineId.ToString(), null);

    public Task<BankReconciliationDto> CompleteAsync(Guid id, CancellationToken ct = default) => Next("complete", id.ToString(), null);

    public Task<CustomerReconciliationDto> CreateCustomerAsync(string customerId, CustomerReconciliationRequest request, CancellationToken ct = default)
    {
        Calls.Add(("customer", customerId, request));
        return Answer(new CustomerReconciliationDto(Guid.NewGuid(), customerId, Currency.TRY, request.ReconciliationDate!.Value, 1_300.00m, request.CustomerBalance!.Value,
            1_300.00m - request.CustomerBalance.Value, request.Disputes.Sum(d => d.DisputeAmount!.Value), 1_300.00m - request.CustomerBalance.Value - request.Disputes.Sum(d => d.DisputeAmount!.Value),
            request.Disputes.Select(d => new InvoiceDisputeDto(Guid.NewGuid(), Guid.NewGuid(), d.InvoiceId!, customerId, d.DisputeAmount!.Value, d.Reason!, DisputeStatus.OPEN,
                "collector@bankoffice.local", DateTimeOffset.UnixEpoch, null, null, null)).ToList(),
            request.Notes, "collector@bankoffice.local", DateTimeOffset.UnixEpoch));
    }

    public Task<PagedResult<CustomerReconciliationDto>> ListCustomerAsync(string customerId, int page = 1, int size = PageRequest.DefaultSize, CancellationToken ct = default) =>
        Answer(new PagedResult<CustomerReconciliationDto>([], Pagination.Of(page, size, 0)));

    private Task<BankReconciliationDto> Next(string action, string? id, object? request)
    {
        Calls.Add((action, id, request));
        return Answer(Answers.Count > 0 ? Answers.Dequeue() : Workspace());
    }

    private Task<T> Answer<T>(T value) => Errors.Count > 0 ? Task.FromException<T>(Errors.Dequeue()) : Task.FromResult(value);
}
