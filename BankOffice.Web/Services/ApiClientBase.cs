using System.Net.Http.Json;

namespace BankOffice.Web.Services;

/// <summary>Sends requests with the signed-in user's bearer token and turns failures into <see cref="ApiException"/>.</summary>
public abstract class ApiClientBase(HttpClient http, IAccessTokenProvider tokens)
{
    protected async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        await ReadAsync<T>(HttpMethod.Get, path, null, ct);

    /// <param name="headers">Extra request headers, e.g. <c>Idempotency-Key</c> on money-moving requests.</param>
    protected async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var response = await SendAsync(method, path, body, ct, headers);
        var value = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct);
        return value ?? throw new ApiException((int)response.StatusCode, "EMPTY_RESPONSE", "Empty answer", "The service answered without data.");
    }

    protected async Task SendNoContentAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, body, ct, null);
    }

    /// <summary>
    /// A GET answered as soon as its headers arrive, for a body read while it is still being written
    /// (text/event-stream). The caller disposes the response.
    /// </summary>
    protected async Task<HttpResponseMessage> OpenStreamAsync(string path, string accept, CancellationToken ct)
    {
        var token = await tokens.GetAccessTokenAsync(ct) ?? throw ApiException.SessionExpired();
        var headers = new Dictionary<string, string> { ["Accept"] = accept };
        return await ApiHttp.SendAsync(http, HttpMethod.Get, path, null, token, ct, headers, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, IReadOnlyDictionary<string, string>? headers)
    {
        var token = await tokens.GetAccessTokenAsync(ct) ?? throw ApiException.SessionExpired();
        return await ApiHttp.SendAsync(http, method, path, body, token, ct, headers);
    }
}
