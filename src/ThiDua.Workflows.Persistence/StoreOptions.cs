namespace ThiDua.Workflows.Persistence;

/// <summary>Which database holds the workflow store.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    PostgreSql,
}

/// <summary>Settings of the workflow store (configuration section <c>Workflows:Store</c>).</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Workflows:Store";
    public const string DefaultSqliteFile = "data/thidua-workflows.db";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>PostgreSQL connection string, or a SQLite one; for SQLite, <see cref="SqliteFile"/> is simpler.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite database file (relative paths are under the app's content root).</summary>
    public string SqliteFile { get; set; } = DefaultSqliteFile;

    /// <summary>
    /// How long an outbox row is left to the process that committed it before a drainer elsewhere may take it: the
    /// delay after which another node carries out what a crashed node committed but never delivered.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(1);
}
