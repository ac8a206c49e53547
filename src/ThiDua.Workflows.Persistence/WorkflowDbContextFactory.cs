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
                .AddInterceptors(new SqlitePragmas())
                .Options;
            var pool = new PooledDbContextFactory<SqliteWorkflowDbContext>(sqlite);
            _create = pool.CreateDbContext;
        }
    }

    public StoreProvider Provider { get; }

    public WorkflowDbContext Create() => _create();

    public static string SqliteConnectionString(string file)
    {
        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>
    /// WAL lets readers run beside the writer; synchronous=NORMAL commits without an fsync per transaction (a power
    /// loss may lose the last commits, never corrupt the file). busy_timeout makes writers queue instead of failing.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

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
