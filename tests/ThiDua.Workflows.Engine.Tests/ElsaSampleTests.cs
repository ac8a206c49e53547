using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Workflow files from Elsa's own repositories (ElsaSamples, see SOURCES.md) run here unchanged, children included.</summary>
public sealed class ElsaSampleTests
{
    private static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ElsaSamples", file));

    private static async Task<WorkflowInstance> RunAsync(TestHost host, string parent, params string[] children)
    {
        foreach (var child in children) await host.PublishJsonAsync(Sample(child));

        var run = await host.Runtime.StartAsync(ElsaJsonReader.ReadOrThrow(Sample(parent)));
        return await host.InstanceAsync(run.InstanceId);
    }

    [Fact]
    public async Task AWorkflowUsedAsAnActivity_GetsTheInputElsaWritesInCamelCase()
    {
        using var host = new TestHost();
        var parent = await RunAsync(host, "elsa-core__test__WorkflowDefinitionActivities__parent-with-input.json",
            "elsa-core__test__WorkflowDefinitionActivities__child-with-input.json");
        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal(["Hello from parent!"], host.Lines.All);
    }

    [Fact]
    public async Task AWorkflowUsedTwiceAsAnActivity_RunsTwoChildren()
    {
        using var host = new TestHost();
        var parent = await RunAsync(host, "elsa-core__test__WorkflowJsonStructures__main.json", "elsa-core__test__WorkflowJsonStructures__sub.json");
        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal(["Test", "Test"], host.Lines.All);
        Assert.Equal(2, (await host.Store.FindInstanceIdsAsync(WorkflowStatus.Finished)).Count - 1);
    }

    [Fact]
    public async Task DispatchWorkflow_WaitingForItsChild_FinishesAfterIt()
    {
        using var host = new TestHost();
        var parent = await RunAsync(host, "elsa-guides__dispatching-child-workflows__parent-workflow.json",
            "elsa-guides__dispatching-child-workflows__child-workflow.json");
        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal("Parent completed", host.Lines.Of(parent.Id)[^1]);
    }

    [Fact]
    public async Task ParallelForEach_WithAFlowchartBody_GivesEachBranchItsItem()
    {
        using var host = new TestHost();
        var run = await RunAsync(host, "elsa-core__test__FlowchartCompletion__workflow6.json");
        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["Start", "Current fruit: Apple", "Current fruit: Banana", "Current fruit: Cherry", "End"], host.Lines.All);
    }

    [Theory]
    [InlineData("elsa-core__test__ExecuteWorkflow__child-with-output.json", "Result", 42)]
    [InlineData("elsa-core__test__ParentChildOutputMapping__producer.json", "Output1", "Foo")]
    public async Task SetOutput_SetsTheWorkflowsOutput(string file, string output, object value)
    {
        using var host = new TestHost();
        var run = await RunAsync(host, file);
        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(value.ToString(), run.Output![output]!.ToString());
    }

    [Fact]
    public void ACronTrigger_IsFoundWithItsExpression()
    {
        var definition = ElsaJsonReader.ReadOrThrow(Sample("elsa-core__test__ImportAndPublish__cron-every-hour.json"));
        var (activityId, expression) = Assert.Single(Cron.Triggers(definition));
        Assert.Equal("0 0 * * * *", expression);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), Cron.NextOccurrence(expression, new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero)));
        Assert.NotEmpty(activityId);
    }

    [Fact]
    public void EverySample_ReadsWritesAndReadsBackToTheSameModel()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ElsaSamples"), "*.json"))
        {
            var first = ElsaJsonReader.ReadOrThrow(File.ReadAllText(file));
            var second = ElsaJsonReader.ReadOrThrow(ElsaJsonWriter.Write(first));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(ElsaJsonWriter.ToJson(first), ElsaJsonWriter.ToJson(second)), Path.GetFileName(file));
        }
    }
}
