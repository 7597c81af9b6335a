using System.Globalization;
using BankOffice.Core.Events;
using BankOffice.Web.Services;
using Radzen;

namespace BankOffice.Web.Features.Events;

/// <summary>Readable sentences for the outbox and webhook APIs' error codes, and how their figures and states are shown.</summary>
public static class EventsMessages
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Describe(ApiException error) => error.Code switch
    {
        EventErrorCodes.NotDeadLettered => "This message is no longer dead-lettered: it was replayed or sent meanwhile. The list shows its current state.",
        EventErrorCodes.EventNotFound => "There is no such event in the outbox.",
        EventErrorCodes.InvalidReplayRange => $"The bank refused this range: {error.Detail}",
        EventErrorCodes.UnknownEventType => $"An event type is not in the catalogue. ({error.Detail})",
        EventErrorCodes.InvalidWebhookUrl => $"The endpoint URL was refused: it must be an absolute https:// address (http:// only where the bank allows it). ({error.Detail})",
        EventErrorCodes.WebhookNotFound => "This webhook subscription no longer exists. Reload the page.",
        EventErrorCodes.DeliveryNotFound => "This delivery no longer exists. Reload the log.",
        EventErrorCodes.DeliveryNotFailed => "Only a FAILED delivery is retried by hand, and this one is no longer failed (it was retried or delivered meanwhile). The log shows its current state.",
        _ when error.IsForbidden => "Only administrators (events.manage) may see and replay events and manage webhooks.",
        _ => LedgerErrors.Describe(error),
    };

    public static string Count(long value) => value.ToString("#,##0", Culture);

    /// <summary>How long the oldest unsent message has waited: "–" (none), "45 s", "12 min", "2 h 05 min", "3 d 4 h".</summary>
    public static string Age(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(Math.Max(0, s));
        return span.TotalSeconds switch
        {
            < 60 => $"{(int)span.TotalSeconds} s",
            < 3600 => $"{(int)span.TotalMinutes} min",
            < 86400 => $"{(int)span.TotalHours} h {span.Minutes:00} min",
            _ => $"{(int)span.TotalDays} d {span.Hours} h",
        };
    }

    public static string Moment(DateTimeOffset? value) => value is null ? "–" : Formatting.Date(value);

    public static BadgeStyle Badge(OutboxStatus status) => status switch
    {
        OutboxStatus.PENDING => BadgeStyle.Info,
        OutboxStatus.SENT => BadgeStyle.Success,
        _ => BadgeStyle.Danger,
    };

    public static BadgeStyle Badge(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.PENDING => BadgeStyle.Info,
        WebhookDeliveryStatus.DELIVERED => BadgeStyle.Success,
        _ => BadgeStyle.Danger,
    };

    /// <summary>How a ping went: "HTTP 204 in 41 ms", or the receiver's refusal or the connection error.</summary>
    public static string Ping(WebhookAttemptDto attempt) => $"{Answer(attempt.StatusCode, attempt.Error)} in {attempt.DurationMs} ms";

    /// <summary>An HTTP answer of a try, or why there was none.</summary>
    public static string Answer(int? statusCode, string? error) => statusCode switch
    {
        { } code when string.IsNullOrEmpty(error) => $"HTTP {code}",
        { } code => $"HTTP {code}: {error}",
        null => string.IsNullOrEmpty(error) ? "–" : error,
    };
}
