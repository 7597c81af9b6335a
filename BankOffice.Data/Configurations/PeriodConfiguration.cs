using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class AccountingPeriodConfiguration : IEntityTypeConfiguration<AccountingPeriod>
{
    public void Configure(EntityTypeBuilder<AccountingPeriod> builder)
    {
        builder.ToTable("accounting_periods");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(PeriodKey.Length).IsFixedLength(false);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ClosedBy).HasMaxLength(AccountingPeriod.UserMaxLength);
        builder.Property(p => p.ApprovedBy).HasMaxLength(AccountingPeriod.UserMaxLength);
        builder.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        builder.Ignore(p => p.Key);
        builder.HasIndex(p => new { p.StartDate, p.EndDate });
    }
}

internal sealed class PeriodReopenRequestConfiguration : IEntityTypeConfiguration<PeriodReopenRequest>
{
    public void Configure(EntityTypeBuilder<PeriodReopenRequest> builder)
    {
        builder.ToTable("period_reopen_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(PeriodReopenRequest.ReasonMaxLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(r => r.AuthorizedBy).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DecidedBy).HasMaxLength(AccountingPeriod.UserMaxLength);
        builder.Property(r => r.DecisionNote).HasMaxLength(PeriodReopenRequest.ReasonMaxLength);
        builder.HasIndex(r => r.Period).IsUnique().HasDatabaseName(PeriodReopenRequest.OnePendingIndex).HasFilter("status = 'PENDING_APPROVAL'");
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(r => r.Period).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeriodAuditEntryConfiguration : IEntityTypeConfiguration<PeriodAuditEntry>
{
    public void Configure(EntityTypeBuilder<PeriodAuditEntry> builder)
    {
        builder.ToTable("period_audit");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(PeriodAuditEntry.ActionMaxLength).IsRequired();
        builder.Property(a => a.Actor).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(a => a.Details).HasMaxLength(PeriodAuditEntry.DetailsMaxLength);
        builder.HasIndex(a => new { a.Period, a.At });
    }
}

internal sealed class CloseRunConfiguration : IEntityTypeConfiguration<CloseRun>
{
    public void Configure(EntityTypeBuilder<CloseRun> builder)
    {
        builder.ToTable("period_close_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CurrentStep).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(r => r.ApprovedBy).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(CloseRun.ErrorMaxLength);
        builder.HasIndex(r => new { r.Period, r.StartedAt });
        builder.HasIndex(r => r.Status).IsUnique().HasDatabaseName(CloseRun.OneRunningIndex).HasFilter("status = 'RUNNING'");
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(r => r.Period).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Exceptions).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CloseRunStepConfiguration : IEntityTypeConfiguration<CloseRunStep>
{
    public void Configure(EntityTypeBuilder<CloseRunStep> builder)
    {
        builder.ToTable("period_close_steps");
        builder.HasKey(s => new { s.RunId, s.Step });
        builder.Property(s => s.Step).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Message).HasMaxLength(CloseRunStep.MessageMaxLength);
        builder.Ignore(s => s.IsFinished);
    }
}

internal sealed class CloseExceptionConfiguration : IEntityTypeConfiguration<CloseException>
{
    public void Configure(EntityTypeBuilder<CloseException> builder)
    {
        builder.ToTable("period_close_exceptions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasMaxLength(CloseExceptionKinds.MaxLength).IsRequired();
        builder.Property(e => e.Reference).HasMaxLength(CloseException.ReferenceMaxLength).IsRequired();
        builder.Property(e => e.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(e => e.Expected).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(e => e.Actual).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(e => e.Message).HasMaxLength(CloseException.MessageMaxLength).IsRequired();
        builder.HasIndex(e => e.RunId);
    }
}

internal sealed class PeriodBalanceConfiguration : IEntityTypeConfiguration<PeriodBalance>
{
    public void Configure(EntityTypeBuilder<PeriodBalance> builder)
    {
        builder.ToTable("period_balances");
        builder.HasKey(b => new { b.Period, b.AccountId });
        builder.Property(b => b.Period).HasMaxLength(PeriodKey.Length);
        builder.Property(b => b.AccountNumber).HasMaxLength(AccountNumber.MaxLength).IsRequired();
        builder.Property(b => b.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(b => b.AccountType).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(b => b.Opening).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(b => b.Credits).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(b => b.Debits).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(b => b.Interest).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(b => b.Closing).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(b => b.AccountId);
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(b => b.Period).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeriodAgingConfiguration : IEntityTypeConfiguration<PeriodAging>
{
    public void Configure(EntityTypeBuilder<PeriodAging> builder)
    {
        builder.ToTable("period_aging");
        builder.HasKey(a => new { a.Period, a.CustomerId, a.Currency });
        builder.Property(a => a.Period).HasMaxLength(PeriodKey.Length);
        builder.Property(a => a.CustomerId).HasMaxLength(Customer.IdMaxLength);
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.Current).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Days1_30).HasColumnName("days1_30").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Days31_60).HasColumnName("days31_60").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Days61_90).HasColumnName("days61_90").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Over90).HasColumnName("over90").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Disputed).HasPrecision(Money.Precision, Money.Scale);
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(a => a.Period).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InterestAccrualConfiguration : IEntityTypeConfiguration<InterestAccrual>
{
    public void Configure(EntityTypeBuilder<InterestAccrual> builder)
    {
        builder.ToTable("interest_accruals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.BalanceDays).HasPrecision(28, Money.Scale);
        builder.Property(a => a.AnnualRate).HasPrecision(9, 4);
        builder.Property(a => a.DayCount).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Interest).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(a => a.Booked).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(a => new { a.RunId, a.AccountId }).IsUnique();
        builder.HasIndex(a => new { a.Period, a.AccountId });
        builder.HasOne<CloseRun>().WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeriodProvisionConfiguration : IEntityTypeConfiguration<PeriodProvision>
{
    public void Configure(EntityTypeBuilder<PeriodProvision> builder)
    {
        builder.ToTable("period_provisions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(p => p.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(p => p.Current).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Days1_30).HasColumnName("days1_30").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Days31_60).HasColumnName("days31_60").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Days61_90).HasColumnName("days61_90").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Over90).HasColumnName("over90").HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Required).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Previous).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(p => p.Adjustment).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(p => new { p.RunId, p.Currency }).IsUnique();
        builder.HasIndex(p => p.Period);
        builder.HasOne<CloseRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("statements");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(s => s.AccountNumber).HasMaxLength(AccountNumber.MaxLength).IsRequired();
        builder.Property(s => s.CustomerId).HasMaxLength(Customer.IdMaxLength).IsRequired();
        builder.Property(s => s.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(s => s.Opening).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(s => s.Credits).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(s => s.Debits).HasPrecision(Money.Precision, Money.Scale);
        builder.Property(s => s.Closing).HasPrecision(Money.Precision, Money.Scale);
        builder.HasIndex(s => new { s.Period, s.AccountId }).IsUnique();
        builder.HasIndex(s => new { s.CustomerId, s.Period });
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(s => s.Period).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
