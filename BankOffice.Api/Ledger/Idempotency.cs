using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Ledger;

/// <summary>
/// Reads the required <c>Idempotency-Key</c> of a money-moving request and fingerprints the request
/// (method, path and the body as the API understood it), so a retry with the same key and body
/// replays the original answer and the same key with another body is refused.
/// </summary>
public static class Idempotency
{
    public const string Required = "IDEMPOTENCY_KEY_REQUIRED";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IdempotencyContext From(HttpContext http, object body)
    {
        var key = http.Request.Headers[IdempotencyHeader.Name].ToString().Trim();
        if (key.Length is 0 or > IdempotencyHeader.MaxLength)
        {
            throw new DomainException(DomainErrorKind.Validation, Required,
                $"Money-moving requests need an {IdempotencyHeader.Name} header of 1-{IdempotencyHeader.MaxLength} characters, e.g. a new UUID per operation.");
        }

        var json = JsonSerializer.Serialize(body, body.GetType(), http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        var fingerprint = $"{http.Request.Method} {http.Request.Path.Value?.ToLowerInvariant()}\n{json}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)));
        return new IdempotencyContext(http.CurrentUser().UserId, key, hash);
    }

    public static void MarkReplay(HttpContext http, PostingResult result) => MarkReplay(http, result.Replayed);

    public static void MarkReplay(HttpContext http, bool replayed)
    {
        if (replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }
    }
}
