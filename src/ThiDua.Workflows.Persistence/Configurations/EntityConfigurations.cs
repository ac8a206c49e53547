using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ThiDua.Workflows.Persistence.Entities;

namespace ThiDua.Workflows.Persistence.Configurations;

internal static class Lengths
{
    public const int Id = 128;
    public const int Name = 256;
    public const int Hash = 64;
    public const int Status = 16;
    public const int Path = 1024;
}

internal sealed class DefinitionRecordConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> b)
    {
        b.ToTable("WorkflowDefinitions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(Lengths.Id);
        b.Property(x => x.DefinitionId).HasMaxLength(Lengths.Id);
        b.Property(x => x.Name).HasMaxLength(Lengths.Name);
        b.Property(x => x.ContentHash).HasMaxLength(Lengths.Hash);
        b.Property(x => x.CreatedBy).HasMaxLength(Lengths.Name);
        b.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
    }
}

internal sealed class DefinitionDraftRecordConfiguration : IEntityTypeConfiguration<DefinitionDraftRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionDraftRecord> b)
    {
        b.ToTable("WorkflowDefinitionDrafts");
        b.HasKey(x => x.DefinitionId);
        b.Property(x => x.DefinitionId).HasMaxLength(Lengths.Id);
        b.Property(x => x.UpdatedBy).HasMaxLength(Lengths.Name);
        b.Property(x => x.Revision).IsConcurrencyToken();
    }
}

internal sealed class InstanceRecordConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> b)
    {
        b.ToTable("WorkflowInstances");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(Lengths.Id);
        b.Property(x => x.DefinitionId).HasMaxLength(Lengths.Id);
        b.Property(x => x.DefinitionVersionId).HasMaxLength(Lengths.Id);
        b.Property(x => x.Status).HasMaxLength(Lengths.Status);
        b.Property(x => x.CorrelationId).HasMaxLength(Lengths.Name);
        b.Property(x => x.Name).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Status);
        b.HasIndex(x => x.CorrelationId);
        b.HasIndex(x => new { x.DefinitionId, x.DefinitionVersion });
    }
}

internal sealed class BookmarkRecordConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> b)
    {
        b.ToTable("Bookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(Lengths.Id);
        b.Property(x => x.WorkflowInstanceId).HasMaxLength(Lengths.Id);
        b.Property(x => x.Name).HasMaxLength(Lengths.Name);
        b.Property(x => x.Hash).HasMaxLength(Lengths.Hash);
        b.Property(x => x.ActivityInstanceId).HasMaxLength(Lengths.Id);
        b.Property(x => x.ActivityNodePath).HasMaxLength(Lengths.Path);
        b.Property(x => x.ActivityId).HasMaxLength(Lengths.Id);
        b.Property(x => x.CorrelationId).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Hash);
        b.HasIndex(x => x.WorkflowInstanceId);
        // Only timers have a due time: a partial index spares every other bookmark's insert and delete a page write.
        b.HasIndex(x => x.ResumeAt).HasFilter("\"ResumeAt\" IS NOT NULL");
        // On SQLite the table is WITHOUT ROWID (migration BookmarkLayout): rows live in the primary-key tree, and as a
        // bookmark id starts with its instance id, a burst's claimed and new bookmarks share a page. A future migration
        // that rebuilds this table on SQLite must keep WITHOUT ROWID (EF does not model it).
    }
}

internal sealed class JournalRecordConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> b)
    {
        b.ToTable("Journal");
        // On SQLite the id is a plain rowid alias without AUTOINCREMENT (migration BookmarkLayout): one write fewer per burst.
        b.HasKey(x => x.Id);
        b.Property(x => x.WorkflowInstanceId).HasMaxLength(Lengths.Id);
        b.HasIndex(x => new { x.WorkflowInstanceId, x.FirstSequence }).IsUnique();
    }
}

internal sealed class IncidentRecordConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> b)
    {
        b.ToTable("Incidents");
        b.HasKey(x => x.Id);
        b.Property(x => x.WorkflowInstanceId).HasMaxLength(Lengths.Id);
        b.Property(x => x.ActivityId).HasMaxLength(Lengths.Id);
        b.Property(x => x.ActivityNodePath).HasMaxLength(Lengths.Path);
        b.Property(x => x.ActivityType).HasMaxLength(Lengths.Name);
        b.Property(x => x.ExceptionType).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.WorkflowInstanceId);
    }
}

internal sealed class OutboxRecordConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> b)
    {
        b.ToTable("Outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(Lengths.Id);
        b.Property(x => x.WorkflowInstanceId).HasMaxLength(Lengths.Id);
        b.Property(x => x.Kind).HasMaxLength(Lengths.Name);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.HasIndex(x => x.CreatedAt);
        b.HasIndex(x => new { x.DeliveredAt, x.NextAttemptAt });
    }
}
