using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Finish, Fault, SetName, Correlate and cancelling from outside.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Finish_ClearsEveryBookmark_WhenOtherBranchesStillWait()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("finish-clears-bookmarks.json");
        var id = result.InstanceId;

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
        Assert.Empty(result.Instance.Activities);
        Assert.Empty(await host.BookmarksOfAsync(id));
        Assert.Equal(["finishing"], host.Lines.Of(id));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);

        Assert.Empty(await host.Runtime.PublishEventAsync("Never", null, id));
        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromHours(2)));
        Assert.Equal(["finishing"], host.Lines.Of(id));
    }

    [Fact]
    public async Task Fault_FaultsWorkflowWithItsMessage_WhenReached()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("fault.json");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Equal("Hồ sơ thiếu chữ ký", result.FaultMessage);
        Assert.Equal(["before"], host.Lines.Of(result.InstanceId));
        var stored = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Faulted, stored.Status);
        Assert.Equal("Hồ sơ thiếu chữ ký", stored.FaultMessage);
        var incident = Assert.Single(stored.Incidents);
        Assert.Equal(("fault", "Elsa.Fault"), (incident.ActivityId, incident.ActivityType));
        Assert.Contains(await host.Store.ReadJournalAsync(result.InstanceId), e => e.EventName == JournalEvents.WorkflowFaulted);
    }

    [Fact]
    public async Task SetNameAndCorrelate_SetInstanceNameAndCorrelationId_FromInput()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("name-correlate.json", new JsonObject { ["ma"] = "HS-007" });

        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal("Hồ sơ HS-007", result.Instance.Name);
        Assert.Equal("nom-HS-007", result.Instance.CorrelationId);
        var stored = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(("Hồ sơ HS-007", "nom-HS-007"), (stored.Name, stored.CorrelationId));
        Assert.Equal("nom-HS-007", Assert.Single(await host.BookmarksOfAsync(result.InstanceId)).CorrelationId);
    }

    [Fact]
    public async Task Trigger_ResumesOnlyMatchingCorrelation_WhenSeveralInstancesWaitOnSameEvent()
    {
        using var host = new TestHost();
        var first = await host.StartAsync("name-correlate.json", new JsonObject { ["ma"] = "HS-001" });
        var second = await host.StartAsync("name-correlate.json", new JsonObject { ["ma"] = "HS-002" });

        var results = await host.Runtime.TriggerAsync(
            Stimulus.Event("Duyet"), new TriggerOptions(CorrelationId: "nom-HS-002"));

        Assert.Equal(ResumeOutcome.Resumed, Assert.Single(results).Outcome);
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(first.InstanceId)).Status);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(second.InstanceId)).Status);
        Assert.Empty(host.Lines.Of(first.InstanceId));
        Assert.Equal(["reviewed"], host.Lines.Of(second.InstanceId));
    }

    [Fact]
    public async Task CancelAsync_CancelsAndRemovesBookmarks_WhenInstanceIsSuspended()
    {
        using var host = new TestHost();
        var started = await host.StartAsync("event-wait.json");
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Single(await host.BookmarksOfAsync(started.InstanceId));

        var cancelled = await host.Runtime.CancelAsync(started.InstanceId);

        Assert.NotNull(cancelled);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.Bookmarks);
        var stored = await host.InstanceAsync(started.InstanceId);
        Assert.Equal(WorkflowStatus.Cancelled, stored.Status);
        Assert.Empty(stored.Activities);
        Assert.Empty(await host.BookmarksOfAsync(started.InstanceId));
        Assert.Contains(await host.Store.ReadJournalAsync(started.InstanceId), e => e.EventName == JournalEvents.WorkflowCancelled);

        Assert.Empty(await host.Runtime.PublishEventAsync("Go", null, started.InstanceId));
        Assert.Equal(ResumeOutcome.AlreadyResumed, (await host.Runtime.ResumeAsync(started.Bookmarks[0].Id)).Outcome);
        Assert.Empty(host.Lines.Of(started.InstanceId));
    }

    [Fact]
    public async Task CancelAsync_ReturnsNull_WhenInstanceDoesNotExist()
    {
        using var host = new TestHost();

        Assert.Null(await host.Runtime.CancelAsync("no-such-instance"));
    }
}
