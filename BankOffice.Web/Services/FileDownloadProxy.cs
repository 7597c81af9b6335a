using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BankOffice.Web.Services;

/// <summary>
/// Downloads for the browser, which cannot send the API's bearer token: takes the cookie user's session
/// token from the <see cref="TokenStore"/>, asks the API for one of the <see cref="FileDownloadPaths"/>
/// with the request's query string, and streams the answer through as it arrives (statements can be large),
/// with its status, Content-Type and Content-Disposition. A refusal becomes a readable <see cref="FileProblemPage"/>.
/// </summary>
public sealed class FileDownloadProxy(HttpClient http, TokenStore tokens, ILogger<FileDownloadProxy> logger)
{
    /// <summary>A PDF of a long range takes seconds to print; the body then streams without a time limit.</summary>
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromMinutes(2);

    public async Task ForwardAsync(HttpContext context, string? path)
    {
        var ct = context.RequestAborted;
        if (!FileDownloadPaths.IsAllowed(path))
        {
            await FileProblemPage.WriteAsync(context, new ApiException(404, "NOT_FOUND", "No such file", "There is nothing to download at this address."));
            return;
        }

        string? token;
        try
        {
            token = await tokens.GetAccessTokenAsync(context.User.FindFirst(SessionClaims.SessionId)?.Value, ct);
        }
        catch (ApiException ex)
        {
            await FileProblemPage.WriteAsync(context, ex);
            return;
        }

        if (token is null)
        {
            await SignInAgainAsync(context);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path + context.Request.QueryString.Value);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Download of {Path} failed: the API cannot be reached.", path);
            await FileProblemPage.WriteAsync(context, ApiException.Unavailable(ex));
            return;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            await FileProblemPage.WriteAsync(context, new ApiException(504, "TIMEOUT", "The file is taking too long", "The bank service did not start sending the file in time."));
            return;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await SignInAgainAsync(context);
            }
            else if (!response.IsSuccessStatusCode)
            {
                await FileProblemPage.WriteAsync(context, await ApiException.FromResponseAsync(response, ct));
            }
            else
            {
                await CopyAsync(response, context.Response, ct);
            }
        }
    }

    private static async Task CopyAsync(HttpResponseMessage from, HttpResponse to, CancellationToken ct)
    {
        to.StatusCode = (int)from.StatusCode;
        var headers = from.Content.Headers;
        if (headers.ContentType is { } type)
        {
            to.ContentType = type.ToString();
        }

        if (headers.ContentDisposition is { } disposition)
        {
            to.Headers.ContentDisposition = disposition.ToString();
        }

        if (headers.ContentLength is { } length)
        {
            to.ContentLength = length;
        }

        // Statements are personal: no shared caches; and no sniffing a CSV or an HTML preview into something else.
        to.Headers.CacheControl = "private, no-store";
        to.Headers.XContentTypeOptions = "nosniff";
        if (headers.ContentType?.MediaType == "text/html")
        {
            // The preview is opened on this site's origin: as its own sandboxed origin it cannot script the app, even when opened outside the frame.
            to.Headers.ContentSecurityPolicy = "sandbox";
        }

        await using var body = await from.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(to.Body, ct);
    }

    /// <summary>No usable token for this cookie (session gone, refresh refused): sign in again and come back here.</summary>
    private static Task SignInAgainAsync(HttpContext context) =>
        context.ChallengeAsync(CookieAuthenticationDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
}

public static class FileDownloadEndpoints
{
    /// <summary><c>GET /files/{**path}</c>: signed-in users only (others go to the sign-in page); see <see cref="FileDownloadProxy"/>.</summary>
    public static IEndpointConventionBuilder MapFileDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{**path}", (HttpContext context, string? path, FileDownloadProxy proxy) => proxy.ForwardAsync(context, path))
            .RequireAuthorization()
            .WithName("FileDownload");
}
