namespace BankOffice.Data;

/// <summary>
/// An ASP.NET Core Data Protection key ring element, stored in PostgreSQL so that every API
/// instance can read the bearer tokens the others issued, and tokens survive a restart.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = string.Empty;
    public string Xml { get; set; } = string.Empty;
}
