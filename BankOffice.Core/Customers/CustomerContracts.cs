using System.ComponentModel.DataAnnotations;

namespace BankOffice.Core.Customers;

public sealed record CustomerDto(
    string Id,
    CustomerKind Kind,
    string Name,
    string? TaxId,
    string? Email,
    string? Phone,
    string? AddressLine,
    string? City,
    string? PostalCode,
    string? Country,
    int AccountCount,
    bool HasLogin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed class CustomerRequest
{
    [Required]
    public CustomerKind? Kind { get; set; }

    [Required]
    [StringLength(Customer.NameMaxLength, MinimumLength = Customer.NameMinLength)]
    public string? Name { get; set; }

    [StringLength(Customer.TaxIdMaxLength)]
    public string? TaxId { get; set; }

    [EmailAddress]
    [StringLength(Customer.EmailMaxLength)]
    public string? Email { get; set; }

    [Phone]
    [StringLength(Customer.PhoneMaxLength)]
    public string? Phone { get; set; }

    [StringLength(Customer.AddressLineMaxLength)]
    public string? AddressLine { get; set; }

    [StringLength(Customer.CityMaxLength)]
    public string? City { get; set; }

    [StringLength(Customer.PostalCodeMaxLength)]
    public string? PostalCode { get; set; }

    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Country is a two-letter ISO code.")]
    public string? Country { get; set; }

    public CustomerDetails ToDetails() => new(Kind!.Value, Name!, TaxId, Email, Phone, AddressLine, City, PostalCode, Country);
}

public sealed record InvitationDto(string Code, string CustomerId, DateTimeOffset ExpiresAt);

/// <summary>Query of <c>GET /api/v1/customers</c>. SortBy: name (default), createdAt, id.</summary>
public sealed record CustomerQuery(
    int Page = 1,
    int Size = Common.PageRequest.DefaultSize,
    string? Search = null,
    CustomerKind? Kind = null,
    string? SortBy = null,
    string? SortOrder = null);
