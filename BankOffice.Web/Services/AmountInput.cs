using System.ComponentModel.DataAnnotations;
using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Web.Services;

/// <summary>
/// An amount typed by a user: digits with one optional decimal separator ('.' or ','), positive,
/// at most <see cref="Money.Scale"/> decimals, within numeric(19,4). No thousands separators, so
/// "1,5" and "1.5" both mean one and a half.
/// </summary>
public static class AmountInput
{
    public static bool TryParse(string? text, out decimal amount, out string? error)
    {
        amount = 0m;
        var value = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (value.Length == 0)
        {
            error = "Please enter the amount.";
            return false;
        }

        if (value.StartsWith('-'))
        {
            error = "The amount must be greater than zero.";
            return false;
        }

        value = value.Replace(',', '.');
        if (value.Count(c => c == '.') > 1 || !value.All(c => char.IsAsciiDigit(c) || c == '.') || !value.Any(char.IsAsciiDigit)
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
        {
            error = "The amount is a number such as 150 or 150.25.";
            return false;
        }

        var dot = value.IndexOf('.');
        if (dot >= 0 && value.Length - dot - 1 > Money.Scale)
        {
            error = $"The amount has at most {Money.Scale} decimals.";
            return false;
        }

        if (amount <= 0m)
        {
            error = "The amount must be greater than zero.";
            return false;
        }

        if (amount > Money.MaxAbsolute)
        {
            error = "The amount is too large.";
            return false;
        }

        error = null;
        return true;
    }

    public static decimal Parse(string? text) =>
        TryParse(text, out var amount, out var error) ? amount : throw new FormatException(error);
}

/// <summary>Validates a string property with <see cref="AmountInput.TryParse"/> (required, positive, at most 4 decimals).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AmountAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        AmountInput.TryParse(value as string, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is null ? null : [validationContext.MemberName]);
}
