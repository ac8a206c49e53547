using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>
/// A loop whose exit feeds a WaitAll join with a parallel branch: the join must wait for the loop to be left, not
/// take a round that went back into the loop as "this path is dead".
/// </summary>
public sealed class LoopExitJoinTests
{
    [Fact]
    public async Task Join_WaitsForTheLoopToExit_WhenTheParallelBranchArrivesFirst()
    {
        using var host = new TestHost();
        var run = await host.StartAsync("loop-exit-join.json");

        await host.Runtime.PublishEventAsync("Voted", workflowInstanceId: run.InstanceId);
        Assert.Empty(host.Lines.Of(run.InstanceId));
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(run.InstanceId)).Status);

        await host.Runtime.PublishEventAsync("Revised", workflowInstanceId: run.InstanceId);
        Assert.Empty(host.Lines.Of(run.InstanceId));

        await host.Runtime.PublishEventAsync("Revised", workflowInstanceId: run.InstanceId);

        Assert.Equal(["decided after 2 revisions"], host.Lines.Of(run.InstanceId));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task Join_FiresOnce_WhenTheLoopExitsBeforeTheParallelBranch()
    {
        using var host = new TestHost();
        var run = await host.StartAsync("loop-exit-join.json");

        await host.Runtime.PublishEventAsync("Revised", workflowInstanceId: run.InstanceId);
        await host.Runtime.PublishEventAsync("Revised", workflowInstanceId: run.InstanceId);
        Assert.Empty(host.Lines.Of(run.InstanceId));
        await host.Runtime.PublishEventAsync("Voted", workflowInstanceId: run.InstanceId);

        Assert.Equal(["decided after 2 revisions"], host.Lines.Of(run.InstanceId));
        var journal = await host.Store.ReadJournalAsync(run.InstanceId);
        Assert.Single(journal, j => j.ActivityId == "join" && j.EventName == JournalEvents.Completed);
    }
}
