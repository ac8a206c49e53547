using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>FlowFork / FlowJoin over timers and events, driven by the fake clock.</summary>
public sealed class ForkJoinTests
{
    [Fact]
    public async Task JoinWaitAll_WaitsForBothDelays_BeforeContinuing()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("fork-join-delays.json");
        var id = result.InstanceId;
        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal(2, (await host.BookmarksOfAsync(id)).Count);

        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(1))); // t = 2s: the short delay

        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(id)).Status);
        var left = Assert.Single(await host.BookmarksOfAsync(id));
        Assert.Equal("delay5s", left.ActivityId);
        Assert.Empty(host.Lines.Of(id));

        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(3))); // t = 5s: the long delay

        var instance = await host.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["joined"], host.Lines.Of(id));
        Assert.Empty(await host.BookmarksOfAsync(id));
        Assert.Single(await host.Store.ReadJournalAsync(id), e => e.EventName == JournalEvents.Completed && e.ActivityId == "join");

        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(["joined"], host.Lines.Of(id));
    }

    [Fact]
    public async Task JoinWaitAny_EventPathWinsAndDelayBookmarkIsRemoved_WhenEventArrivesFirst()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("event-race-delay.json");
        var id = result.InstanceId;
        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal(2, (await host.BookmarksOfAsync(id)).Count);

        host.Time.Advance(TimeSpan.FromSeconds(2)); // not yet due
        var resumed = await host.Runtime.PublishEventAsync("Approved", null, id);

        Assert.Equal(ResumeOutcome.Resumed, Assert.Single(resumed).Outcome);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);
        Assert.Empty(await host.BookmarksOfAsync(id));
        Assert.Equal(["event won", "done"], host.Lines.Of(id));

        // The delay's time comes and goes: nothing is left to resume.
        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["event won", "done"], host.Lines.Of(id));
    }

    [Fact]
    public async Task JoinWaitAny_DelayPathWinsAndEventBookmarkIsRemoved_WhenDelayElapsesFirst()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("event-race-delay.json");
        var id = result.InstanceId;

        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(6)));

        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);
        Assert.Empty(await host.BookmarksOfAsync(id));
        Assert.Equal(["timeout won", "done"], host.Lines.Of(id));
        Assert.Contains(await host.Store.ReadJournalAsync(id), e => e.EventName == JournalEvents.Cancelled && e.ActivityId == "approved");

        var late = await host.Runtime.PublishEventAsync("Approved", null, id);
        Assert.All(late, r => Assert.Equal(ResumeOutcome.AlreadyResumed, r.Outcome));
        Assert.Equal(["timeout won", "done"], host.Lines.Of(id));
    }

    [Fact]
    public async Task FlowNode_RunsNestedFlowchartAfterEvent_WhenBodyWaitsOnEvent()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("nested-flownode-event.json");
        var id = result.InstanceId;

        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal(["before"], host.Lines.Of(id));
        var bookmark = Assert.Single(await host.BookmarksOfAsync(id));
        Assert.Equal("proceed", bookmark.ActivityId);
        Assert.Equal(Event.StimulusName, bookmark.Name);

        var resumed = await host.Runtime.PublishEventAsync("Proceed", new JsonObject { ["by"] = "cán bộ" }, id);

        Assert.Equal(ResumeOutcome.Resumed, Assert.Single(resumed).Outcome);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);
        Assert.Equal(["before", "inside", "after"], host.Lines.Of(id));
        Assert.Empty(await host.BookmarksOfAsync(id));
        var journal = await host.Store.ReadJournalAsync(id);
        Assert.Single(journal, e => e.EventName == JournalEvents.Completed && e.ActivityId == "container");
        Assert.Single(journal, e => e.EventName == JournalEvents.Completed && e.ActivityId == "innerFlowchart");
    }
}
