using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Notifications;

/// <summary>
/// Tasks, task links, their audit and the mail outbox, in the same database as the workflow store (own migration
/// history). Migrations:
/// <code>
/// dotnet ef migrations add NAME --project src/ThiDua.Workflows.Notifications --context SqliteNotificationsDbContext --output-dir Migrations/Sqlite
/// dotnet ef migrations add NAME --project src/ThiDua.Workflows.Notifications --context PostgresNotificationsDbContext --output-dir Migrations/Postgres
/// </code>
/// </summary>
public abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string HistoryTable = "__NotificationsMigrationsHistory";

    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    public DbSet<TaskLinkRecord> TaskLinks => Set<TaskLinkRecord>();

    public DbSet<TaskAuditRecord> TaskAudit => Set<TaskAuditRecord>();

    public DbSet<MailRecord> Mail => Set<MailRecord>();

    public DbSet<DelegationRecord> Delegations => Set<DelegationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TaskRecord>(b =>
        {
            b.ToTable("Tasks");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasMaxLength(300);
            b.Property(x => x.WorkflowInstanceId).HasMaxLength(128);
            b.Property(x => x.ActivityId).HasMaxLength(128);
            b.Property(x => x.CorrelationId).HasMaxLength(256);
            b.Property(x => x.Status).HasMaxLength(16);
            b.Property(x => x.Verification).HasMaxLength(16);
            b.HasIndex(x => new { x.Status, x.DueAt });
            b.HasIndex(x => x.Assignee);
            b.HasIndex(x => x.Role);
            b.HasIndex(x => x.CorrelationId);
        });
        modelBuilder.Entity<TaskLinkRecord>(b =>
        {
            b.ToTable("TaskLinks");
            b.HasKey(x => x.Id);
            b.Property(x => x.TaskId).HasMaxLength(300);
            b.Property(x => x.TokenHash).HasMaxLength(64);
            b.HasIndex(x => x.TokenHash).IsUnique();
            b.HasIndex(x => x.TaskId);
        });
        modelBuilder.Entity<TaskAuditRecord>(b =>
        {
            b.ToTable("TaskAudit");
            b.HasKey(x => x.Id);
            b.Property(x => x.TaskId).HasMaxLength(300);
            b.HasIndex(x => x.TaskId);
        });
        modelBuilder.Entity<DelegationRecord>(b =>
        {
            b.ToTable("Delegations");
            b.HasKey(x => x.Id);
            b.HasIndex(x => new { x.FromUser, x.StartsOn });
        });
        modelBuilder.Entity<MailRecord>(b =>
        {
            b.ToTable("MailOutbox");
            b.HasKey(x => x.Id);
            b.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class SqliteNotificationsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNotificationsDbContext>
{
    public SqliteNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNotificationsDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(NotificationsDbContext.HistoryTable)).Options);
}

public sealed class PostgresNotificationsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNotificationsDbContext>
{
    public PostgresNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNotificationsDbContext>().UseNpgsql("Host=127.0.0.1;Database=design", o => o.MigrationsHistoryTable(NotificationsDbContext.HistoryTable)).Options);
}
