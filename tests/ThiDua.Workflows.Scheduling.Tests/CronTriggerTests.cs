using System.Collections.Concurrent;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Scheduling.Timers;

namespace ThiDua.Workflows.Scheduling.Tests;

/// <summary>Elsa.Cron as a trigger: a published workflow gets a Hangfire recurring job on its expression, and loses it when retracted.</summary>
[Collection(HangfireCollection.Name)]
public sealed class CronTriggerTests
{
    private const string Definition = """
        { "id": "weekday-report-v1", "definitionId": "weekday-report", "name": "Báo cáo ngày làm việc", "version": 1,
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "every-morning", "type": "Elsa.Cron", "customProperties": { "canStartWorkflow": true },
                "cronExpression": { "typeName": "String", "expression": { "type": "Literal", "value": "0 1 * * 1-5" } } },
              { "id": "report", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "báo cáo" } } } ],
            "connections": [ { "source": { "activity": "every-morning", "port": "Done" }, "target": { "activity": "report", "port": "In" } } ] } }
        """;

    [Fact]
    public async Task APublishedCronTrigger_BecomesARecurringJob_ThatStartsTheWorkflowAtOnce_AndGoesWhenRetracted()
    {
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(Directory.CreateTempSubdirectory("thidua-cron-").FullName, clock, new ConcurrentQueue<SentMessage>());
        var definitions = host.Services.GetRequiredService<IDefinitionStore>();
        await definitions.SaveAsync(ElsaJsonReader.ReadOrThrow(Definition), DefinitionSaveMode.AsIs);
        await definitions.SetPublishedAsync("weekday-report-v1", true);
        var triggers = host.Services.GetRequiredService<CronTriggers>();

        Assert.Equal(1, await triggers.SyncAsync(CancellationToken.None));
        var job = Assert.Single(RecurringTriggerJobs(host));
        Assert.Equal("cron-trigger:weekday-report:every-morning", job.Id);
        Assert.Equal("0 1 * * 1-5", job.Cron);

        // One occurrence: the Cron is the trigger, so it does not wait for the next morning again.
        await triggers.StartAsync("weekday-report", "every-morning", CancellationToken.None);
        var finished = Assert.Single(await host.Store.FindInstanceIdsAsync(WorkflowStatus.Finished));
        Assert.Empty(await host.Store.FindInstanceIdsAsync(WorkflowStatus.Suspended));
        Assert.Null((await host.Store.FindInstanceAsync(finished))!.TriggerActivityId);

        await definitions.SetPublishedAsync("weekday-report-v1", false);
        Assert.Equal(0, await triggers.SyncAsync(CancellationToken.None));
        Assert.Empty(RecurringTriggerJobs(host));
    }

    [Fact]
    public async Task ACronReachedInsideARunningWorkflow_WaitsForItsNextOccurrence()
    {
        var clock = new FakeTimeProvider(SchedulingHost.June1); // 02:00 UTC
        await using var host = await SchedulingHost.StartAsync(Directory.CreateTempSubdirectory("thidua-cron-").FullName, clock, new ConcurrentQueue<SentMessage>());
        var run = await host.StartWorkflowAsync(Definition);
        var bookmark = Assert.Single(run.Bookmarks);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero), bookmark.ResumeAt); // Tuesday 01:00 UTC
        Assert.Equal(1, host.ScheduledTimerJobs());
    }

    private static List<RecurringJobDto> RecurringTriggerJobs(SchedulingHost host)
    {
        using var connection = host.JobStorage.GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith(CronTriggers.JobPrefix, StringComparison.Ordinal)).ToList();
    }
}
