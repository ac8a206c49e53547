using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ThiDua.Workflows.Persistence;

/// <summary>Creates contexts for the configured provider.</summary>
public interface IWorkflowDbContextFactory
{
    StoreProvider Provider { get; }

    WorkflowDbContext Create();
}

/// <summary>Pooled contexts for SQLite (WAL, synchronous=NORMAL on every connection) or PostgreSQL.</summary>
public sealed class WorkflowDbContextFactory : IWorkflowDbContextFactory
{
    private readonly Func<WorkflowDbContext> _create;

    public WorkflowDbContextFactory(StoreOptions options)
    {
        Provider = options.Provider;
        if (options.Provider == StoreProvider.PostgreSql)
        {
            var connectionString = options.ConnectionString
                ?? throw new InvalidOperationException($"{StoreOptions.SectionName}:ConnectionString is required for PostgreSQL.");
            var pg = new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
                .UseNpgsql(connectionString)
                .Options;
            var pool = new PooledDbContextFactory<PostgresWorkflowDbContext>(pg);
            _create = pool.CreateDbContext;
        }
        else
        {
            var connectionString = options.ConnectionString ?? SqliteConnectionString(options.SqliteFile);
            var sqlite = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor())
                .Options;
            var pool = new PooledDbContextFactory<SqliteWorkflowDbContext>(sqlite);
            _create = pool.CreateDbContext;
        }
    }

    public StoreProvider Provider { get; }

    /// <summary>Per-connection SQLite settings (see the remarks on <c>SqlitePragmaInterceptor</c>).</summary>
    public const string SqlitePragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-32768;";

    public WorkflowDbContext Create() => _create();

    public static string SqliteConnectionString(string file)
    {
        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>
    /// Per connection: synchronous=NORMAL commits without an fsync per transaction (with WAL, a power loss may lose
    /// the last commits, never corrupt the file); busy_timeout makes writers queue instead of failing. WAL itself is
    /// a property of the file, set once by <see cref="WorkflowDatabase.MigrateAsync"/>.
    /// </summary>
    private sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
    {
        private const string Pragmas = SqlitePragmas;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
