using System.ComponentModel.DataAnnotations;

namespace BankOffice.Core.Auth;

public sealed class LoginRequest
{
    [Required]
    [EmailAddress]
    public string? Email { get; set; }

    [Required]
    public string? Password { get; set; }
}

/// <summary>Answer of login and refresh: a bearer access token, a refresh token and the access token's lifetime in seconds.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed class RefreshRequest
{
    [Required]
    public string? RefreshToken { get; set; }
}

public sealed record MeResponse(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, string? CustomerId);

public sealed class RegisterRequest
{
    [Required]
    [StringLength(32, MinimumLength = 8)]
    public string? InvitationCode { get; set; }

    [Required]
    [EmailAddress]
    [StringLength(256)]
    public string? Email { get; set; }

    [Required]
    [StringLength(128, MinimumLength = 10)]
    public string? Password { get; set; }
}

public sealed class ChangePasswordRequest
{
    [Required]
    public string? CurrentPassword { get; set; }

    [Required]
    [StringLength(128, MinimumLength = 10)]
    public string? NewPassword { get; set; }
}

public static class PasswordRules
{
    public const int MinLength = 10;
    public const string Description = "At least 10 characters with an upper-case letter, a lower-case letter, a digit and a symbol.";
}
