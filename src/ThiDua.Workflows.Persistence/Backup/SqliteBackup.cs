using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ThiDua.Workflows.Persistence.Backup;

/// <summary>
/// Consistent online copies of the product's SQLite databases (the store, with the domain's tables and the uploaded
/// files in it, and the job store), and their restore. A copy is <c>VACUUM INTO</c>: one read transaction, so it is
/// the database as of one moment while the host goes on writing. Each backup is a folder with the copies and a
/// manifest of their SHA-256; a restore checks the manifest, refuses a folder that already holds a database, and
/// runs SQLite's integrity check on what it restored.
/// </summary>
public static class SqliteBackup
{
    public const string ManifestFile = "manifest.json";
    public const string FolderPrefix = "thidua-";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Copies each existing database into a new folder under <paramref name="backupsFolder"/>; returns the folder.</summary>
    public static async Task<BackupManifest> TakeAsync(IReadOnlyList<string> databases, string backupsFolder, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var name = FolderPrefix + now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetFullPath(backupsFolder), name);
        var partial = folder + ".partial";
        Directory.CreateDirectory(partial);
        var files = new List<BackupFile>();
        foreach (var database in databases.Where(File.Exists))
        {
            var target = Path.Combine(partial, Path.GetFileName(database));
            await using (var source = Open(database, SqliteOpenMode.ReadOnly))
            {
                await source.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target";
                vacuum.Parameters.AddWithValue("$target", target);
                await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var problem = await IntegrityProblemAsync(target, cancellationToken).ConfigureAwait(false);
            if (problem is not null) throw new InvalidDataException($"The copy of {database} fails the integrity check: {problem}");
            files.Add(new BackupFile(Path.GetFileName(database), new FileInfo(target).Length, await Sha256Async(target, cancellationToken).ConfigureAwait(false)));
        }

        if (files.Count == 0) throw new FileNotFoundException("None of the databases to back up exists: " + string.Join(", ", databases));
        var manifest = new BackupManifest(name, now, files);
        await File.WriteAllTextAsync(Path.Combine(partial, ManifestFile), JsonSerializer.Serialize(manifest, Json), cancellationToken).ConfigureAwait(false);
        // Only a complete backup gets its final name: a crash midway leaves a ".partial" folder, never a bad backup.
        Directory.Move(partial, folder);
        return manifest with { Folder = folder };
    }

    /// <summary>Restores a backup folder into <paramref name="dataFolder"/>, which must not hold any of its databases yet.</summary>
    public static async Task<BackupManifest> RestoreAsync(string backupFolder, string dataFolder, CancellationToken cancellationToken = default)
    {
        var manifestPath = Path.Combine(backupFolder, ManifestFile);
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"{backupFolder} is not a backup (no {ManifestFile}).");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        Directory.CreateDirectory(dataFolder);
        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(dataFolder, file.Name);
            if (File.Exists(target) || File.Exists(target + "-wal"))
                throw new IOException($"{target} exists: restore only into a folder without the product's databases (move the old ones away first).");
            var source = Path.Combine(backupFolder, file.Name);
            if (!string.Equals(await Sha256Async(source, cancellationToken).ConfigureAwait(false), file.Sha256, StringComparison.Ordinal))
                throw new InvalidDataException($"{source} does not match the backup's manifest (damaged or changed).");
        }

        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(dataFolder, file.Name);
            File.Copy(Path.Combine(backupFolder, file.Name), target);
            var problem = await IntegrityProblemAsync(target, cancellationToken).ConfigureAwait(false);
            if (problem is not null) throw new InvalidDataException($"The restored {target} fails the integrity check: {problem}");
        }

        return manifest with { Folder = Path.GetFullPath(backupFolder) };
    }

    /// <summary>Removes the oldest complete backups beyond <paramref name="keep"/>; returns how many were removed.</summary>
    public static int Prune(string backupsFolder, int keep)
    {
        if (!Directory.Exists(backupsFolder)) return 0;
        var old = Directory.GetDirectories(backupsFolder, FolderPrefix + "*")
            .Where(d => !d.EndsWith(".partial", StringComparison.Ordinal) && File.Exists(Path.Combine(d, ManifestFile)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal).Skip(keep).ToList();
        foreach (var folder in old) Directory.Delete(folder, recursive: true);
        return old.Count;
    }

    /// <summary>SQLite's own check of a database file; null when it is sound.</summary>
    public static async Task<string?> IntegrityProblemAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = Open(database, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result == "ok" ? null : result;
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

public sealed record BackupFile(string Name, long Bytes, string Sha256);

public sealed record BackupManifest(string Name, DateTimeOffset TakenAt, IReadOnlyList<BackupFile> Files)
{
    /// <summary>Where the backup is (not stored in the manifest: a backup folder can be moved).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Folder { get; init; }
}
