using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>A child process is killed in the middle of a burst; after a restart nothing is lost or done twice.</summary>
public sealed class CrashRecoveryTests
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), "thidua-tests", Guid.NewGuid().ToString("N") + ".db");

    private static async Task<string> WaitForFileAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
            await Task.Delay(20, timeout.Token);
        return await File.ReadAllTextAsync(path);
    }

    [Fact]
    public async Task Start_KilledMidBurst_FinishesAfterRestart_WithEachStepOnce()
    {
        var database = NewDatabase();
        var workflow = Path.GetTempFileName();
        await File.WriteAllTextAsync(workflow, Workflows.Chain("sap", "sap",
            Workflows.WriteLine("a", "bước 1"), Workflows.Activity("p", "Test.Pause"), Workflows.WriteLine("b", "bước 2")));
        var pause = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        string instanceId;
        using (var child = TestHostProcess.Start(new Dictionary<string, string> { ["THIDUA_TEST_PAUSE_FILE"] = pause },
                   "start", "--db", "sqlite:" + database, "--workflow", workflow))
        {
            instanceId = await WaitForFileAsync(pause);
            child.Kill();
        }

        await using (var host = await StoreHost.SqliteAsync(database))
        {
            // What survives the crash is the accepted start: nothing of the interrupted burst.
            Assert.Equal(WorkflowStatus.Running, (await host.Store.FindInstanceAsync(instanceId))!.Status);
            Assert.Equal([JournalEvents.WorkflowStarted], (await host.Store.ReadJournalAsync(instanceId)).Select(j => j.EventName));
        }

        var output = await TestHostProcess.RunAsync("recover", "--db", "sqlite:" + database);

        Assert.Equal(["line: bước 1", "line: bước 2", "recovered: 1"], output);
        await using var after = await StoreHost.SqliteAsync(database);
        Assert.Equal(WorkflowStatus.Finished, (await after.Store.FindInstanceAsync(instanceId))!.Status);
        var journal = await after.Store.ReadJournalAsync(instanceId);
        foreach (var step in new[] { "a", "p", "b" })
            Assert.Single(journal, j => j.ActivityId == step && j.EventName == JournalEvents.Completed);
        Assert.Single(journal, j => j.EventName == JournalEvents.WorkflowStarted);
        Assert.Single(journal, j => j.EventName == JournalEvents.WorkflowFinished);
        Assert.Equal(journal.Select(j => j.Sequence).Distinct().Count(), journal.Count);
    }

    [Fact]
    public async Task Resume_KilledMidBurst_LeavesTheBookmark_AndTheNextResumeRunsEachStepOnce()
    {
        var database = NewDatabase();
        string instanceId, bookmarkId;
        await using (var host = await StoreHost.SqliteAsync(database))
        {
            var run = await host.StartAsync(Workflows.Chain("sap2", "sap2",
                Workflows.Event("e1", "Duyet"), Workflows.Activity("p", "Test.Pause"), Workflows.WriteLine("b", "đã duyệt")));
            instanceId = run.InstanceId;
            bookmarkId = Assert.Single(run.Bookmarks).Id;
        }

        var bookmarks = Path.GetTempFileName();
        await File.WriteAllTextAsync(bookmarks, bookmarkId);
        var pause = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        using (var child = TestHostProcess.Start(new Dictionary<string, string> { ["THIDUA_TEST_PAUSE_FILE"] = pause },
                   "resume", "--db", "sqlite:" + database, "--bookmarks", bookmarks))
        {
            await WaitForFileAsync(pause);
            child.Kill();
        }

        await using (var host = await StoreHost.SqliteAsync(database))
        {
            Assert.Equal(WorkflowStatus.Suspended, (await host.Store.FindInstanceAsync(instanceId))!.Status);
            Assert.NotNull(await host.Store.FindBookmarkAsync(bookmarkId));
            Assert.DoesNotContain(await host.Store.ReadJournalAsync(instanceId), j => j.EventName == JournalEvents.Resumed);
        }

        var output = await TestHostProcess.RunAsync("resume", "--db", "sqlite:" + database, "--bookmarks", bookmarks);

        Assert.Equal(["line: đã duyệt", "resumed: 1", "already: 0"], output);
        await using var after = await StoreHost.SqliteAsync(database);
        var journal = await after.Store.ReadJournalAsync(instanceId);
        Assert.Single(journal, j => j.EventName == JournalEvents.Resumed);
        Assert.Single(journal, j => j.ActivityId == "p" && j.EventName == JournalEvents.Completed);
        Assert.Single(journal, j => j.ActivityId == "b" && j.EventName == JournalEvents.Completed);
        Assert.Equal(WorkflowStatus.Finished, (await after.Store.FindInstanceAsync(instanceId))!.Status);
    }
}
