using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class CreditApplicationConfiguration : IEntityTypeConfiguration<CreditApplication>
{
    public void Configure(EntityTypeBuilder<CreditApplication> builder)
    {
        builder.ToTable("credit_applications", t => t.HasCheckConstraint("ck_credit_applications_limits", "requested_limit > 0 AND current_limit >= 0 AND (approved_limit IS NULL OR approved_limit > 0)"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Number).HasMaxLength(CreditApplication.NumberMaxLength).IsRequired();
        builder.Property(a => a.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.CurrentLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.RequestedLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.ApprovedLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.AnnualRevenue).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.CurrentRatio).HasPrecision(9, 4);
        builder.Property(a => a.DebtRatio).HasPrecision(9, 4);
        builder.Property(a => a.Justification).HasMaxLength(CreditApplication.TextMaxLength).IsRequired();
        builder.Property(a => a.DecisionNotes).HasMaxLength(CreditApplication.TextMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.SubmittedBy).HasMaxLength(256).IsRequired();
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.Property(a => a.Conditions).HasColumnType("text[]");
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(a => a.Number).IsUnique();
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        builder.HasIndex(a => a.CustomerId);
        builder.HasIndex(a => a.CustomerId, CreditApplication.OnePendingIndex).IsUnique().HasFilter("status = 'PENDING'");
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(a => a.TradeReferences, refs =>
        {
            refs.ToTable("credit_application_references");
            refs.WithOwner().HasForeignKey(r => r.ApplicationId);
            refs.HasKey(r => new { r.ApplicationId, r.LineNo });
            refs.Property(r => r.LineNo).ValueGeneratedNever();
            refs.Property(r => r.Company).HasMaxLength(TradeReference.FieldMaxLength).IsRequired();
            refs.Property(r => r.Contact).HasMaxLength(TradeReference.FieldMaxLength);
            refs.Property(r => r.Phone).HasMaxLength(TradeReference.FieldMaxLength);
        });
    }
}

internal sealed class CreditLimitChangeConfiguration : IEntityTypeConfiguration<CreditLimitChange>
{
    public void Configure(EntityTypeBuilder<CreditLimitChange> builder)
    {
        builder.ToTable("credit_limit_changes", t => t.HasCheckConstraint("ck_credit_limit_changes_limits", "previous_limit >= 0 AND new_limit >= 0"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ApprovalId).HasMaxLength(CreditLimitChange.ApprovalIdMaxLength).IsRequired();
        builder.Property(c => c.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(c => c.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(c => c.PreviousLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(c => c.NewLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(c => c.Reason).HasMaxLength(CreditLimitChange.ReasonMaxLength).IsRequired();
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.ApprovedBy).HasMaxLength(256);
        builder.Property(c => c.RejectedBy).HasMaxLength(256);
        builder.Property(c => c.RejectionReason).HasMaxLength(CreditLimitChange.ReasonMaxLength);
        builder.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(c => c.ApprovalId).IsUnique();
        builder.HasIndex(c => new { c.CustomerId, c.RequestedAt });
        builder.HasIndex(c => new { c.Status, c.EffectiveDate });
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditReviewConfiguration : IEntityTypeConfiguration<CreditReview>
{
    public void Configure(EntityTypeBuilder<CreditReview> builder)
    {
        builder.ToTable("credit_reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(r => r.PreviousCategory).HasConversion<string>().HasMaxLength(1);
        builder.Property(r => r.RiskCategory).HasConversion<string>().HasMaxLength(1);
        builder.Property(r => r.Notes).HasMaxLength(CreditReview.NotesMaxLength);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => new { r.CustomerId, r.ReviewedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
