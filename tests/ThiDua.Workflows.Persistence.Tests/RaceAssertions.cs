using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>Two tasks resume one bookmark at the same moment: exactly one transition happens.</summary>
internal static class RaceAssertions
{
    public static async Task OneTransitionPerRaceAsync(StoreHost host, int rounds)
    {
        var json = Workflows.Chain("race", "race-v1",
            Workflows.WriteLine("w0", "chờ duyệt"), Workflows.Event("e1", "Approve"), Workflows.WriteLine("w2", "đã duyệt"));
        for (var round = 0; round < rounds; round++)
        {
            var run = await host.StartAsync(json);
            var bookmark = Assert.Single(run.Bookmarks);
            using var barrier = new Barrier(2);
            var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await host.Runtime.ResumeAsync(bookmark.Id);
            }));

            var results = await Task.WhenAll(racers);

            Assert.Single(results, r => r.Outcome == ResumeOutcome.Resumed);
            Assert.Single(results, r => r.Outcome == ResumeOutcome.AlreadyResumed);
            var journal = await host.Store.ReadJournalAsync(run.InstanceId);
            Assert.Single(journal, j => j.EventName == JournalEvents.Resumed);
            Assert.Single(journal, j => j.ActivityId == "w2" && j.EventName == JournalEvents.Completed);
            Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(run.InstanceId))!.Status);
            Assert.Null(await host.Store.FindBookmarkAsync(bookmark.Id));
        }

        Assert.Equal(rounds, host.Lines.Count(l => l == "đã duyệt"));
    }
}
