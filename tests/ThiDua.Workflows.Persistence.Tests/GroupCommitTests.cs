using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>
/// Group commit under concurrent callers: bursts share transactions, yet each bookmark gives exactly one transition,
/// races still have one winner, and a crash in the middle loses nothing acknowledged and doubles nothing.
/// </summary>
[Collection(PostgresLoad.Name)]
public sealed class GroupCommitTests
{
    private static readonly string Workflow = Workflows.Chain("nhom", "nhom-v1", Workflows.Event("e1", "Go"), Workflows.WriteLine("w1", "xong"));

    [Fact]
    public async Task SixtyFourCallers_OnSqlite_TenThousandDistinctAndAThousandRaces_OneTransitionEach()
    {
        await using var host = await StoreHost.SqliteAsync();
        await OneTransitionPerBookmarkAsync(host, distinct: 10_000, races: 1_000);
    }

    [Fact]
    public async Task SixtyFourCallers_OnPostgreSql_TenThousandDistinctAndAThousandRaces_OneTransitionEach()
    {
        await using var host = await StoreHost.PostgresAsync();
        await OneTransitionPerBookmarkAsync(host, distinct: 10_000, races: 1_000);
    }

    private static async Task OneTransitionPerBookmarkAsync(StoreHost host, int distinct, int races)
    {
        const int callers = 64;
        var group = host.Services.GetRequiredService<CommitGroup>();
        var started = new ConcurrentBag<(string Instance, string Bookmark)>();
        var toStart = distinct + races;
        await Parallel.ForEachAsync(Enumerable.Range(0, toStart), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (_, _) =>
        {
            var run = await host.StartAsync(Workflow);
            started.Add((run.InstanceId, Assert.Single(run.Bookmarks).Id));
        });
        var all = started.ToList();
        var raced = all.Take(races).Select(s => s.Bookmark).ToHashSet(StringComparer.Ordinal);

        // Every bookmark once, the raced ones twice, shuffled, taken by 64 callers at once.
        var work = all.Select(s => s.Bookmark).Concat(raced).OrderBy(_ => Random.Shared.Next()).ToList();
        var queue = new ConcurrentQueue<string>(work);
        var outcomes = new ConcurrentDictionary<string, ConcurrentBag<ResumeOutcome>>(StringComparer.Ordinal);
        var groupsBefore = group.Groups;
        var burstsBefore = group.Bursts;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var bookmark))
                outcomes.GetOrAdd(bookmark, _ => []).Add((await host.Runtime.ResumeAsync(bookmark)).Outcome);
        })));

        foreach (var (_, bookmark) in all)
        {
            var results = outcomes[bookmark];
            Assert.Single(results, r => r == ResumeOutcome.Resumed);
            Assert.Equal(raced.Contains(bookmark) ? 2 : 1, results.Count);
        }

        Assert.Equal(toStart, host.Lines.Count(l => l == "xong"));
        Assert.Equal(toStart, (await host.Store.FindInstanceIdsAsync(WorkflowStatus.Finished, limit: toStart + 1)).Count);
        foreach (var (instance, _) in all.Take(200))
            Assert.Single(await host.Store.ReadJournalAsync(instance), j => j.EventName == JournalEvents.Resumed);
        // Some bursts really shared a commit (how many depends on how long a commit takes against the callers' work:
        // on SQLite, where reads no longer wait for the writer, few do).
        Assert.True(group.Bursts - burstsBefore > group.Groups - groupsBefore,
            $"{group.Bursts - burstsBefore} bursts in {group.Groups - groupsBefore} groups");
    }

    [Fact]
    public async Task AProcessKilledDuringGroupCommits_LosesNoAcknowledgedTransition_AndDoublesNone()
    {
        var database = Path.Combine(Path.GetTempPath(), "thidua-tests", Guid.NewGuid().ToString("N") + ".db");
        const int count = 3_000;
        var runs = new List<(string Instance, string Bookmark)>();
        await using (var host = await StoreHost.SqliteAsync(database))
            for (var i = 0; i < count; i++)
            {
                var run = await host.StartAsync(Workflow);
                runs.Add((run.InstanceId, Assert.Single(run.Bookmarks).Id));
            }

        var bookmarks = Path.GetTempFileName();
        await File.WriteAllLinesAsync(bookmarks, runs.Select(r => r.Bookmark));
        var acks = Path.GetTempFileName();
        using (var child = TestHostProcess.Start(null, "resume", "--db", "sqlite:" + database, "--bookmarks", bookmarks, "--callers", "32", "--acks", acks))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((await ReadLinesSharedAsync(acks)).Count < 300) await Task.Delay(5, timeout.Token);
            child.Kill(); // SIGKILL, in the middle of the run
        }

        // A line cut by the kill names no bookmark, so it is not an acknowledgement.
        var acknowledged = (await ReadLinesSharedAsync(acks)).Intersect(runs.Select(r => r.Bookmark), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        Assert.InRange(acknowledged.Count, 300, count - 1);
        await using var after = await StoreHost.SqliteAsync(database);
        foreach (var (instance, bookmark) in runs)
        {
            var journal = await after.Store.ReadJournalAsync(instance);
            var resumes = journal.Count(j => j.EventName == JournalEvents.Resumed);
            Assert.True(resumes <= 1, $"instance {instance} resumed {resumes} times");
            if (acknowledged.Contains(bookmark))
            {
                Assert.Equal(1, resumes);
                Assert.Equal(WorkflowStatus.Finished, (await after.Store.FindInstanceAsync(instance))!.Status);
                Assert.Null(await after.Store.FindBookmarkAsync(bookmark));
            }
        }

        // What was not finished before the crash finishes now, each once.
        foreach (var (_, bookmark) in runs) await after.Runtime.ResumeAsync(bookmark);
        foreach (var (instance, _) in runs)
            Assert.Single(await after.Store.ReadJournalAsync(instance), j => j.EventName == JournalEvents.Resumed);
    }

    private static async Task<List<string>> ReadLinesSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line) lines.Add(line);
        return lines;
    }
}
