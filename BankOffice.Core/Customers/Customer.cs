using BankOffice.Core.Common;

namespace BankOffice.Core.Customers;

public enum CustomerKind
{
    PERSON,
    BUSINESS,
}

/// <summary>A customer of the bank: a person or a business. Identified by a readable id such as <c>C000123</c>.</summary>
public sealed class Customer
{
    public const int IdMaxLength = 16;
    public const int NameMinLength = 3;
    public const int NameMaxLength = 100;
    public const int TaxIdMaxLength = 20;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 32;
    public const int AddressLineMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int PostalCodeMaxLength = 20;
    public const int CountryMaxLength = 2;

    private Customer()
    {
        // For EF Core.
    }

    public string Id { get; private set; } = default!;
    public CustomerKind Kind { get; private set; }
    public string Name { get; private set; } = default!;
    public string? TaxId { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? AddressLine { get; private set; }
    public string? City { get; private set; }
    public string? PostalCode { get; private set; }
    public string? Country { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static string FormatId(long sequence) => "C" + sequence.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    public static Customer Create(string id, CustomerDetails details, DateTimeOffset now)
    {
        var customer = new Customer { Id = id, CreatedAt = now };
        customer.Apply(details, now);
        return customer;
    }

    public void Update(CustomerDetails details, DateTimeOffset now) => Apply(details, now);

    private void Apply(CustomerDetails details, DateTimeOffset now)
    {
        var name = (details.Name ?? string.Empty).Trim();
        if (name.Length is < NameMinLength or > NameMaxLength)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Customer name must be {NameMinLength}-{NameMaxLength} characters.");
        }

        Kind = details.Kind;
        Name = name;
        TaxId = Clean(details.TaxId);
        Email = Clean(details.Email)?.ToLowerInvariant();
        Phone = Clean(details.Phone);
        AddressLine = Clean(details.AddressLine);
        City = Clean(details.City);
        PostalCode = Clean(details.PostalCode);
        Country = Clean(details.Country)?.ToUpperInvariant();
        UpdatedAt = now;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The editable fields of a customer.</summary>
public sealed record CustomerDetails(
    CustomerKind Kind,
    string Name,
    string? TaxId,
    string? Email,
    string? Phone,
    string? AddressLine,
    string? City,
    string? PostalCode,
    string? Country);
