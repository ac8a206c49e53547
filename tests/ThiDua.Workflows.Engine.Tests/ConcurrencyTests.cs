using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ResumeAsync_RunsExactlyOnce_WhenTwoCallersResumeSameBookmarkConcurrently()
    {
        using var host = new TestHost();
        var definition = TestFiles.LoadWorkflow("event-wait.json");

        for (var round = 0; round < 100; round++)
        {
            var started = await host.Runtime.StartAsync(definition);
            var bookmarkId = Assert.Single(started.Bookmarks).Id;
            using var barrier = new Barrier(2);

            var resumes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await host.Runtime.ResumeAsync(bookmarkId);
            })).ToArray();
            var results = await Task.WhenAll(resumes);

            Assert.Equal(1, results.Count(r => r.Outcome == ResumeOutcome.Resumed));
            Assert.Equal(1, results.Count(r => r.Outcome == ResumeOutcome.AlreadyResumed));
            Assert.Equal(["after event"], host.Lines.Of(started.InstanceId));
            var instance = await host.InstanceAsync(started.InstanceId);
            Assert.Equal(WorkflowStatus.Finished, instance.Status);
            Assert.Single(await host.Store.ReadJournalAsync(started.InstanceId), e => e.EventName == JournalEvents.Resumed);
        }

        Assert.Equal(100, host.Lines.All.Count);
    }
}
