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

    /// <summary>
    /// Failed attempts after which a row of any outbox (workflow messages, mail, domain signals) is dead and waits for
    /// the administrator; about a day with the backoff of <see cref="Outbox.OutboxPolicy"/>.
    /// </summary>
    public int OutboxMaxAttempts { get; set; } = 24;

    /// <summary>The problems of these settings, in English for the start-up log; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Provider == StoreProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
            problems.Add($"{SectionName}:ConnectionString is required for PostgreSQL");
        if (OutboxLease <= TimeSpan.Zero) problems.Add($"{SectionName}:OutboxLease must be positive");
        if (OutboxMaxAttempts is < 1 or > 1000) problems.Add($"{SectionName}:OutboxMaxAttempts must be between 1 and 1000");
        return problems;
    }

    /// <summary>The policy every outbox of the store's database follows; <paramref name="lease"/> is the outbox's own.</summary>
    public Outbox.OutboxPolicy OutboxPolicy(TimeSpan lease) => new() { MaxAttempts = OutboxMaxAttempts, Lease = lease };
}
