using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Joins inside loops, event payloads bound to variables, concurrent resumes of different bookmarks.</summary>
public sealed class EdgeCaseTests
{
    [Fact]
    public async Task JoinWaitAll_RunsOncePerIteration_WhenInsideLoop()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("loop-fork-join.json");

        Assert.True(result.Status == WorkflowStatus.Finished, result.FaultMessage);
        Assert.Equal("3", result.Instance.Variables["I"]!.ToJsonString());
        var lines = host.Lines.Of(result.InstanceId);
        Assert.Equal(["a1", "a2", "a3", "b1", "b2", "b3", "end"], lines.Order(StringComparer.Ordinal));
        Assert.Equal("end", lines[^1]);
        var journal = await host.Store.ReadJournalAsync(result.InstanceId);
        Assert.Equal(3, journal.Count(e => e.EventName == JournalEvents.Completed && e.ActivityId == "join"));
    }

    [Fact]
    public async Task Event_StoresResumeInputInBoundVariable_WhenResultHasMemoryReference()
    {
        using var host = new TestHost();
        var started = await host.StartAsync("event-result.json");

        var resumed = await host.Runtime.PublishEventAsync("Approval", new JsonObject { ["by"] = "Trần Thị Bình", ["ok"] = true }, started.InstanceId);

        var run = Assert.Single(resumed).Run;
        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["Người duyệt: Trần Thị Bình, đồng ý: true"], host.Lines.Of(started.InstanceId));
        Assert.Equal("Trần Thị Bình", run.Instance.Variables["Decision"]!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishEventAsync_ResumesEveryWaitingInstance_WhenNoInstanceIsGiven()
    {
        using var host = new TestHost();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await host.StartAsync("event-wait.json")).InstanceId);

        var results = await host.Runtime.PublishEventAsync("Go");

        Assert.Equal(3, results.Count(r => r.Outcome == ResumeOutcome.Resumed));
        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);
            Assert.Equal(["after event"], host.Lines.Of(id));
        }

        Assert.Empty(await host.Runtime.PublishEventAsync("Go"));
    }

    [Fact]
    public async Task ResumeAsync_JoinsBothBranchesOnce_WhenTwoDifferentBookmarksAreResumedConcurrently()
    {
        using var host = new TestHost();
        var definition = TestFiles.LoadWorkflow("two-events-join-all.json");

        for (var round = 0; round < 50; round++)
        {
            var started = await host.Runtime.StartAsync(definition);
            Assert.Equal(2, started.Bookmarks.Count);
            using var barrier = new Barrier(2);

            var results = await Task.WhenAll(started.Bookmarks.Select(b => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await host.Runtime.ResumeAsync(b.Id);
            })));

            Assert.All(results, r => Assert.Equal(ResumeOutcome.Resumed, r.Outcome));
            Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(started.InstanceId)).Status);
            Assert.Equal(["both"], host.Lines.Of(started.InstanceId));
            Assert.Empty(await host.BookmarksOfAsync(started.InstanceId));
        }
    }
}
