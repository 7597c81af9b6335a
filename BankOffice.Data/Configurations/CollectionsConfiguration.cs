using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class CollectionCaseConfiguration : IEntityTypeConfiguration<CollectionCase>
{
    public void Configure(EntityTypeBuilder<CollectionCase> builder)
    {
        builder.ToTable("collection_cases");
        builder.HasKey(c => c.CustomerId);
        builder.Property(c => c.CustomerId).HasMaxLength(Customer.IdMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AssignedTo).HasMaxLength(CollectionCase.UserMaxLength);
        builder.Property(c => c.EscalationLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.NextAction).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(c => c.AssignedTo);
        builder.HasOne<Customer>().WithOne().HasForeignKey<CollectionCase>(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CollectionActivityConfiguration : IEntityTypeConfiguration<CollectionActivity>
{
    public void Configure(EntityTypeBuilder<CollectionActivity> builder)
    {
        builder.ToTable("collection_activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(a => a.ActivityType).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ContactPerson).HasMaxLength(CollectionActivity.ContactMaxLength);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Notes).HasMaxLength(CollectionActivity.NotesMaxLength);
        builder.Property(a => a.NextAction).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(a => new { a.CustomerId, a.CreatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PromiseToPay>().WithMany().HasForeignKey(a => a.PromiseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PromiseToPayConfiguration : IEntityTypeConfiguration<PromiseToPay>
{
    public void Configure(EntityTypeBuilder<PromiseToPay> builder)
    {
        builder.ToTable("promises_to_pay", t => t.HasCheckConstraint("ck_promises_to_pay_amount", "amount > 0"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(p => p.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(p => p.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.PaidAmount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(p => new { p.CustomerId, p.Status });
        builder.HasIndex(p => p.CustomerId).IsUnique().HasFilter("status = 'OPEN'").HasDatabaseName("ux_promises_to_pay_one_open");
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentPlanConfiguration : IEntityTypeConfiguration<PaymentPlan>
{
    public void Configure(EntityTypeBuilder<PaymentPlan> builder)
    {
        builder.ToTable("payment_plans", t => t.HasCheckConstraint("ck_payment_plans_amounts", "total_amount > 0 AND down_payment >= 0 AND down_payment < total_amount"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Number).HasMaxLength(PaymentPlan.NumberMaxLength).IsRequired();
        builder.Property(p => p.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(p => p.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(p => p.TotalAmount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.DownPayment).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Notes).HasMaxLength(PaymentPlan.NotesMaxLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.CancelledBy).HasMaxLength(256);
        builder.Property(p => p.CancelReason).HasMaxLength(500);
        builder.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(p => p.Number).IsUnique();
        builder.HasIndex(p => p.CustomerId).IsUnique().HasFilter("status = 'ACTIVE'").HasDatabaseName("ux_payment_plans_one_active");
        builder.HasIndex(p => new { p.CustomerId, p.CreatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(p => p.Installments, installments =>
        {
            installments.ToTable("payment_plan_installments", t => t.HasCheckConstraint("ck_payment_plan_installments_amount", "amount > 0"));
            installments.WithOwner().HasForeignKey(i => i.PlanId);
            installments.HasKey(i => new { i.PlanId, i.Sequence });
            installments.Property(i => i.Sequence).ValueGeneratedNever();
            installments.Property(i => i.Amount).HasPrecision(Money.Precision, Money.Scale);
        });
    }
}

internal sealed class CollectionEscalationConfiguration : IEntityTypeConfiguration<CollectionEscalation>
{
    public void Configure(EntityTypeBuilder<CollectionEscalation> builder)
    {
        builder.ToTable("collection_escalations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(e => e.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(CollectionEscalation.ReasonMaxLength).IsRequired();
        builder.Property(e => e.OverdueAmount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(e => e.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(e => e.EscalatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(e => new { e.CustomerId, e.EscalatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
