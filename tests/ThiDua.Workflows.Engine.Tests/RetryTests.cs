using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Fails while its switch is on, as a step fails while the mail server is down.</summary>
[Activity(TypeName, Category = "Tests", Description = "Fails while Broken is set.")]
public sealed class FlakyStep : IActivity
{
    public const string TypeName = "Tests.Flaky";

    public static volatile bool Broken = true;

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        if (Broken) throw new InvalidOperationException("the service is down");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>An administrator retries a faulted instance once the cause is fixed: it runs on from the step that faulted.</summary>
public sealed class RetryTests
{
    private const string Workflow = """
        { "id": "retry-1", "definitionId": "retry", "version": 1,
          "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
            { "id": "start", "type": "Elsa.Start" },
            { "id": "before", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "trước" } } },
            { "id": "flaky", "type": "Tests.Flaky" },
            { "id": "after", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "sau" } } }
          ], "connections": [
            { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "before", "port": "In" } },
            { "source": { "activity": "before", "port": "Done" }, "target": { "activity": "flaky", "port": "In" } },
            { "source": { "activity": "flaky", "port": "Done" }, "target": { "activity": "after", "port": "In" } }
          ] } }
        """;

    [Fact]
    public async Task AFaultedInstance_RunsOnFromTheFaultedStep_OnceItsCauseIsFixed()
    {
        var sink = new LineSink();
        var services = new ServiceCollection();
        services.AddSingleton(sink);
        services.AddWorkflowEngine().AddActivity<FlakyStep>().AddOutboxHandler<LineCollector>();
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        var store = provider.GetRequiredService<IWorkflowStore>();

        FlakyStep.Broken = true;
        var run = await runtime.StartAsync(ElsaJsonReader.ReadOrThrow(Workflow));
        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        Assert.Single((await store.FindInstanceAsync(run.InstanceId))!.Incidents);

        // Retrying while the cause is still there faults again, and records a second incident.
        Assert.Equal(WorkflowStatus.Faulted, (await runtime.RetryAsync(run.InstanceId))!.Status);
        Assert.Equal(2, (await store.FindInstanceAsync(run.InstanceId))!.Incidents.Count);

        FlakyStep.Broken = false;
        var retried = await runtime.RetryAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, retried!.Status);
        Assert.Equal(["trước", "sau"], sink.Of(run.InstanceId)); // the step before is not run again
        // A finished instance is not run again by a second retry.
        Assert.Equal(WorkflowStatus.Finished, (await runtime.RetryAsync(run.InstanceId))!.Status);
        Assert.Equal(2, sink.Of(run.InstanceId).Count);
        Assert.Null(await runtime.RetryAsync("no-such-instance"));
    }
}
