using System.Net;
using System.Net.Sockets;

namespace BankOffice.Api.Tests.Events.Kafka;

/// <summary>
/// A broker that is down until the test says otherwise: a loopback port that hangs up on every
/// connection while closed, and once <see cref="Open"/> forwards each connection to the target. The
/// API is configured with this port as its bootstrap server; once it reaches the real broker through
/// it, the broker's metadata sends it to the broker's own address, so the gate only opens, never closes.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile string? _target;

    public TcpGate()
    {
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Address { get; }

    /// <summary>Connections from now on go through to <paramref name="target"/> (host:port).</summary>
    public void Open(string target) => _target = target;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_target is not { } target)
            {
                client.Dispose(); // the broker is "down": the connection is closed at once
                continue;
            }

            _ = ForwardAsync(client, target);
        }
    }

    private async Task ForwardAsync(TcpClient client, string target)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                var separator = target.LastIndexOf(':');
                await upstream.ConnectAsync(target[..separator], int.Parse(target[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), _stop.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side hung up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
