using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Persistence.Backup;

namespace ThiDua.Workflows.Scheduling.Backup;

/// <summary>
/// The nightly online backup of the SQLite databases (the store and the job store) with retention. PostgreSQL is
/// backed up with pg_dump by the server's own schedule (README, "Backups").
/// </summary>
public sealed partial class NightlyBackupJob(StoreOptions store, SchedulingOptions scheduling, TimeProvider clock, ILogger<NightlyBackupJob> logger)
{
    public static string FolderFor(StoreOptions store, SchedulingOptions scheduling)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduling);
        return string.IsNullOrWhiteSpace(scheduling.BackupFolder)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.SqliteFile))!, "backups")
            : Path.GetFullPath(scheduling.BackupFolder);
    }

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var databases = new List<string> { Path.GetFullPath(store.SqliteFile) };
        if (scheduling.Storage == JobStorageKind.Sqlite) databases.Add(Path.GetFullPath(scheduling.SqliteFile));
        var folder = FolderFor(store, scheduling);
        var manifest = await SqliteBackup.TakeAsync(databases, folder, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var removed = SqliteBackup.Prune(folder, scheduling.BackupKeep);
        var bytes = manifest.Files.Sum(f => f.Bytes);
        BackupTaken(logger, manifest.Folder!, bytes, removed);
        return manifest.Folder!;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Backup written to {Folder} ({Bytes} bytes); {Removed} old backups removed")]
    private static partial void BackupTaken(ILogger logger, string folder, long bytes, int removed);
}
