using System.Net;
using BankOffice.Core.Auth;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankOffice.Web.Tests.Services;

public sealed class TokenStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider time = new(Start);

    [Fact]
    public async Task GetAccessTokenAsync_FarFromExpiry_ReturnsStoredTokenWithoutRefresh()
    {
        var handler = new FakeHttpHandler(_ => throw new InvalidOperationException("no call expected"));
        var store = Store(handler);
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));

        time.Now = Start.AddMinutes(10); // 5 minutes left

        (await store.GetAccessTokenAsync(sid)).Should().Be("access-1");
        handler.Calls.Should().Be(0);
    }

    [Fact]
    public async Task GetAccessTokenAsync_CloseToExpiryWithParallelCallers_RefreshesOnce()
    {
        var handler = new FakeHttpHandler(async request =>
        {
            await Task.Delay(100);
            var body = await request.Content!.ReadAsStringAsync();
            body.Should().Contain("\"refreshToken\":\"refresh-1\"");
            return FakeHttpHandler.Json(HttpStatusCode.OK, """{"tokenType":"Bearer","accessToken":"access-2","expiresIn":900,"refreshToken":"refresh-2"}""");
        });
        var store = Store(handler);
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));
        time.Now = Start.AddSeconds(870); // 30 s left, inside the 60 s refresh window

        var tokens = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.GetAccessTokenAsync(sid)));

        tokens.Should().AllBe("access-2");
        handler.Calls.Should().Be(1);
        handler.Paths.Should().Equal("/api/v1/auth/refresh");
    }

    [Fact]
    public async Task GetAccessTokenAsync_AfterRefresh_UsesNewExpiry()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(
            FakeHttpHandler.Json(HttpStatusCode.OK, """{"tokenType":"Bearer","accessToken":"access-2","expiresIn":900,"refreshToken":"refresh-2"}""")));
        var store = Store(handler);
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));
        time.Now = Start.AddSeconds(899);
        await store.GetAccessTokenAsync(sid);

        time.Now = Start.AddSeconds(899 + 600);

        (await store.GetAccessTokenAsync(sid)).Should().Be("access-2");
        handler.Calls.Should().Be(1);
    }

    [Fact]
    public async Task GetAccessTokenAsync_RefreshRejected_ReturnsNullAndForgetsSession()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(FakeHttpHandler.Json(
            HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401,"code":"INVALID_REFRESH_TOKEN"}""", "application/problem+json")));
        var store = Store(handler);
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));
        time.Now = Start.AddSeconds(900);

        (await store.GetAccessTokenAsync(sid)).Should().BeNull();

        store.Contains(sid).Should().BeFalse("the cookie of this session must now be rejected");
    }

    [Fact]
    public async Task GetAccessTokenAsync_ApiUnreachable_ThrowsUnavailableAndKeepsSession()
    {
        // A short API outage must not sign staff out: the refresh token is still good afterwards.
        var handler = new FakeHttpHandler(_ => throw new HttpRequestException("connection refused"));
        var store = Store(handler);
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 30, "refresh-1"));

        var act = () => store.GetAccessTokenAsync(sid);

        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(503);
        store.Contains(sid).Should().BeTrue();
    }

    [Fact]
    public void Add_SessionsIdleLongerThanTheCookieLives_AreDropped()
    {
        var store = Store(new FakeHttpHandler(_ => throw new InvalidOperationException("no call expected")));
        var idle = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));
        var active = store.Add(new TokenResponse("Bearer", "access-2", 900, "refresh-2"));
        time.Now = Start.AddHours(7);
        store.Contains(active).Should().BeTrue();

        time.Now = Start.AddHours(8).AddMinutes(1);
        store.Add(new TokenResponse("Bearer", "access-3", 900, "refresh-3"));

        store.Contains(active).Should().BeTrue("it was used an hour ago");
        store.Contains(idle).Should().BeFalse("it was last used 8 hours ago");
    }

    [Fact]
    public async Task GetAccessTokenAsync_UnknownSession_ReturnsNull()
    {
        var store = Store(new FakeHttpHandler(_ => throw new InvalidOperationException()));

        (await store.GetAccessTokenAsync("no-such-sid")).Should().BeNull();
        (await store.GetAccessTokenAsync(null)).Should().BeNull();
    }

    [Fact]
    public void Remove_KnownSession_ReturnsAccessTokenAndForgetsIt()
    {
        var store = Store(new FakeHttpHandler(_ => throw new InvalidOperationException()));
        var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));

        store.Remove(sid).Should().Be("access-1");
        store.Contains(sid).Should().BeFalse();
        store.Remove(sid).Should().BeNull();
    }

    [Fact]
    public void Add_TwoSessions_GetsDistinctRandomIds()
    {
        var store = Store(new FakeHttpHandler(_ => throw new InvalidOperationException()));

        var a = store.Add(new TokenResponse("Bearer", "a", 900, "ra"));
        var b = store.Add(new TokenResponse("Bearer", "b", 900, "rb"));

        a.Should().NotBe(b);
        a.Length.Should().BeGreaterThanOrEqualTo(32);
    }

    private TokenStore Store(FakeHttpHandler handler) =>
        new(new FakeHttpClientFactory(handler), Options.Create(new ApiOptions()), time, NullLogger<TokenStore>.Instance);
}
