using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Events;

namespace BankOffice.Web.Features.Events;

public sealed partial class WebhookDialog
{
    /// <summary>
    /// A subscription: where to POST (an absolute http(s) URL; the API says whether plain http is
    /// allowed), which event types, a note for admins, and (when editing) whether it is active.
    /// </summary>
    public sealed class InputModel
    {
        private string? url;

        public InputModel()
        {
        }

        public InputModel(WebhookSubscriptionDto subscription)
        {
            Url = subscription.Url;
            EventTypes = subscription.EventTypes;
            Description = subscription.Description;
            Active = subscription.Active;
        }

        [Required(ErrorMessage = "Please give the endpoint's URL.")]
        [StringLength(WebhookSubscription.UrlMaxLength, ErrorMessage = "The URL is too long.")]
        [Url(ErrorMessage = "Please give an absolute http:// or https:// URL.")]
        public string? Url
        {
            get => url;
            // A pasted URL often carries spaces around it; they are no part of it.
            set => url = value?.Trim();
        }

        [MinLength(1, ErrorMessage = "Choose at least one event type.")]
        public IReadOnlyList<string> EventTypes { get; set; } = [];

        [StringLength(WebhookSubscription.DescriptionMaxLength, ErrorMessage = "The description is at most 200 characters.")]
        public string? Description { get; set; }

        public bool Active { get; set; } = true;

        public CreateWebhookRequest ToCreateRequest() => new(Url, EventTypes, Blank(Description));

        public UpdateWebhookRequest ToUpdateRequest() => new(Url, EventTypes, Blank(Description), Active);

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
