using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>Against the PostgreSQL server that tests/setup/postgres.sh installs and starts on loopback.</summary>
public sealed class PostgresStoreTests
{
    [Fact]
    public async Task Migrate_CreatesTheSchema_OnPostgreSql()
    {
        await using var host = await StoreHost.PostgresAsync();

        Assert.Equal(5, (await host.Database.AppliedMigrationsAsync()).Count);
        await using var db = host.Contexts.Create();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }

    [Fact]
    public async Task Resume_RunsExactlyOneTransition_WhenTwoTasksRaceForOneBookmark()
    {
        await using var host = await StoreHost.PostgresAsync();

        await RaceAssertions.OneTransitionPerRaceAsync(host, rounds: 50);
    }

    [Fact]
    public async Task TwoProcesses_ResumingTheSameBookmarks_RunEachTransitionOnce()
    {
        await using var host = await StoreHost.PostgresAsync();
        const int count = 100;
        var json = Workflows.Chain("hai-tien-trinh", "hai-tien-trinh-v1", Workflows.Event("e1", "Go"), Workflows.WriteLine("w1", "xong"));
        var runs = new List<WorkflowRunResult>();
        for (var i = 0; i < count; i++) runs.Add(await host.StartAsync(json));
        var bookmarks = Path.GetTempFileName();
        await File.WriteAllLinesAsync(bookmarks, runs.Select(r => Assert.Single(r.Bookmarks).Id));
        var go = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        using var first = TestHostProcess.Start(null, "resume", "--db", host.Spec, "--bookmarks", bookmarks, "--go", go);
        using var second = TestHostProcess.Start(null, "resume", "--db", host.Spec, "--bookmarks", bookmarks, "--go", go);
        await Task.Delay(500);
        await File.WriteAllTextAsync(go, "go");
        var outputs = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        int Count(string prefix) => outputs.SelectMany(o => o).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(l => int.Parse(l[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(count, Count("resumed: "));
        Assert.Equal(count, Count("already: "));
        Assert.Equal(count, outputs.SelectMany(o => o).Count(l => l == "line: xong"));
        foreach (var run in runs)
        {
            var journal = await host.Store.ReadJournalAsync(run.InstanceId);
            Assert.Single(journal, j => j.EventName == JournalEvents.Resumed);
            Assert.Single(journal, j => j.ActivityId == "w1" && j.EventName == JournalEvents.Completed);
            Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(run.InstanceId))!.Status);
        }

        await using var db = host.Contexts.Create();
        Assert.Equal(0, await db.Bookmarks.CountAsync());
    }
}
