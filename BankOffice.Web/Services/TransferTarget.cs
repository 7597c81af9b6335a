using System.ComponentModel.DataAnnotations;

namespace BankOffice.Web.Services;

/// <summary>
/// The "to" of a transfer typed in one field: an account number (<c>ACC-…</c>) or an IBAN of the bank
/// (spaces allowed). Answers which of the two request fields it fills.
/// </summary>
public sealed record TransferTarget(string? AccountNumber, string? Iban)
{
    public bool IsIban => Iban is not null;

    /// <summary>How the confirmation step shows it.</summary>
    public string Display => AccountNumber ?? Formatting.Iban(Iban);

    public static bool TryParse(string? text, out TransferTarget target, out string? error)
    {
        target = new TransferTarget(null, null);
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            error = "Please enter the target account number or IBAN.";
            return false;
        }

        if (value.StartsWith(Core.Accounts.AccountNumber.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!Core.Accounts.AccountNumber.TryParse(value, out var number))
            {
                error = "An account number looks like ACC-1b2c3d4e-…, 36 characters after ACC-.";
                return false;
            }

            target = new TransferTarget(number.Value, null);
            error = null;
            return true;
        }

        if (!Core.Accounts.Iban.TryParse(value, out var iban, out var ibanError))
        {
            error = "Enter an account number (ACC-…) or a valid IBAN. " + ibanError;
            return false;
        }

        target = new TransferTarget(null, iban.Value);
        error = null;
        return true;
    }
}

/// <summary>Validates a transfer target field with <see cref="TransferTarget.TryParse"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TransferTargetAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        TransferTarget.TryParse(value as string, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is null ? null : [validationContext.MemberName]);
}
