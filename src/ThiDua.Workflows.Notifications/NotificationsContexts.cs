using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Notifications;

/// <summary>Contexts for the notification tables, on the workflow store's database and provider.</summary>
public sealed class NotificationsContexts
{
    private readonly Func<NotificationsDbContext> _create;

    public NotificationsContexts(StoreOptions store)
    {
        if (store.Provider == StoreProvider.PostgreSql)
        {
            var options = new DbContextOptionsBuilder<PostgresNotificationsDbContext>()
                .UseNpgsql(store.ConnectionString, o => o.MigrationsHistoryTable(NotificationsDbContext.HistoryTable)).Options;
            _create = new PooledDbContextFactory<PostgresNotificationsDbContext>(options).CreateDbContext;
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqliteNotificationsDbContext>()
                .UseSqlite(store.ConnectionString ?? WorkflowDbContextFactory.SqliteConnectionString(store.SqliteFile),
                    o => o.MigrationsHistoryTable(NotificationsDbContext.HistoryTable)).Options;
            _create = new PooledDbContextFactory<SqliteNotificationsDbContext>(options).CreateDbContext;
        }
    }

    public NotificationsDbContext Create() => _create();

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Create();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
