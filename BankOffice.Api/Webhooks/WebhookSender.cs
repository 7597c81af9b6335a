using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using BankOffice.Core.Events;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Webhooks;

/// <summary>What one HTTP try gave: a 2xx is delivered; anything else (or no answer) is retried.</summary>
public sealed record WebhookSendResult(bool Delivered, int? StatusCode, string? Error, int DurationMs, DateTimeOffset AttemptedAt);

/// <summary>
/// POSTs one signed body to one receiver (README.md, "Webhooks"): the signature header over the body and
/// the send time, the event and delivery ids, no redirects, at most <see cref="WebhookOptions.Timeout"/>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "webhooks";
    public const string UserAgent = "BankOffice-Webhooks/1";

    // Enough of a refusal's body to tell the admin why, without reading a receiver's whole error page.
    private const int ErrorBodyChars = 300;

    public async Task<WebhookSendResult> SendAsync(string url, string secret, string body, Guid eventId, string eventType, Guid deliveryId, CancellationToken cancellationToken)
    {
        var attemptedAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret, attemptedAt, body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventIdHeader, eventId.ToString());
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventTypeHeader, eventType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryIdHeader, deliveryId.ToString());
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookSendResult(true, status, null, Elapsed(started), attemptedAt);
            }

            var reason = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            var excerpt = await ExcerptAsync(response, timeout.Token);
            return new WebhookSendResult(false, status, Limit(string.IsNullOrWhiteSpace(excerpt) ? reason : $"{reason}: {excerpt}"), Elapsed(started), attemptedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, $"No answer within {options.Value.Timeout.TotalSeconds:0.###} s.", Elapsed(started), attemptedAt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refused connections, unknown hosts, TLS failures: a failed try like a 5xx, logged with the reason.
            return new WebhookSendResult(false, null, Limit(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message), Elapsed(started), attemptedAt);
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[ErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            return new string(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return string.Empty;
        }
    }

    private static string Limit(string error) => error.Length <= WebhookDelivery.ErrorMaxLength ? error : error[..WebhookDelivery.ErrorMaxLength];

    private static int Elapsed(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
