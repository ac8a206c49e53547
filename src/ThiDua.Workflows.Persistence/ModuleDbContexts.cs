using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Pooled contexts for a module's own tables (tasks and mail, the nomination domain) in the workflow store's
/// database: the provider and connection follow <see cref="StoreOptions"/>, each module keeps its migration history.
/// </summary>
public sealed class ModuleDbContexts<TContext>
    where TContext : DbContext
{
    private readonly Func<TContext> _create;

    internal ModuleDbContexts(Func<TContext> create) => _create = create;

    public TContext Create() => _create();

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Create();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Builds <see cref="ModuleDbContexts{TContext}"/> for the configured provider.</summary>
public static class ModuleDbContexts
{
    /// <summary>Chooses the SQLite or PostgreSQL subclass of the module's context from the store settings.</summary>
    public static ModuleDbContexts<TContext> For<TContext, TSqlite, TPostgres>(StoreOptions store, string historyTable)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Provider == StoreProvider.PostgreSql)
        {
            var options = new DbContextOptionsBuilder<TPostgres>()
                .UseNpgsql(store.ConnectionString, o => o.MigrationsHistoryTable(historyTable)).Options;
            return new ModuleDbContexts<TContext>(new PooledDbContextFactory<TPostgres>(options).CreateDbContext);
        }

        var sqlite = new DbContextOptionsBuilder<TSqlite>()
            .UseSqlite(store.ConnectionString ?? WorkflowDbContextFactory.SqliteConnectionString(store.SqliteFile),
                o => o.MigrationsHistoryTable(historyTable)).Options;
        return new ModuleDbContexts<TContext>(new PooledDbContextFactory<TSqlite>(sqlite).CreateDbContext);
    }
}
