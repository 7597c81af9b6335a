using System.Net.Http.Json;
using BankOffice.Core.Auth;

namespace BankOffice.Web.Services;

/// <summary>
/// The auth endpoints that run before a session exists or that manage the session's tokens
/// (login, me, refresh, logout, register). Used server-side by the sign-in flow and the <see cref="TokenStore"/>.
/// </summary>
public sealed class AuthApiClient(HttpClient http)
{
    public const string HttpClientName = "BankOffice.Auth";

    public Task<TokenResponse> LoginAsync(string email, string password, CancellationToken ct = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "auth/login", new LoginRequest { Email = email, Password = password }, null, ct);

    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken ct = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "auth/refresh", new RefreshRequest { RefreshToken = refreshToken }, null, ct);

    public Task<MeResponse> MeAsync(string accessToken, CancellationToken ct = default) =>
        SendAsync<MeResponse>(HttpMethod.Get, "auth/me", null, accessToken, ct);

    public Task<MeResponse> RegisterAsync(string invitationCode, string email, string password, CancellationToken ct = default) =>
        SendAsync<MeResponse>(HttpMethod.Post, "auth/register", new RegisterRequest { InvitationCode = invitationCode, Email = email, Password = password }, null, ct);

    public async Task LogoutAsync(string accessToken, CancellationToken ct = default)
    {
        using var response = await SendCoreAsync(HttpMethod.Post, "auth/logout", null, accessToken, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? accessToken, CancellationToken ct)
    {
        using var response = await SendCoreAsync(method, path, body, accessToken, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct))!;
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, string? accessToken, CancellationToken ct) =>
        ApiHttp.SendAsync(http, method, path, body, accessToken, ct);
}
