using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Cli.Tests;

/// <summary>
/// <c>thidua backup</c> taken while documents are being issued, <c>thidua restore</c> into an empty folder, and
/// <c>thidua audit verify</c> on the result: intact, then broken at the entry edited by hand.
/// </summary>
public sealed class BackupAndAuditTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ABackupTakenUnderLoad_RestoresEveryDecisionAcknowledgedBeforeIt_AndTheAuditChainCatchesAHandEdit()
    {
        var database = Path.Combine(_folder, "data", "thidua-workflows.db");
        var store = new StoreOptions { SqliteFile = database };
        var contexts = new NominationsContexts(store);
        await contexts.MigrateAsync();
        await using (var wal = new SqliteConnection($"Data Source={database}"))
        {
            await wal.OpenAsync();
            await using var pragma = wal.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL";
            await pragma.ExecuteNonQueryAsync();
        }

        var audit = new AuditTrail(contexts, TimeProvider.System, NullLogger<AuditTrail>.Instance);
        var numbers = new DocumentNumbers(contexts, audit, TimeProvider.System);
        await audit.AppendAsync("chutich", AuditActions.SignedIn, "chutich", new { address = "127.0.0.1" });

        // Four issuers keep numbering decisions; each acknowledged one is noted with the moment it was acknowledged.
        var acknowledged = new ConcurrentQueue<(string Number, DateTime At)>();
        using var stop = new CancellationTokenSource();
        var issuers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var decision = await numbers.IssueAsync("Award", "QĐ-UBND", $"load:{w}:{i}", $"Quyết định khen thưởng thử {w}-{i}", "chutich", 2026);
                acknowledged.Enqueue((decision.DocumentNumber, DateTime.UtcNow));
            }
        })).ToList();
        while (acknowledged.Count < 60) await Task.Delay(20);

        var backupStarted = DateTime.UtcNow;
        var backup = await CliHarness.RunInProcessAsync("backup", "--db", database, "--to", Path.Combine(_folder, "backups"));
        while (acknowledged.Count(a => a.At > backupStarted) < 20) await Task.Delay(20); // the load went on meanwhile
        await stop.CancelAsync();
        await Task.WhenAll(issuers);

        Assert.True(backup.ExitCode == 0, backup.Error);
        var folder = backup.Lines[^1]["Backup written: ".Length..];
        var restoredFolder = Path.Combine(_folder, "restored");
        var restore = await CliHarness.RunInProcessAsync("restore", "--from", folder, "--to", restoredFolder);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("integrity check ok", restore.Lines[^1]);
        var again = await CliHarness.RunInProcessAsync("restore", "--from", folder, "--to", restoredFolder);
        Assert.Equal(1, again.ExitCode); // never over a database
        Assert.Contains("exists", again.Error);

        var restored = Path.Combine(restoredFolder, "thidua-workflows.db");
        await using (var db = new NominationsContexts(new StoreOptions { SqliteFile = restored }).Create())
        {
            var numbersThere = (await db.Decisions.AsNoTracking().Select(d => d.DocumentNumber).ToListAsync()).ToHashSet();
            var before = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Number).ToList();
            Assert.True(before.Count >= 60);
            Assert.All(before, n => Assert.Contains(n, numbersThere));
            Assert.Equal(numbersThere.Count, await db.Decisions.CountAsync()); // no number twice
        }

        var verify = await CliHarness.RunInProcessAsync("audit", "verify", "--db", restored);
        Assert.True(verify.ExitCode == 0, string.Join('\n', verify.Lines) + verify.Error);
        Assert.Matches(@"^Audit trail intact: \d+ entries verified", verify.Lines[^1]);

        // The database refuses an edit of a sealed entry; someone who drops the guard first is caught by the chain.
        await using (var connection = new SqliteConnection($"Data Source={restored};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = """UPDATE "AuditTrail" SET "Detail" = '{"kind":"Award","title":"Quyết định đã sửa"}' WHERE "Seq" = 5""";
            var refused = await Assert.ThrowsAsync<SqliteException>(() => edit.ExecuteNonQueryAsync());
            Assert.Contains("cannot change", refused.Message, StringComparison.Ordinal);
            await using var drop = connection.CreateCommand();
            drop.CommandText = """DROP TRIGGER "AuditTrail_SealedStays" """;
            await drop.ExecuteNonQueryAsync();
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var broken = await CliHarness.RunInProcessAsync("audit", "verify", "--db", restored);
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("Audit trail BROKEN at entry 5 ", broken.Lines[^1], StringComparison.Ordinal);

        // The original, still under no edit, verifies.
        Assert.Equal(0, (await CliHarness.RunInProcessAsync("audit", "verify", "--db", database)).ExitCode);
    }

    [Fact]
    public async Task BadArguments_AreRefusedWithUsage()
    {
        Assert.Equal(2, (await CliHarness.RunInProcessAsync("backup", "--to", _folder)).ExitCode);
        Assert.Equal(2, (await CliHarness.RunInProcessAsync("backup", "--db", Path.Combine(_folder, "khong-co.db"), "--to", _folder)).ExitCode);
        Assert.Equal(2, (await CliHarness.RunInProcessAsync("audit", "verify")).ExitCode);
        Assert.Equal(2, (await CliHarness.RunInProcessAsync("audit", "sua")).ExitCode);
        var notABackup = await CliHarness.RunInProcessAsync("restore", "--from", _folder, "--to", Path.Combine(_folder, "x"));
        Assert.Equal(1, notABackup.ExitCode);
        Assert.Contains("not a backup", notABackup.Error);
    }
}
