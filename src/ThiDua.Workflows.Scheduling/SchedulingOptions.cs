namespace ThiDua.Workflows.Scheduling;

/// <summary>Where Hangfire keeps its jobs.</summary>
public enum JobStorageKind
{
    /// <summary>Its own SQLite file beside the workflow store (the embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL (chosen with the PostgreSQL workflow store).</summary>
    PostgreSql,

    /// <summary>In memory: jobs are lost on restart and rebuilt by reconciliation from the timer bookmarks.</summary>
    InMemory,
}

/// <summary>Settings of timers and background jobs (configuration section <c>Workflows:Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Workflows:Scheduling";

    public JobStorageKind Storage { get; set; } = JobStorageKind.Sqlite;

    public string SqliteFile { get; set; } = "data/thidua-hangfire.db";

    public string? ConnectionString { get; set; }

    /// <summary>Few workers: SQLite storage is known to double-run jobs under many (peers-and-practice §5.2); jobs are idempotent anyway.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often Hangfire looks for due scheduled jobs and new queue items (its default, 15 s, makes timers late).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// PostgreSQL storage: how long a job taken by a worker stays invisible to the others. Workers that are alive keep
    /// extending it (sliding), so it only matters when a node dies mid-job: another node runs the job after this time
    /// instead of Hangfire's default 30 minutes.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// PostgreSQL storage: age after which a job lock (DisableConcurrentExecution) is taken as abandoned. Locks are not
    /// renewed, so it must outlast the longest locked job; a node killed while holding one blocks that job on every
    /// other node until then (Hangfire.PostgreSql's own default, 10 minutes).
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Cron of the reconciliation that rebuilds missing timer jobs and removes orphans.</summary>
    public string ReconcileCron { get; set; } = "* * * * *";

    /// <summary>Cron of the outbox drain that retries side effects left undelivered.</summary>
    public string OutboxDrainCron { get; set; } = "* * * * *";

    /// <summary>Cron of the recovery of instances a failed process left Running.</summary>
    public string RecoveryCron { get; set; } = "*/5 * * * *";

    /// <summary>How often the Cron triggers of published workflows are matched to recurring jobs (also at start-up and after a publish).</summary>
    public string CronTriggerSyncCron { get; set; } = "*/5 * * * *";

    /// <summary>Run the Hangfire server in this process (off for a process that only enqueues).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>When the nightly backup of the SQLite databases runs (Vietnam time); empty turns it off.</summary>
    public string BackupCron { get; set; } = "30 1 * * *";

    /// <summary>Where backups go; empty means a "backups" folder beside the store's database file.</summary>
    public string? BackupFolder { get; set; }

    /// <summary>How many nightly backups are kept (the oldest beyond it are removed).</summary>
    public int BackupKeep { get; set; } = 14;
}
