using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Auth;

namespace BankOffice.Web.Services;

/// <summary>The API's password rules, checked before sending: at least 10 characters with upper, lower, digit and symbol.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StrongPasswordAttribute : ValidationAttribute
{
    public StrongPasswordAttribute()
        : base(PasswordRules.Description)
    {
    }

    public override bool IsValid(object? value) =>
        value is not string s || (s.Length >= PasswordRules.MinLength && s.Length <= 128
            && s.Any(char.IsUpper) && s.Any(char.IsLower) && s.Any(char.IsDigit) && s.Any(c => !char.IsLetterOrDigit(c)));
}
