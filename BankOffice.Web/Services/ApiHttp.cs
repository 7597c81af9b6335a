using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BankOffice.Web.Services;

/// <summary>
/// One request to the API: optional bearer token, JSON body, and every failure turned into an
/// <see cref="ApiException"/> (unreachable API, or a ProblemDetails answer). The caller owns the response.
/// </summary>
internal static class ApiHttp
{
    private static readonly Dictionary<string, string> EmptyHeaders = [];

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, object? body, string? accessToken, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        foreach (var (name, value) in headers ?? EmptyHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw ApiException.Unavailable(ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ApiException.FromResponseAsync(response, ct);
            }
        }

        return response;
    }
}
