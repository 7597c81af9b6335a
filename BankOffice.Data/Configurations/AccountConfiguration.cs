using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts", t =>
        {
            t.HasCheckConstraint("ck_accounts_closed_at_zero_balance", "status <> 'CLOSED' OR balance = 0");
            // Deposit accounts never below zero; a LOAN's balance is zero or negative (what is owed).
            t.HasCheckConstraint("ck_accounts_balance_sign", "(type = 'LOAN' AND balance <= 0) OR (type <> 'LOAN' AND balance >= 0)");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Number).HasMaxLength(AccountNumber.MaxLength).IsRequired();
        builder.Property(a => a.Iban).HasMaxLength(Iban.MaxLength).IsRequired();
        builder.Property(a => a.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(Account.NameMaxLength).IsRequired();
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Balance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.StatusReason).HasMaxLength(Account.ReasonMaxLength);
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin");
        builder.Ignore(a => a.BalanceMoney);

        builder.HasIndex(a => a.Number).IsUnique();
        builder.HasIndex(a => a.Iban).IsUnique();
        builder.HasIndex(a => a.CustomerId);
        builder.HasIndex(a => new { a.Status, a.CreatedAt });
        builder.HasIndex(a => a.Name).HasMethod("gin").HasOperators("gin_trgm_ops");

        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.History).AutoInclude(false);
    }
}

internal sealed class AccountHistoryConfiguration : IEntityTypeConfiguration<AccountHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AccountHistoryEntry> builder)
    {
        builder.ToTable("account_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.AccountNumber).HasMaxLength(AccountNumber.MaxLength).IsRequired();
        builder.Property(h => h.Operation).HasMaxLength(AccountOperation.MaxLength).IsRequired();
        builder.Property(h => h.PreviousBalance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(h => h.NewBalance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(h => h.Description).HasMaxLength(AccountHistoryEntry.DescriptionMaxLength).IsRequired();
        builder.Property(h => h.Actor).HasMaxLength(AccountHistoryEntry.ActorMaxLength).IsRequired();
        builder.HasIndex(h => new { h.AccountId, h.Id });
        builder.HasIndex(h => h.CreatedAt);
    }
}
