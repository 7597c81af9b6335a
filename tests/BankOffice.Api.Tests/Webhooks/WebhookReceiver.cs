using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankOffice.Api.Tests.Webhooks;

/// <summary>One request the receiver got, with what it answered.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredStatus, DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No header {name}; got {string.Join(", ", Headers.Keys)}.");
}

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (a free port) that records every POST and answers 200, or a
/// given error status for the next N requests, so the dispatcher's retries meet real failures.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication _app = default!;
    private int _failuresLeft;
    private int _failureStatus = 500;

    public string BaseUrl { get; private set; } = default!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public string Url(string path = "/hooks") => BaseUrl + path;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 500)
    {
        _failureStatus = status;
        Interlocked.Exchange(ref _failuresLeft, count);
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have come in (or fails after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} webhook requests, got {_received.Count}.");
            }

            await Task.Delay(25);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? _failureStatus : StatusCodes.Status200OK;
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedWebhook(http.Request.Path, headers, body, status, DateTimeOffset.UtcNow));
        http.Response.StatusCode = status;
        if (status != StatusCodes.Status200OK)
        {
            await http.Response.WriteAsync("receiver says no");
        }
    }
}
