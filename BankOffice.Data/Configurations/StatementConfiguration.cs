using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class StatementRunConfiguration : IEntityTypeConfiguration<StatementRun>
{
    public void Configure(EntityTypeBuilder<StatementRun> builder)
    {
        builder.ToTable("statement_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Period).HasMaxLength(PeriodKey.Length).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Formats).HasMaxLength(StatementRun.FormatsMaxLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(AccountingPeriod.UserMaxLength).IsRequired();
        builder.Property(r => r.Message).HasMaxLength(StatementRun.MessageMaxLength);
        builder.Ignore(r => r.FormatList);
        builder.Ignore(r => r.Percent);
        builder.HasIndex(r => new { r.Period, r.CreatedAt });

        // One queued or running run per period across every API instance: a second request gets 409.
        builder.HasIndex(r => r.Period).IsUnique().HasDatabaseName(StatementRun.OneActiveIndex).HasFilter("status IN ('QUEUED', 'RUNNING')");
        builder.HasOne<AccountingPeriod>().WithMany().HasForeignKey(r => r.Period).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementFileConfiguration : IEntityTypeConfiguration<StatementFile>
{
    public void Configure(EntityTypeBuilder<StatementFile> builder)
    {
        builder.ToTable("statement_files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(f => f.FileName).HasMaxLength(StatementFile.FileNameMaxLength).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(StatementFile.ContentTypeMaxLength).IsRequired();
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(f => f.Content).IsRequired();
        builder.HasIndex(f => new { f.StatementId, f.Version, f.Format }).IsUnique();
        builder.HasOne<Statement>().WithMany().HasForeignKey(f => f.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StatementRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}
