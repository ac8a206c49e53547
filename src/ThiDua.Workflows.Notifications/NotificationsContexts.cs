using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Notifications;

/// <summary>Contexts for the notification tables, on the workflow store's database and provider.</summary>
public sealed class NotificationsContexts(StoreOptions store)
{
    private readonly ModuleDbContexts<NotificationsDbContext> _contexts =
        ModuleDbContexts.For<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(store, NotificationsDbContext.HistoryTable);

    public NotificationsDbContext Create() => _contexts.Create();

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _contexts.MigrateAsync(cancellationToken);
}
