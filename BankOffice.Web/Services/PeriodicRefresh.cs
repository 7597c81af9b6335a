namespace BankOffice.Web.Services;

/// <summary>
/// Calls a screen's refresh every <c>interval</c> until disposed (the screen is closed). A refresh
/// still running when the next tick comes is not started twice: ticks that pass meanwhile are skipped.
/// The callback handles its own errors, so one failed refresh (the API restarting) does not end the loop.
/// </summary>
public sealed class PeriodicRefresh : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer;

    private PeriodicRefresh(TimeSpan interval) => timer = new PeriodicTimer(interval);

    public static PeriodicRefresh Start(TimeSpan interval, Func<CancellationToken, Task> refresh)
    {
        var loop = new PeriodicRefresh(interval);
        _ = loop.RunAsync(refresh);
        return loop;
    }

    public void Dispose()
    {
        stop.Cancel();
        timer.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> refresh)
    {
        var ct = stop.Token;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await refresh(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Closed while waiting or refreshing.
        }
        catch (ObjectDisposedException)
        {
            // Disposed between two ticks.
        }
    }
}
