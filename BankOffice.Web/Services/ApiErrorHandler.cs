using Microsoft.AspNetCore.Components;
using Radzen;

namespace BankOffice.Web.Services;

/// <summary>
/// What a screen does with a failed API call: 401 goes to sign-in; anything else is shown as a
/// readable notification. Answers the <see cref="ApiException"/> so a form can show field errors too.
/// </summary>
public sealed class ApiErrorHandler(NavigationManager navigation, NotificationService notifications, ILogger<ApiErrorHandler> logger)
{
    public ApiException Handle(Exception exception, bool notify = true)
    {
        var error = exception as ApiException ?? new ApiException(500, "UNEXPECTED", "Something went wrong", exception.Message);
        if (exception is not ApiException)
        {
            logger.LogError(exception, "Unexpected error in a screen.");
        }

        if (error.IsUnauthorized)
        {
            var returnUrl = navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo("/account/login?returnUrl=" + Uri.EscapeDataString("/" + returnUrl), forceLoad: true);
            return error;
        }

        if (notify)
        {
            var summary = error.IsForbidden ? "You are not allowed to do this." : error.Title ?? "The request failed";
            notifications.Notify(new NotificationMessage
            {
                Severity = NotificationSeverity.Error,
                Summary = summary,
                Detail = error.Detail ?? string.Empty,
                Duration = 8000,
            });
        }

        return error;
    }

    public void Success(string summary, string? detail = null) =>
        notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Success, Summary = summary, Detail = detail ?? string.Empty, Duration = 4000 });
}
