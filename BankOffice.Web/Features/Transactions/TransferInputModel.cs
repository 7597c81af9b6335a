using System.ComponentModel.DataAnnotations;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Transactions;

/// <summary>The transfer form: the "from" account (<see cref="AmountInputModel.AccountNumber"/>), the target, amount and description.</summary>
public sealed class TransferInputModel : AmountInputModel, IValidatableObject
{
    /// <summary>An account number (ACC-…) or an IBAN.</summary>
    [TransferTarget]
    public string? To { get; set; }

    /// <summary>API field names mapped onto this form's.</summary>
    public static readonly IReadOnlyDictionary<string, string> ApiFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["fromAccountNumber"] = nameof(AccountNumber),
        ["toAccountNumber"] = nameof(To),
        ["toIban"] = nameof(To),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TransferTarget.TryParse(To, out var target, out _) && target.AccountNumber is not null
            && string.Equals(target.AccountNumber, AccountNumber?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("The target is the account you transfer from; choose another account.", [nameof(To)]);
        }
    }
}
