using System.Security.Cryptography;

namespace BankOffice.Core.Customers;

/// <summary>
/// A one-time code a staff user issues so that a customer can register a login bound to their
/// customer record. Only a hash of the code is stored.
/// </summary>
public sealed class CustomerInvitation
{
    public const int CodeLength = 12;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private CustomerInvitation()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = default!;
    public string CodeHash { get; private set; } = default!;
    public string IssuedBy { get; private set; } = default!;
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public string? UsedByUserId { get; private set; }

    public static (CustomerInvitation Invitation, string Code) Issue(string customerId, string issuedBy, DateTimeOffset now)
    {
        // Unambiguous alphabet: no 0/O, 1/I/L.
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var code = new string(Enumerable.Range(0, CodeLength).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
        var invitation = new CustomerInvitation
        {
            Id = Guid.NewGuid(),
            CustomerId = customerId,
            CodeHash = Hash(code),
            IssuedBy = issuedBy,
            IssuedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, code);
    }

    public static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal))));

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void MarkUsed(string userId, DateTimeOffset now)
    {
        UsedAt = now;
        UsedByUserId = userId;
    }
}
