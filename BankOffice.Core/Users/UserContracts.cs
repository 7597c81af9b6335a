using System.ComponentModel.DataAnnotations;

namespace BankOffice.Core.Users;

public sealed record UserDto(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? CustomerId,
    bool IsLockedOut,
    DateTimeOffset? LockoutEnd,
    int AccessFailedCount,
    DateTimeOffset CreatedAt);

public sealed class CreateUserRequest
{
    [Required]
    [EmailAddress]
    [StringLength(256)]
    public string? Email { get; set; }

    [Required]
    [StringLength(100, MinimumLength = 3)]
    public string? DisplayName { get; set; }

    [Required]
    [StringLength(128, MinimumLength = 10)]
    public string? Password { get; set; }

    [Required]
    [MinLength(1)]
    public List<string> Roles { get; set; } = [];

    /// <summary>Required when the roles include Customer.</summary>
    public string? CustomerId { get; set; }
}

public sealed class UpdateUserRequest
{
    [Required]
    [StringLength(100, MinimumLength = 3)]
    public string? DisplayName { get; set; }

    [Required]
    [MinLength(1)]
    public List<string> Roles { get; set; } = [];
}

public sealed record UserQuery(int Page = 1, int Size = Common.PageRequest.DefaultSize, string? Search = null, string? Role = null);

/// <summary>A role and the permissions it grants (<c>GET /api/v1/users/roles</c>).</summary>
public sealed record RoleDto(string Role, IReadOnlyList<string> Permissions);
