using System.Diagnostics;
using BankOffice.Core.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankOffice.Api.Infrastructure;

/// <summary>
/// Every error leaves the API as RFC 9457 ProblemDetails with a stable <c>code</c>, a
/// <c>traceId</c> and a <c>timestamp</c>; field errors go in <c>errors</c>, rule details in <c>details</c>.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", DefaultCode(problem.Status));
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Extensions["timestamp"] = DateTimeOffset.UtcNow;
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }

    public static string DefaultCode(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.ValidationError,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        _ => ErrorCodes.InternalError,
    };

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null, IReadOnlyDictionary<string, object?>? details = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (details is { Count: > 0 })
        {
            extensions["details"] = details;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "One or more fields are invalid.", title: "Validation failed",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationError });

    public static ProblemHttpResult Forbidden(string detail = "You do not have permission to do this.") =>
        Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden", detail);

    public static int StatusFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Validation => StatusCodes.Status400BadRequest,
        DomainErrorKind.BusinessRule => StatusCodes.Status400BadRequest,
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}

/// <summary>Turns domain, binding and concurrency exceptions into ProblemDetails; anything else is a logged 500.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problemDetails, ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail, details) = exception switch
        {
            DomainException e => (ProblemDetailsSetup.StatusFor(e.Kind), e.Code, TitleFor(e.Kind), e.Message, e.Details),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError,
                "Validation failed", $"The request body has an invalid value at {json.Path ?? "$"}.", FieldError(json.Path)),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "Bad request", e.Message, null),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Conflict",
                "The record was changed by someone else. Reload it and try again.", null),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                => (StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Conflict", "A record with the same unique value already exists.", null),
            PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable }
                => (StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Conflict",
                    "The request met a concurrent change and was not applied. Retry it (with the same Idempotency-Key).", null),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal error", "An unexpected error occurred.", (IReadOnlyDictionary<string, object?>?)null),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (details is { Count: > 0 })
        {
            problem.Extensions[exception is BadHttpRequestException ? "errors" : "details"] = details;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string TitleFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Conflict => "Conflict",
        DomainErrorKind.Forbidden => "Forbidden",
        DomainErrorKind.Validation => "Validation failed",
        DomainErrorKind.Unavailable => "Service unavailable",
        _ => "Request refused",
    };

    private static IReadOnlyDictionary<string, object?> FieldError(string? path)
    {
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        return new Dictionary<string, object?> { [field] = new[] { "This value is not valid here (wrong type or unknown option)." } };
    }
}
