using BankOffice.Core.Common;

namespace BankOffice.Core.Statements;

/// <summary><c>POST /statement-runs</c>: render and store the statements of a closed period; formats default to <c>Statements:RunFormats</c>.</summary>
public sealed record StartStatementRunRequest(string? Period, IReadOnlyList<string>? Formats);

public sealed record StatementRunDto(
    Guid Id, string Period, StatementRunStatus Status, StatementRunTrigger Trigger, IReadOnlyList<string> Formats, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Total, int Processed, int Failed, int Percent, int Attempts, string? Message);

/// <summary>A stored file of a statement, downloadable at <see cref="Url"/>.</summary>
public sealed record StatementFileDto(string Format, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset CreatedAt, string Url);

/// <summary>A statement the close issued, with the files the statement run stored for its current version.</summary>
public sealed record IssuedStatementDto(
    Guid Id, string Period, string AccountNumber, string CustomerId, string HolderName, Currency Currency, DateOnly FromDate, DateOnly ToDate,
    decimal Opening, decimal Credits, decimal Debits, decimal Closing, int LineCount, int Version, DateTimeOffset IssuedAt, IReadOnlyList<StatementFileDto> Files);

/// <summary>
/// Everything a payment receipt shows. Built from the recorded payment; the receipt is rendered
/// on request, so it always reflects a later reversal (marked REVERSED on the receipt).
/// </summary>
public sealed record ReceiptDocument(
    string PaymentNumber,
    Guid PaymentId,
    string CustomerId,
    string CustomerName,
    Currency Currency,
    decimal Amount,
    DateOnly PaymentDate,
    string Method,
    string Reference,
    string Status,
    IReadOnlyList<ReceiptAllocation> Allocations,
    decimal Unallocated,
    Guid TransactionId,
    DateTimeOffset GeneratedAt);

public sealed record ReceiptAllocation(string InvoiceNumber, decimal Amount, decimal Discount);
