using Microsoft.AspNetCore.Components.Authorization;

namespace BankOffice.Web.Services;

/// <summary>The signed-in user's API access token.</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetAccessTokenAsync(CancellationToken ct = default);
}

/// <summary>Reads the session id (<c>sid</c> claim) from the circuit's user and asks the <see cref="TokenStore"/>.</summary>
public sealed class CircuitAccessTokenProvider(AuthenticationStateProvider authState, TokenStore tokenStore) : IAccessTokenProvider
{
    public async Task<string?> GetAccessTokenAsync(CancellationToken ct = default)
    {
        var state = await authState.GetAuthenticationStateAsync();
        var sid = state.User.FindFirst(SessionClaims.SessionId)?.Value;
        return await tokenStore.GetAccessTokenAsync(sid, ct);
    }
}

public static class SessionClaims
{
    /// <summary>The random session id that keys the server-side token store.</summary>
    public const string SessionId = "sid";
}
