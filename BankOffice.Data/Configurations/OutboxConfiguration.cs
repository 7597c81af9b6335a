using BankOffice.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankOffice.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Sequence).UseIdentityAlwaysColumn();
        builder.Property(m => m.Type).HasMaxLength(OutboxMessage.TypeMaxLength).IsRequired();
        builder.Property(m => m.Stream).HasMaxLength(OutboxMessage.StreamMaxLength).IsRequired();
        builder.Property(m => m.AggregateType).HasMaxLength(OutboxMessage.AggregateTypeMaxLength).IsRequired();
        builder.Property(m => m.AggregateId).HasMaxLength(OutboxMessage.AggregateIdMaxLength).IsRequired();
        // json, not jsonb: the event keeps its fields in the documented order.
        builder.Property(m => m.Payload).HasColumnType("json").IsRequired();
        builder.Property(m => m.CorrelationId).HasMaxLength(OutboxMessage.CorrelationIdMaxLength);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.HasIndex(m => m.Sequence).IsUnique();

        // The publisher's claim: pending messages in order, and "is an earlier one of this key still pending?".
        builder.HasIndex(m => new { m.Stream, m.AggregateId, m.Sequence }).HasDatabaseName("ix_outbox_messages_pending_key").HasFilter("status = 'PENDING'");
        builder.HasIndex(m => m.Sequence, "ix_outbox_messages_pending").HasFilter("status = 'PENDING'");
        builder.HasIndex(m => m.Sequence, "ix_outbox_messages_webhooks_due").HasFilter("webhooks_dispatched_at IS NULL");
        builder.HasIndex(m => m.OccurredAt);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(s => s.EventTypes).HasColumnType("text[]").IsRequired();
        builder.Property(s => s.Secret).HasMaxLength(WebhookSubscription.SecretMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).IsRowVersion().HasColumnName("xmin");
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(OutboxMessage.TypeMaxLength).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);

        // One delivery per event and subscription, however often the dispatcher runs.
        builder.HasIndex(d => new { d.SubscriptionId, d.MessageId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasFilter("status = 'PENDING'");
        builder.HasIndex(d => d.MessageId);
        builder.HasIndex(d => d.CreatedAt);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasIndex(a => new { a.DeliveryId, a.Attempt });
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Restrict);
    }
}
