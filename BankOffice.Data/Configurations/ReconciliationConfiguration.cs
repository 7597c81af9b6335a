using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class BankReconciliationConfiguration : IEntityTypeConfiguration<BankReconciliation>
{
    public void Configure(EntityTypeBuilder<BankReconciliation> builder)
    {
        builder.ToTable("bank_reconciliations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.BankAccount).HasMaxLength(BankReconciliation.BankAccountMaxLength).IsRequired();
        builder.Property(r => r.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(r => r.StatementBalance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CreatedBy).HasMaxLength(BankReconciliation.UserMaxLength).IsRequired();
        builder.Property(r => r.CompletedBy).HasMaxLength(BankReconciliation.UserMaxLength);
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(r => new { r.BankAccount, r.StatementDate });
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReconciliationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BankStatementLineConfiguration : IEntityTypeConfiguration<BankStatementLine>
{
    public void Configure(EntityTypeBuilder<BankStatementLine> builder)
    {
        builder.ToTable("bank_statement_lines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Reference).HasMaxLength(BankStatementLine.ReferenceMaxLength).IsRequired();
        builder.Property(l => l.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(l => l.Type).HasMaxLength(BankStatementLine.TypeMaxLength).IsRequired();
        builder.Property(l => l.Description).HasMaxLength(BankStatementLine.DescriptionMaxLength);
        builder.Property(l => l.MatchStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.MatchedBy).HasMaxLength(BankReconciliation.UserMaxLength);
        builder.HasIndex(l => new { l.ReconciliationId, l.LineNo }).IsUnique();
        builder.HasIndex(l => l.PaymentId).IsUnique().HasDatabaseName(BankStatementLine.OneMatchPerPaymentIndex).HasFilter("payment_id IS NOT NULL");
        builder.HasOne<Payment>().WithMany().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustomerReconciliationConfiguration : IEntityTypeConfiguration<CustomerReconciliation>
{
    public void Configure(EntityTypeBuilder<CustomerReconciliation> builder)
    {
        builder.ToTable("customer_reconciliations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(r => r.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(r => r.CustomerBalance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(r => r.OurBalance).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(r => r.Disputed).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(r => r.Difference).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(r => r.Notes).HasMaxLength(CustomerReconciliation.NotesMaxLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(BankReconciliation.UserMaxLength).IsRequired();
        builder.HasIndex(r => new { r.CustomerId, r.ReconciliationDate });
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
