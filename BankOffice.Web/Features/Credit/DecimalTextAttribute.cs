using System.ComponentModel.DataAnnotations;
using System.Globalization;
using BankOffice.Core.Common;

namespace BankOffice.Web.Features.Credit;

/// <summary>
/// A number typed as text ('.' or ',' as the decimal separator, at most 4 decimals) within
/// [<see cref="Min"/>, <see cref="Max"/>]; empty is fine unless <see cref="Required"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DecimalTextAttribute(double min, double max) : ValidationAttribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool Required { get; init; }

    /// <summary>True when the value must be above <see cref="Min"/> (not equal to it).</summary>
    public bool ExclusiveMin { get; init; }

    public static decimal? Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        return value.Length > 0 && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var text = value as string;
        var label = validationContext.DisplayName;
        string? problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = Required ? $"Please enter the {label}." : null;
        }
        else if (Parse(text) is not { } number || decimal.Round(number, Money.Scale) != number)
        {
            problem = $"The {label} is a number such as 150 or 150.25 (at most 4 decimals).";
        }
        else if (number < (decimal)Min || (ExclusiveMin && number == (decimal)Min) || number > (decimal)Max)
        {
            problem = $"The {label} must be {(ExclusiveMin ? "above" : "at least")} {Min.ToString(CultureInfo.InvariantCulture)} and at most {Max.ToString(CultureInfo.InvariantCulture)}.";
        }

        return problem is null ? ValidationResult.Success : new ValidationResult(ErrorMessage ?? problem, [validationContext.MemberName!]);
    }
}
