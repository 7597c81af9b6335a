using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Ledger;
using BankOffice.Core.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class CreditAccountConfiguration : IEntityTypeConfiguration<CreditAccount>
{
    public void Configure(EntityTypeBuilder<CreditAccount> builder)
    {
        builder.ToTable("credit_accounts", t => t.HasCheckConstraint("ck_credit_accounts_amounts", "credit_limit >= 0 AND unallocated_credit >= 0"));
        builder.HasKey(a => a.CustomerId);
        builder.Property(a => a.CustomerId).HasMaxLength(Customer.IdMaxLength);
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.CreditLimit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.UnallocatedCredit).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.PaymentTerms).HasMaxLength(PaymentTerms.MaxLength).IsRequired();
        builder.Property(a => a.RiskCategory).HasConversion<string>().HasMaxLength(1);
        builder.Property(a => a.AccountStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Reviewer).HasMaxLength(256);
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin");
        builder.Ignore(a => a.Terms);
        builder.HasIndex(a => a.NextReviewDate);
        builder.HasOne<Customer>().WithOne().HasForeignKey<CreditAccount>(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices", t => t.HasCheckConstraint("ck_invoices_paid_within_total", "paid >= 0 AND paid <= total"));
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Number).HasMaxLength(Invoice.NumberMaxLength).IsRequired();
        builder.Property(i => i.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(i => i.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(i => i.PaymentTerms).HasMaxLength(PaymentTerms.MaxLength).IsRequired();
        builder.Property(i => i.Subtotal).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(i => i.Tax).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(i => i.Total).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(i => i.Paid).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.CreditOverrideReason).HasMaxLength(Invoice.ReasonMaxLength);
        builder.Property(i => i.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Version).IsRowVersion().HasColumnName("xmin");
        builder.Ignore(i => i.Balance);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.CustomerId, i.DueDate });
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(i => i.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(i => i.Items, items =>
        {
            items.ToTable("invoice_items");
            items.WithOwner().HasForeignKey(x => x.InvoiceId);
            items.HasKey(x => new { x.InvoiceId, x.LineNo });
            ItemColumns.Configure(items);
        });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments", t => t.HasCheckConstraint("ck_payments_amounts", "amount > 0 AND unallocated >= 0 AND unallocated <= amount"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Number).HasMaxLength(Payment.NumberMaxLength).IsRequired();
        builder.Property(p => p.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(p => p.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(p => p.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Unallocated).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength).IsRequired();
        builder.Property(p => p.AllocationType).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.ReversalReason).HasMaxLength(500);
        builder.Property(p => p.ReversedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(p => p.Number).IsUnique();
        // Seed 003's DUPLICATE_PAYMENT: one posted payment per customer, reference and amount.
        builder.HasIndex(p => new { p.CustomerId, p.Reference, p.Amount }).IsUnique().HasFilter("status = 'POSTED'");
        builder.HasIndex(p => p.PaymentDate);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.ToTable("payment_allocations", t => t.HasCheckConstraint("ck_payment_allocations_amounts", "applied >= 0 AND discount >= 0 AND applied + discount > 0"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Applied).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Discount).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(a => a.PaymentId);
        builder.HasIndex(a => a.InvoiceId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable("credit_notes", t => t.HasCheckConstraint("ck_credit_notes_total_positive", "total > 0"));
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Number).HasMaxLength(CreditNote.NumberMaxLength).IsRequired();
        builder.Property(n => n.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(n => n.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(n => n.Reason).HasMaxLength(CreditNote.ReasonMaxLength).IsRequired();
        builder.Property(n => n.ApprovedBy).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Subtotal).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(n => n.Tax).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(n => n.Total).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(n => n.Number).IsUnique();
        builder.HasIndex(n => n.InvoiceId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(n => n.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(n => n.Items, items =>
        {
            items.ToTable("credit_note_items");
            items.WithOwner().HasForeignKey("CreditNoteId");
            items.Property<Guid>("CreditNoteId");
            items.HasKey("CreditNoteId", nameof(InvoiceItem.LineNo));
            items.Ignore(x => x.InvoiceId);
            ItemColumns.Configure(items);
        });
    }
}

/// <summary>The columns of an item line, shared by invoice items and credit-note items.</summary>
internal static class ItemColumns
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, InvoiceItem> items) where TOwner : class
    {
        items.Property(x => x.LineNo).ValueGeneratedNever();
        items.Property(x => x.ProductCode).HasMaxLength(ItemLine.ProductCodeMaxLength).IsRequired();
        items.Property(x => x.Description).HasMaxLength(ItemLine.DescriptionMaxLength).IsRequired();
        items.Property(x => x.Quantity).HasPrecision(Money.Precision, Money.Scale);
        items.Property(x => x.UnitPrice).HasPrecision(Money.Precision, Money.Scale);
        items.Property(x => x.TaxRate).HasPrecision(9, 6);
        items.Property(x => x.Subtotal).HasPrecision(Money.Precision, Money.Scale);
        items.Property(x => x.Tax).HasPrecision(Money.Precision, Money.Scale);
    }
}

internal sealed class InvoiceDisputeConfiguration : IEntityTypeConfiguration<InvoiceDispute>
{
    public void Configure(EntityTypeBuilder<InvoiceDispute> builder)
    {
        builder.ToTable("invoice_disputes", t => t.HasCheckConstraint("ck_invoice_disputes_amount", "amount > 0"));
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(d => d.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(d => d.Reason).HasMaxLength(InvoiceDispute.ReasonMaxLength).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.RaisedBy).HasMaxLength(256).IsRequired();
        builder.Property(d => d.ResolvedBy).HasMaxLength(256);
        builder.Property(d => d.Resolution).HasMaxLength(InvoiceDispute.ReasonMaxLength);
        builder.Property(d => d.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(d => new { d.CustomerId, d.Status });
        builder.HasIndex(d => d.InvoiceId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
