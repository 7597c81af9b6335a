using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using BankOffice.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Infrastructure;

/// <summary>Seed 003's default limits per user: 100 a minute, 1000 an hour, a burst of 20 a second.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int PerSecond { get; set; } = 20;
    public int PerMinute { get; set; } = 100;
    public int PerHour { get; set; } = 1000;
}

/// <summary>
/// Fixed-window counters per user (per client address when anonymous) over a second, a minute and
/// an hour. Answers 429 RATE_LIMITED with Retry-After once any window is full, and tells the client
/// where it stands with X-RateLimit-Limit/Remaining/Reset (the minute window, as seed 003 shows).
/// Counters are per API instance (see README, "Scaling out").
/// </summary>
public sealed class UserRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Windows> _clients = new(StringComparer.Ordinal);
    private long _calls;

    public RateLimitDecision Acquire(string client)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var limits = options.Value;
        var windows = _clients.GetOrAdd(client, _ => new Windows());
        RateLimitDecision decision;
        lock (windows)
        {
            var second = windows.Second.Roll(now, 1_000);
            var minute = windows.Minute.Roll(now, 60_000);
            var hour = windows.Hour.Roll(now, 3_600_000);
            var allowed = second.Count < limits.PerSecond && minute.Count < limits.PerMinute && hour.Count < limits.PerHour;
            if (allowed)
            {
                second.Count++;
                minute.Count++;
                hour.Count++;
            }

            long retryAfterMs = 0;
            if (!allowed)
            {
                retryAfterMs = hour.Count >= limits.PerHour ? hour.ResetAt(3_600_000) - now
                    : minute.Count >= limits.PerMinute ? minute.ResetAt(60_000) - now
                    : second.ResetAt(1_000) - now;
            }

            decision = new RateLimitDecision(
                allowed,
                limits.PerMinute,
                Math.Max(0, Math.Min(limits.PerMinute - minute.Count, limits.PerHour - hour.Count)),
                minute.ResetAt(60_000) / 1000,
                (int)Math.Ceiling(Math.Max(retryAfterMs, 1) / 1000.0));
        }

        if (Interlocked.Increment(ref _calls) % 10_000 == 0)
        {
            Prune(now);
        }

        return decision;
    }

    private void Prune(long now)
    {
        foreach (var (key, windows) in _clients)
        {
            lock (windows)
            {
                if (now - windows.Hour.Start >= 3_600_000)
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Windows
    {
        public Window Second { get; } = new();
        public Window Minute { get; } = new();
        public Window Hour { get; } = new();
    }

    private sealed class Window
    {
        public long Start { get; private set; }
        public int Count { get; set; }

        public Window Roll(long now, long length)
        {
            var start = now - (now % length);
            if (start != Start)
            {
                Start = start;
                Count = 0;
            }

            return this;
        }

        public long ResetAt(long length) => Start + length;
    }
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetUnixSeconds, int RetryAfterSeconds);

public static class RateLimitingMiddleware
{
    /// <summary>Runs after authentication so that the key is the user, not the address.</summary>
    public static IApplicationBuilder UseUserRateLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var limiter = context.RequestServices.GetRequiredService<UserRateLimiter>();
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var client = userId is not null ? "user:" + userId : "ip:" + context.Connection.RemoteIpAddress;
            var decision = limiter.Acquire(client);
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            if (decision.Allowed)
            {
                await next(context);
                return;
            }

            headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Rate limit reached; retry after {decision.RetryAfterSeconds} s.",
            };
            problem.Extensions["code"] = ErrorCodes.RateLimited;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        });
}
