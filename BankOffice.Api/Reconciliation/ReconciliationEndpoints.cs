using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BankOffice.Api.Reconciliation;

public static class ReconciliationEndpoints
{
    /// <summary>The upload's form fields and file together: the file's limit plus room for the fields and multipart framing.</summary>
    private const long UploadRequestLimit = StatementRules.MaxFileBytes + 64 * 1024;

    public static RouteGroupBuilder MapReconciliationEndpoints(this RouteGroupBuilder api)
    {
        var reconciliation = api.MapGroup("/reconciliation").WithTags("Reconciliation");

        var bank = reconciliation.MapGroup("/bank").RequireAuthorization(Permissions.PaymentProcess);
        bank.MapPost("/", CreateBank).Validate<CreateBankReconciliationRequest>();
        // Bearer-token API (no cookies), so a form post needs no antiforgery token.
        bank.MapPost("/upload", UploadBank).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit));
        bank.MapGet("/", ListBank);
        bank.MapGet("/{id:guid}", GetBank);
        bank.MapPut("/{id:guid}/lines/{lineId:guid}/match", Match).Validate<MatchLineRequest>();
        bank.MapDelete("/{id:guid}/lines/{lineId:guid}/match", Unmatch);
        bank.MapPost("/{id:guid}/complete", Complete);

        var customer = reconciliation.MapGroup("/customer").RequireAuthorization(Permissions.AccountView);
        customer.MapPost("/{customerId}", CreateCustomer).Validate<CustomerReconciliationRequest>();
        customer.MapGet("/{customerId}", ListCustomer);
        return api;
    }

    /// <summary>Seed 003's body; matches automatically and answers the workspace. 400 INVALID_STATEMENT lists every bad transaction.</summary>
    public static async Task<Created<BankReconciliationDto>> CreateBank(CreateBankReconciliationRequest request, HttpContext http, BankReconciliationService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(http.CurrentUser(), request, cancellationToken);
        return TypedResults.Created($"/api/v1/reconciliation/bank/{created.Id}", created);
    }

    /// <summary>
    /// multipart/form-data: file (CSV with the header date,reference,amount,type,description, at most
    /// 5 MB and 5,000 rows), bankAccount, statementDate, statementBalance, currency (TRY when empty).
    /// </summary>
    public static async Task<Results<Created<BankReconciliationDto>, ValidationProblem>> UploadBank(HttpContext http, BankReconciliationService service, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return ProblemDetailsSetup.Validation(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with file, bankAccount, statementDate, statementBalance and currency."] });
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (header, errors) = UploadHeader(form);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["Choose the statement file (CSV)."];
        }

        if (errors.Count > 0)
        {
            return ProblemDetailsSetup.Validation(errors);
        }

        await using var content = file!.OpenReadStream();
        var created = await service.UploadAsync(http.CurrentUser(), header, content, file.Length, cancellationToken);
        return TypedResults.Created($"/api/v1/reconciliation/bank/{created.Id}", created);
    }

    public static async Task<Ok<PagedResult<BankReconciliationListItemDto>>> ListBank(
        HttpContext http, BankReconciliationService service, CancellationToken cancellationToken, string? bankAccount = null, BankReconciliationStatus? status = null,
        int page = 1, int size = PageRequest.DefaultSize) =>
        TypedResults.Ok(await service.ListAsync(http.CurrentUser(), bankAccount, status, page, size, cancellationToken));

    public static async Task<Ok<BankReconciliationDto>> GetBank(Guid id, HttpContext http, BankReconciliationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(http.CurrentUser(), id, cancellationToken));

    /// <summary>paymentId is the payment's id or number; 400 AMOUNT_MISMATCH unless the amounts are equal; 409 PAYMENT_ALREADY_MATCHED.</summary>
    public static async Task<Ok<BankReconciliationDto>> Match(Guid id, Guid lineId, MatchLineRequest request, HttpContext http, BankReconciliationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.MatchAsync(http.CurrentUser(), id, lineId, request, cancellationToken));

    public static async Task<Ok<BankReconciliationDto>> Unmatch(Guid id, Guid lineId, HttpContext http, BankReconciliationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.UnmatchAsync(http.CurrentUser(), id, lineId, cancellationToken));

    /// <summary>400 RECONCILIATION_DIFFERENCE while something is unexplained; 409 RECONCILIATION_COMPLETED once done.</summary>
    public static async Task<Ok<BankReconciliationDto>> Complete(Guid id, HttpContext http, BankReconciliationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CompleteAsync(http.CurrentUser(), id, cancellationToken));

    /// <summary>Staff with collection.manage or payment.process; opens the disputes in the same transaction.</summary>
    public static async Task<Created<CustomerReconciliationDto>> CreateCustomer(
        string customerId, CustomerReconciliationRequest request, HttpContext http, CustomerReconciliationService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(http.CurrentUser(), customerId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/reconciliation/customer/{created.CustomerId}", created);
    }

    public static async Task<Ok<PagedResult<CustomerReconciliationDto>>> ListCustomer(
        string customerId, HttpContext http, CustomerReconciliationService service, CancellationToken cancellationToken, int page = 1, int size = PageRequest.DefaultSize) =>
        TypedResults.Ok(await service.ListAsync(http.CurrentUser(), customerId, page, size, cancellationToken));

    /// <summary>The upload's text fields as the JSON body's header, checked by the same annotations (camelCase field errors).</summary>
    private static (CreateBankReconciliationRequest Header, Dictionary<string, string[]> Errors) UploadHeader(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

        var header = new CreateBankReconciliationRequest { BankAccount = Text("bankAccount") };
        if (Text("statementDate") is { } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                header.StatementDate = parsed;
            }
            else
            {
                errors["statementDate"] = ["The statement date is a date like 2026-01-31."];
            }
        }

        if (Text("statementBalance") is { } balance)
        {
            if (decimal.TryParse(balance, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                header.StatementBalance = parsed;
            }
            else
            {
                errors["statementBalance"] = ["The statement balance is an amount like -1250.50."];
            }
        }

        if (Text("currency") is { } currency)
        {
            if (Enum.TryParse<Currency>(currency, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                header.Currency = parsed;
            }
            else
            {
                errors["currency"] = [$"The currency is one of {string.Join(", ", Enum.GetNames<Currency>())}."];
            }
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(header, new ValidationContext(header), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.Select(JsonNamingPolicy.CamelCase.ConvertName).Where(m => !errors.ContainsKey(m)))
            {
                errors[member] = [result.ErrorMessage ?? "Invalid value."];
            }
        }

        return (header, errors);
    }
}
