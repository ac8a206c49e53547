using Microsoft.Extensions.Logging.Abstractions;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Persistence.Backup;

namespace ThiDua.Workflows.Cli;

/// <summary><c>thidua backup</c>, <c>thidua restore</c> and <c>thidua audit verify</c>: the operator's commands on the data.</summary>
internal sealed class MaintenanceCommands(TextWriter stdout, TextWriter stderr, TimeProvider clock, Func<string, Task<int>> failUsage)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = Options(args[1..], out var rest);
        if (options is null) return await failUsage($"{args[0]}: every option needs a value").ConfigureAwait(false);
        return args[0] switch
        {
            "backup" => await BackupAsync(options, cancellationToken).ConfigureAwait(false),
            "restore" => await RestoreAsync(options, cancellationToken).ConfigureAwait(false),
            "audit" when rest is ["verify"] => await VerifyAsync(options, cancellationToken).ConfigureAwait(false),
            _ => await failUsage("audit: the only subcommand is 'verify'").ConfigureAwait(false),
        };
    }

    private async Task<int> BackupAsync(ILookup<string, string> options, CancellationToken cancellationToken)
    {
        var databases = options["--db"].ToList();
        if (databases.Count == 0 || options["--to"].FirstOrDefault() is not { } to)
            return await failUsage("backup: --db FILE and --to DIR are required").ConfigureAwait(false);
        var missing = databases.Where(d => !File.Exists(d)).ToList();
        if (missing.Count > 0) return await failUsage($"backup: no such database: {string.Join(", ", missing)}").ConfigureAwait(false);
        var manifest = await SqliteBackup.TakeAsync(databases, to, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var file in manifest.Files) await stdout.WriteLineAsync($"{file.Name}: {file.Bytes} bytes, sha256 {file.Sha256}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Backup written: {manifest.Folder}").ConfigureAwait(false);
        return ExitCodes.Finished;
    }

    private async Task<int> RestoreAsync(ILookup<string, string> options, CancellationToken cancellationToken)
    {
        if (options["--from"].FirstOrDefault() is not { } from || options["--to"].FirstOrDefault() is not { } to)
            return await failUsage("restore: --from BACKUP-DIR and --to DATA-DIR are required").ConfigureAwait(false);
        try
        {
            var manifest = await SqliteBackup.RestoreAsync(from, to, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Restored {manifest.Files.Count} database(s) of {manifest.TakenAt:yyyy-MM-dd HH:mm:ss} UTC into {Path.GetFullPath(to)}; integrity check ok.").ConfigureAwait(false);
            return ExitCodes.Finished;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"thidua: restore failed: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Faulted;
        }
    }

    private async Task<int> VerifyAsync(ILookup<string, string> options, CancellationToken cancellationToken)
    {
        StoreOptions store;
        if (options["--db"].FirstOrDefault() is { } file)
        {
            if (!File.Exists(file)) return await failUsage($"audit verify: no such database: {file}").ConfigureAwait(false);
            store = new StoreOptions { SqliteFile = file };
        }
        else if (options["--postgres"].FirstOrDefault() is { } connection)
        {
            store = new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = connection };
        }
        else
        {
            return await failUsage("audit verify: --db FILE or --postgres CONNECTION is required").ConfigureAwait(false);
        }

        var trail = new AuditTrail(new NominationsContexts(store), clock, NullLogger<AuditTrail>.Instance);
        AuditVerification result;
        try
        {
            result = await trail.VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            await stderr.WriteLineAsync($"thidua: audit verify: cannot read the audit trail ({ex.Message}); is this the product's database, upgraded?").ConfigureAwait(false);
            return ExitCodes.Faulted;
        }

        if (result.Intact)
        {
            await stdout.WriteLineAsync($"Audit trail intact: {result.Verified} entries verified, {result.Unsealed} not yet sealed.").ConfigureAwait(false);
            return ExitCodes.Finished;
        }

        await stdout.WriteLineAsync($"Audit trail BROKEN at entry {result.BrokenAt} ({result.BrokenId ?? "-"}): {result.Reason}. Entries 1–{result.Verified} are intact.").ConfigureAwait(false);
        return ExitCodes.Faulted;
    }

    // "--name value" pairs (a name may repeat); anything else is returned in rest. Null when a value is missing.
    private static ILookup<string, string>? Options(string[] args, out List<string> rest)
    {
        rest = [];
        var pairs = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Length) return null;
            pairs.Add((args[i], args[++i]));
        }

        return pairs.ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }
}
