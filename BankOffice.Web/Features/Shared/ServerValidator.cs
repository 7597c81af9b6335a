using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace BankOffice.Web.Features.Shared;

/// <summary>
/// Puts the API's field errors (ProblemDetails <c>errors</c>, camelCase names) next to the matching
/// form fields of the surrounding EditForm. Errors of a field are cleared when the field changes.
/// </summary>
public sealed class ServerValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? store;
    private EditContext? subscribed;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(ServerValidator)} must be placed inside an EditForm.");
        }

        if (!ReferenceEquals(subscribed, CurrentEditContext))
        {
            Unsubscribe();
            store = new ValidationMessageStore(CurrentEditContext);
            CurrentEditContext.OnValidationRequested += OnValidationRequested;
            CurrentEditContext.OnFieldChanged += OnFieldChanged;
            subscribed = CurrentEditContext;
        }
    }

    /// <summary>Shows the errors; answers the messages that match no field of the model (to show elsewhere).</summary>
    public IReadOnlyList<string> DisplayErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        if (CurrentEditContext is null || store is null)
        {
            return errors.SelectMany(e => e.Value).ToList();
        }

        var unmatched = new List<string>();
        var model = CurrentEditContext.Model;
        foreach (var (field, messages) in errors)
        {
            var property = model.GetType().GetProperties()
                .FirstOrDefault(p => string.Equals(p.Name, LastSegment(field), StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                unmatched.AddRange(messages);
                continue;
            }

            store.Add(new FieldIdentifier(model, property.Name), messages);
        }

        CurrentEditContext.NotifyValidationStateChanged();
        return unmatched;
    }

    public void Clear()
    {
        store?.Clear();
        CurrentEditContext?.NotifyValidationStateChanged();
    }

    public void Dispose() => Unsubscribe();

    private static string LastSegment(string field)
    {
        var index = field.LastIndexOf('.');
        return index < 0 ? field : field[(index + 1)..];
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e) => store?.Clear();

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e) => store?.Clear(e.FieldIdentifier);

    private void Unsubscribe()
    {
        if (subscribed is not null)
        {
            subscribed.OnValidationRequested -= OnValidationRequested;
            subscribed.OnFieldChanged -= OnFieldChanged;
            subscribed = null;
        }
    }
}
