using BankOffice.Api.Infrastructure;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Statements;

public static class StatementEndpoints
{
    private const string PdfType = "application/pdf";

    public static RouteGroupBuilder MapStatementEndpoints(this RouteGroupBuilder api)
    {
        // Seed 003's statement path takes a customer id; an account number (ACC-…) gives that account's statement.
        api.MapGroup("/accounts").WithTags("Statements").RequireAuthorization(Permissions.AccountView)
            .MapGet("/{id}/statement", Statement).Produces(StatusCodes.Status200OK, contentType: PdfType);
        api.MapGroup("/receivables/accounts").WithTags("Statements").RequireAuthorization(Permissions.AccountView)
            .MapGet("/{customerId}/statement", CustomerStatement).Produces(StatusCodes.Status200OK, contentType: PdfType);
        api.MapGroup("/payments").WithTags("Statements").RequireAuthorization(Permissions.AccountView)
            .MapGet("/{paymentId}/receipt", Receipt).Produces(StatusCodes.Status200OK, contentType: PdfType);

        var statements = api.MapGroup("/statements").WithTags("Statements").RequireAuthorization(Permissions.AccountView);
        statements.MapGet("/", ListIssued);
        statements.MapGet("/{statementId:guid}", GetIssued);
        statements.MapGet("/{statementId:guid}/files/{format}", File).Produces(StatusCodes.Status200OK, contentType: PdfType);

        var runs = api.MapGroup("/statement-runs").WithTags("Statements").RequireAuthorization(Permissions.PeriodClose);
        runs.MapPost("/", StartRun);
        runs.MapGet("/", ListRuns);
        runs.MapGet("/{runId:guid}", GetRun);
        return api;
    }

    /// <summary>format=json|pdf|excel|csv|html; any range up to Statements:MaxSpanDays; includeDetails=false leaves the lines out.</summary>
    public static async Task<DocumentResult> Statement(
        string id, HttpContext http, StatementService service, StatementWriters writers, IOptions<StatementOptions> options, CancellationToken cancellationToken,
        DateOnly? fromDate = null, DateOnly? toDate = null, string? format = null, bool includeDetails = true)
    {
        var parsed = Format(format);
        return await RenderAsync(await service.OpenAsync(http.CurrentUser(), id, fromDate, toDate, includeDetails, cancellationToken), parsed, writers, options.Value);
    }

    public static async Task<DocumentResult> CustomerStatement(
        string customerId, HttpContext http, StatementService service, StatementWriters writers, IOptions<StatementOptions> options, CancellationToken cancellationToken,
        DateOnly? fromDate = null, DateOnly? toDate = null, string? format = null, bool includeDetails = true)
    {
        var parsed = Format(format);
        return await RenderAsync(await service.OpenCustomerAsync(http.CurrentUser(), customerId, fromDate, toDate, includeDetails, cancellationToken), parsed, writers, options.Value);
    }

    /// <summary>The payment's receipt as PDF (default) or as its HTML preview.</summary>
    public static async Task<DocumentResult> Receipt(string paymentId, HttpContext http, ReceiptService service, IReceiptRenderer renderer, CancellationToken cancellationToken, string? format = null)
    {
        var parsed = Format(format ?? "pdf");
        if (parsed is not (StatementFormat.PDF or StatementFormat.HTML))
        {
            throw DomainException.Invalid(StatementErrorCodes.InvalidFormat, "A receipt is pdf or html.");
        }

        var receipt = await service.BuildAsync(http.CurrentUser(), paymentId, cancellationToken);
        var name = $"receipt-{new string(receipt.PaymentNumber.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray())}";
        if (parsed == StatementFormat.HTML)
        {
            var html = await renderer.RenderHtmlAsync(receipt, cancellationToken);
            return DocumentResult.Of(StatementFormats.ContentType(StatementFormat.HTML), name + ".html", false,
                (body, ct) => body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html), ct).AsTask());
        }

        // Printed before the response starts, so a missing Chromium is still a clean 503 problem.
        using var buffer = new MemoryStream();
        await renderer.WritePdfAsync(receipt, buffer, cancellationToken);
        return DocumentResult.Bytes(PdfType, name + ".pdf", buffer.ToArray());
    }

    public static async Task<Ok<PagedResult<IssuedStatementDto>>> ListIssued(
        HttpContext http, StatementRunService service, CancellationToken cancellationToken,
        string? period = null, string? customerId = null, string? accountNumber = null, int page = 1, int size = 20) =>
        TypedResults.Ok(await service.ListIssuedAsync(http.CurrentUser(), period, customerId, accountNumber, page, size, cancellationToken));

    public static async Task<Ok<IssuedStatementDto>> GetIssued(Guid statementId, HttpContext http, StatementRunService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetIssuedAsync(http.CurrentUser(), statementId, cancellationToken));

    public static async Task<DocumentResult> File(Guid statementId, string format, HttpContext http, StatementRunService service, CancellationToken cancellationToken)
    {
        var file = await service.GetFileAsync(http.CurrentUser(), statementId, format, cancellationToken);
        return DocumentResult.Bytes(file.ContentType, file.FileName, file.Content);
    }

    public static async Task<Accepted<StatementRunDto>> StartRun(StartStatementRunRequest request, HttpContext http, StatementRunService service, CancellationToken cancellationToken)
    {
        var run = await service.StartAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Accepted($"/api/v1/statement-runs/{run.Id}", run);
    }

    public static async Task<Ok<IReadOnlyList<StatementRunDto>>> ListRuns(StatementRunService service, CancellationToken cancellationToken, string? period = null) =>
        TypedResults.Ok(await service.ListAsync(period, cancellationToken));

    public static async Task<Ok<StatementRunDto>> GetRun(Guid runId, StatementRunService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(runId, cancellationToken));

    private static StatementFormat Format(string? format) =>
        StatementFormats.TryParse(format, out var parsed)
            ? parsed
            : throw DomainException.Invalid(StatementErrorCodes.InvalidFormat, $"format is one of json, pdf, excel, csv or html; '{format}' is not one.");

    private static async Task<DocumentResult> RenderAsync(OpenStatement statement, StatementFormat format, StatementWriters writers, StatementOptions options)
    {
        if (format == StatementFormat.PDF && statement.Header.IncludeDetails && statement.Header.LineCount > options.MaxPdfLines)
        {
            var lines = statement.Header.LineCount;
            await statement.DisposeAsync();
            throw new DomainException(DomainErrorKind.Validation, StatementErrorCodes.TooLarge,
                $"This statement has {lines} lines; a PDF holds at most {options.MaxPdfLines}. Choose a shorter range, or download it as Excel or CSV.",
                new Dictionary<string, object?> { ["lineCount"] = lines, ["maxPdfLines"] = options.MaxPdfLines });
        }

        return DocumentResult.Statement(statement, format, writers.For(format));
    }
}
