using BankOffice.Core.Events;

namespace BankOffice.Api.Events;

/// <summary>
/// The correlation id of the work in progress: a request's <c>X-Correlation-Id</c> (or its trace
/// identifier), or a background job's id. Recorded on every event the work raises.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    private static readonly AsyncLocal<string?> Ambient = new();

    public static string? Current => Ambient.Value;

    /// <summary>Sets the id for the rest of this async flow (a job sets its own run id).</summary>
    public static void Set(string? correlationId)
    {
        var id = correlationId?.Trim();
        Ambient.Value = string.IsNullOrEmpty(id) ? null : id.Length > OutboxMessage.CorrelationIdMaxLength ? id[..OutboxMessage.CorrelationIdMaxLength] : id;
    }

    /// <summary>Takes the caller's X-Correlation-Id (or the request's trace id) and echoes it on the response.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var given = context.Request.Headers[Header].ToString();
        Set(string.IsNullOrWhiteSpace(given) ? context.TraceIdentifier : given);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = Current;
            return Task.CompletedTask;
        });
        await next();
    });
}
