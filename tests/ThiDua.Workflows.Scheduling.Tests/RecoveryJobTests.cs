using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Scheduling.Timers;

namespace ThiDua.Workflows.Scheduling.Tests;

[Collection(HangfireCollection.Name)]
public sealed class RecoveryJobTests
{
    [Fact]
    public async Task RecoveryJob_ContinuesAnAcceptedStartThatNeverRan()
    {
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(Directory.CreateTempSubdirectory("thidua-recover-").FullName, clock, new ConcurrentQueue<SentMessage>());
        var definition = ElsaJsonReader.ReadOrThrow("""
            { "id": "recover-v1", "definitionId": "recover", "version": 1,
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
                "activities": [ { "id": "w1", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "đã chạy" } } } ],
                "connections": [] } }
            """);
        await host.Services.GetRequiredService<IDefinitionStore>().SaveAsync(definition, DefinitionSaveMode.AsIs);
        // What an accepted start looks like when its process died before running it: Running, first step queued.
        var accepted = new WorkflowInstance
        {
            Id = "accepted-not-run",
            DefinitionId = "recover",
            DefinitionVersionId = "recover-v1",
            DefinitionVersion = 1,
            Status = WorkflowStatus.Running,
            Activities = [new ActivityInstance { Id = "a1", NodePath = "Flowchart1" }],
            Queue = [new WorkItem { Kind = WorkItemKind.Execute, ActivityInstanceId = "a1" }],
            Sequence = 1,
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
        };
        Assert.Equal(CommitOutcome.Committed, await host.Store.CommitAsync(new WorkflowCommit(accepted, null, [], [], null, [], [], [])));

        var recovered = await host.Services.GetRequiredService<RecoveryJob>().RecoverAsync(CancellationToken.None);
        var again = await host.Services.GetRequiredService<RecoveryJob>().RecoverAsync(CancellationToken.None);

        Assert.Equal((1, 0), (recovered, again));
        Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync("accepted-not-run"))!.Status);
        Assert.Single(await host.Store.ReadJournalAsync("accepted-not-run"), j => j.ActivityId == "w1" && j.EventName == JournalEvents.Completed);
    }
}
