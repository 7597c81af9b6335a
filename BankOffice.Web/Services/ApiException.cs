using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankOffice.Web.Services;

/// <summary>A non-success answer of the API (RFC 9457 ProblemDetails), or the API being unreachable.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string? code, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null, string? traceId = null,
        IReadOnlyDictionary<string, JsonElement>? details = null)
        : base(detail ?? title ?? $"The request failed ({status}).")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        TraceId = traceId;
        Details = details ?? new Dictionary<string, JsonElement>();
    }

    public int Status { get; }
    public string? Code { get; }
    public string? Title { get; }
    public string? Detail { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public string? TraceId { get; }

    /// <summary>The ProblemDetails <c>details</c> object (e.g. currentBalance, shortfall of INSUFFICIENT_BALANCE).</summary>
    public IReadOnlyDictionary<string, JsonElement> Details { get; }

    public bool IsUnauthorized => Status == (int)HttpStatusCode.Unauthorized;
    public bool IsForbidden => Status == (int)HttpStatusCode.Forbidden;
    public bool IsNotFound => Status == (int)HttpStatusCode.NotFound;

    /// <summary>The text to show: the detail when present, else the title, else a generic sentence.</summary>
    public string Display => Detail ?? Title ?? Message;

    public static ApiException SessionExpired() =>
        new(401, "SESSION_EXPIRED", "Your session has ended", "Please sign in again.");

    public static ApiException Unavailable(Exception inner) =>
        new(503, "API_UNAVAILABLE", "Service unavailable", "The bank service cannot be reached right now. Please try again shortly: " + inner.Message);

    public static async Task<ApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var status = (int)response.StatusCode;
        ProblemDetailsDto? problem = null;
        try
        {
            if (response.Content.Headers.ContentLength is not 0)
            {
                problem = await response.Content.ReadFromJsonAsync<ProblemDetailsDto>(ApiJson.Options, cancellationToken);
            }
        }
        catch (JsonException)
        {
            // Not ProblemDetails JSON: fall back to the status.
        }
        catch (NotSupportedException)
        {
            // Not JSON at all.
        }

        var title = problem?.Title ?? DefaultTitle(status, response.ReasonPhrase);
        return new ApiException(status, problem?.Code, title, problem?.Detail, problem?.Errors, problem?.TraceId, problem?.Details);
    }

    private static string DefaultTitle(int status, string? reason) => status switch
    {
        401 => "You are not signed in",
        403 => "You are not allowed to do this",
        404 => "Not found",
        409 => "Conflict",
        429 => "Too many requests",
        >= 500 => "The service had a problem",
        _ => reason ?? "The request failed",
    };
}

/// <summary>RFC 9457 ProblemDetails as the API sends it.</summary>
public sealed class ProblemDetailsDto
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public int? Status { get; set; }
    public string? Detail { get; set; }
    public string? Code { get; set; }
    public string? TraceId { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public Dictionary<string, string[]>? Errors { get; set; }
    public Dictionary<string, JsonElement>? Details { get; set; }
}
