using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

public sealed class LoopTests
{
    [Fact]
    public void StartAsync_RunsLoopThousandTimesInConstantStack_WhenDecisionLoopsBack()
    {
        using var host = new TestHost();
        var definition = TestFiles.LoadWorkflow("loop-1000.json");
        WorkflowRunResult? result = null;
        Exception? failure = null;

        // A small stack: a recursive interpreter (one frame per iteration) would overflow and kill the test host.
        var thread = new Thread(() =>
        {
            try
            {
                result = host.Runtime.StartAsync(definition).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "the loop did not finish in time");

        Assert.Null(failure);
        Assert.NotNull(result);
        Assert.True(result.Status == WorkflowStatus.Finished, result.FaultMessage);
        Assert.Equal("1000", result.Instance.Variables["Counter"]!.ToJsonString());
        Assert.Equal(["Counter: 1000"], host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task StartAsync_PersistsFinalCounter_WhenLoopFinishes()
    {
        using var host = new TestHost();
        var result = await host.Runtime.StartAsync(TestFiles.LoadWorkflow("loop-1000.json"));

        var stored = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal("1000", stored.Variables["Counter"]!.ToJsonString());
        var journal = await host.Store.ReadJournalAsync(result.InstanceId);
        Assert.Equal(1000, journal.Count(e => e.EventName == JournalEvents.Completed && e.ActivityId == "increment"));
        Assert.Empty(stored.Activities);
    }
}
