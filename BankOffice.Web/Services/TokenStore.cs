using System.Collections.Concurrent;
using BankOffice.Core.Auth;
using Microsoft.Extensions.Options;

namespace BankOffice.Web.Services;

/// <summary>
/// Holds each signed-in session's API tokens on the server, keyed by the session id (<c>sid</c> claim)
/// that the auth cookie carries. Tokens never go into the cookie. Refreshes an access token shortly
/// before it expires, once per session even when several calls ask at the same time.
/// </summary>
public sealed class TokenStore(IHttpClientFactory httpClientFactory, IOptions<ApiOptions> options, TimeProvider time, ILogger<TokenStore> logger)
{
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);

    public int Count => sessions.Count;

    /// <summary>Stores the tokens of a new session and answers its new random session id.</summary>
    public string Add(TokenResponse tokens)
    {
        PruneIdle();
        var sid = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        sessions[sid] = new Session(Entry(tokens), time.GetUtcNow());
        return sid;
    }

    public bool Contains(string? sid) => sid is not null && sessions.TryGetValue(sid, out var session) && Touch(session);

    /// <summary>Forgets a session and answers its last access token (to log it out at the API), if any.</summary>
    public string? Remove(string? sid) =>
        sid is not null && sessions.TryRemove(sid, out var session) ? session.Tokens.AccessToken : null;

    /// <summary>
    /// A valid access token of the session: refreshed first when it expires within
    /// <see cref="ApiOptions.RefreshBefore"/>. Null when the session is unknown or the refresh failed
    /// (the session is then removed, so the cookie is rejected and the user signs in again).
    /// </summary>
    public async Task<string?> GetAccessTokenAsync(string? sid, CancellationToken ct = default)
    {
        if (sid is null || !sessions.TryGetValue(sid, out var session))
        {
            return null;
        }

        Touch(session);
        if (!NeedsRefresh(session.Tokens))
        {
            return session.Tokens.AccessToken;
        }

        await session.Lock.WaitAsync(ct);
        try
        {
            if (!NeedsRefresh(session.Tokens))
            {
                return session.Tokens.AccessToken; // another caller refreshed while we waited
            }

            var client = new AuthApiClient(httpClientFactory.CreateClient(AuthApiClient.HttpClientName));
            var tokens = await client.RefreshAsync(session.Tokens.RefreshToken, ct);
            session.Tokens = Entry(tokens);
            return tokens.AccessToken;
        }
        catch (ApiException ex) when (ex.Status == 503)
        {
            // The API is briefly unreachable: keep the session (its refresh token is still good) and
            // let the caller show "service unavailable" instead of signing the user out.
            throw;
        }
        catch (ApiException ex)
        {
            logger.LogInformation("Token refresh failed for a session ({Status} {Code}); signing it out.", ex.Status, ex.Code);
            sessions.TryRemove(sid, out _);
            return null;
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>
    /// Drops sessions unused for longer than the cookie could live: users who closed the browser
    /// without signing out would otherwise stay in memory for good.
    /// </summary>
    private void PruneIdle()
    {
        var cutoff = time.GetUtcNow() - options.Value.SessionIdleTimeout;
        foreach (var (sid, session) in sessions)
        {
            if (session.LastUsed < cutoff)
            {
                sessions.TryRemove(sid, out _);
            }
        }
    }

    private bool Touch(Session session)
    {
        session.LastUsed = time.GetUtcNow();
        return true;
    }

    private bool NeedsRefresh(TokenEntry tokens) => time.GetUtcNow() >= tokens.ExpiresAt - options.Value.RefreshBefore;

    private TokenEntry Entry(TokenResponse tokens) =>
        new(tokens.AccessToken, tokens.RefreshToken, time.GetUtcNow().AddSeconds(tokens.ExpiresIn));

    private sealed record TokenEntry(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private sealed class Session(TokenEntry tokens, DateTimeOffset lastUsed)
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public TokenEntry Tokens { get; set; } = tokens;
        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
