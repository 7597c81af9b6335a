using Microsoft.AspNetCore.Identity;

namespace BankOffice.Data.Identity;

/// <summary>A login: staff, admin or customer. A customer login is bound to one customer record.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for users in the Customer role: the only customer whose data they may see.</summary>
    public string? CustomerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
