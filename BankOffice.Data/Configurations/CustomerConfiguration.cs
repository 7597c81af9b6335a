using BankOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(Customer.IdMaxLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.TaxId).HasMaxLength(Customer.TaxIdMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.AddressLine).HasMaxLength(Customer.AddressLineMaxLength);
        builder.Property(c => c.City).HasMaxLength(Customer.CityMaxLength);
        builder.Property(c => c.PostalCode).HasMaxLength(Customer.PostalCodeMaxLength);
        builder.Property(c => c.Country).HasMaxLength(Customer.CountryMaxLength);
        builder.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");

        builder.HasIndex(c => c.TaxId).IsUnique().HasFilter("tax_id IS NOT NULL");
        builder.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class CustomerInvitationConfiguration : IEntityTypeConfiguration<CustomerInvitation>
{
    public void Configure(EntityTypeBuilder<CustomerInvitation> builder)
    {
        builder.ToTable("customer_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(i => i.CodeHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.IssuedBy).HasMaxLength(256).IsRequired();
        builder.Property(i => i.UsedByUserId).HasMaxLength(450);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
