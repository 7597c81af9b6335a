using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries", t => t.HasCheckConstraint("ck_journal_entries_amount_positive", "amount > 0"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Description).HasMaxLength(JournalEntry.DescriptionMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(JournalEntry.ActorMaxLength).IsRequired();
        builder.Property(e => e.IdempotencyKey).HasMaxLength(JournalEntry.IdempotencyKeyMaxLength);
        builder.Property(e => e.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(e => e.Currency).HasConversion<string>().HasMaxLength(3);

        // A reversal points at its original; the unique index makes "reversed exactly once" a database fact.
        builder.HasIndex(e => e.ReversalOf).IsUnique();
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(e => e.ReversalOf).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.PostedAt);
        builder.HasIndex(e => e.ValueDate);
        builder.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> builder)
    {
        builder.ToTable("journal_lines", t =>
        {
            t.HasCheckConstraint("ck_journal_lines_one_account", "(account_id IS NULL) <> (ledger_account_id IS NULL)");
            t.HasCheckConstraint("ck_journal_lines_amount_not_zero", "amount <> 0");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(l => l.Amount).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(l => l.BalanceAfter).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(l => l.EntryId);
        builder.HasIndex(l => new { l.AccountId, l.Id }).HasFilter("account_id IS NOT NULL");
        builder.HasIndex(l => l.LedgerAccountId).HasFilter("ledger_account_id IS NOT NULL");
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(l => l.LedgerAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.ToTable("ledger_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(LedgerAccountCodes.MaxLength).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.Name).HasMaxLength(LedgerAccount.NameMaxLength).IsRequired();
        builder.HasIndex(a => a.Code).IsUnique();
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Key).HasMaxLength(JournalEntry.IdempotencyKeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.CreatedAt);
    }
}
