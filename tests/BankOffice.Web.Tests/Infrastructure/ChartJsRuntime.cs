using Microsoft.JSInterop;
using Radzen.Blazor.Rendering;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>
/// The loose runtime, except that RadzenChart's measuring call answers a 640 × 320 box, so a chart
/// draws its series and legend in the test (with nothing measured it fails on first render).
/// </summary>
public sealed class ChartJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        ValueTask.FromResult(typeof(TValue) == typeof(Rect) ? (TValue)(object)new Rect { Width = 640, Height = 320 } : default!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
}
