using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Elsa's everyday activities, one Elsa-format file each (Workflows/activities), asserting lines, outputs and status.</summary>
public sealed class ElsaActivityTests
{
    private static JsonObject Input(string name, JsonNode? value) => new() { [name] = value };

    [Fact]
    public async Task Sequence_RunsItsActivitiesInOrder_ThenTheFlowchartGoesOn()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/sequence.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["một", "hai", "ba", "sau"], host.Lines.Of(result.InstanceId));
    }

    [Theory]
    [InlineData(7, new[] { "lớn", "lẻ", "xong" })]
    [InlineData(4, new[] { "nhỏ", "chẵn", "xong" })]
    public async Task If_RunsThenOrElse_AndInAFlowchartContinuesOnTrueOrFalse(int n, string[] expected)
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/if.json", Input("n", n));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(expected, host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task While_LoopsWhileTheConditionHolds_AndBreakLeavesAnEndlessOne()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/while.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["vòng 0", "vòng 1", "vòng 2", "i = 5"], host.Lines.Of(result.InstanceId));
        Assert.Equal(5, (await host.InstanceAsync(result.InstanceId)).Variables["i"]!.GetValue<int>());
    }

    [Fact]
    public async Task ForEach_GivesEachItemToTheBody_InOrder_AndBreakStopsIt()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/foreach.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["0: Trường Lưu", "1: Hà Tĩnh", "2: Việt Nam", "số 1", "số 2", "hết"], host.Lines.Of(result.InstanceId));
        var instance = await host.InstanceAsync(result.InstanceId);
        Assert.Equal("Việt Nam", instance.Variables["Item"]!.GetValue<string>()); // the bound currentValue output
        Assert.Empty(instance.Activities);
    }

    [Fact]
    public async Task ParallelForEach_RunsEveryBranchAtOnce_EachWithItsOwnItem_AndCompletesAfterTheLast()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/parallel-foreach.json");
        var id = result.InstanceId;
        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal(3, (await host.BookmarksOfAsync(id)).Count);

        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(["xong 1"], host.Lines.Of(id));
        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(id)).Status);
        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(["xong 1", "xong 2", "xong 3", "tất cả"], host.Lines.Of(id));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task RunJavaScript_SetsResultAndOutcome_SeenThroughVariablesOutputsAndLastResult()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/run-javascript.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["đáp số 42, 42, 42, 42"], host.Lines.Of(result.InstanceId)); // the Done port is not taken
        var instance = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(42, instance.ActivityOutputs!["calc"]!["result"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cron_WaitsForTheNextOccurrence()
    {
        using var host = new TestHost(); // the clock starts at 08:00 UTC
        var result = await host.StartAsync("activities/cron.json");
        var bookmark = Assert.Single(await host.BookmarksOfAsync(result.InstanceId));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), bookmark.ResumeAt);

        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromMinutes(59)));
        Assert.Equal(1, await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(["9 giờ"], host.Lines.Of(result.InstanceId));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(result.InstanceId)).Status);
    }

    [Theory]
    [InlineData(10, "lớn: 15")]
    [InlineData(1, "nhỏ: 6")]
    public async Task WorkflowAsActivity_PassesInputs_ReturnsOutputs_AndContinuesOnTheChildsOutcome(int a, string expected)
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/sum-child.json");
        var result = await host.StartAsync("activities/sum-parent.json", Input("a", a));

        var parent = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal([expected], host.Lines.Of(parent.Id));
        Assert.Equal(a + 5, parent.Variables["Total"]!.GetValue<int>());
        Assert.DoesNotContain("không tới", host.Lines.All); // Complete ended the child before its next step

        var child = await OnlyChildAsync(host, parent.Id);
        Assert.Equal(WorkflowStatus.Finished, child.Status);
        Assert.Equal(parent.Id, child.Parent!.InstanceId);
        Assert.Equal([a + 5 > 10 ? "Big" : "Small"], child.Outcomes);
    }

    [Fact]
    public async Task WorkflowAsActivity_RunsTheVersionItNames_AndThePublishedOneWhenThatVersionIsGone()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/tag-child-v1.json", "activities/tag-child-v2.json"); // v2 is published last
        var result = await host.StartAsync("activities/version-pin.json");

        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(result.InstanceId)).Status);
        Assert.Equal(["v1 v2"], host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task AChildThatFaults_FaultsItsParent_WithAnIncidentNamingBoth()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/fault-child.json");
        var result = await host.StartAsync("activities/fault-parent.json");

        var parent = await host.InstanceAsync(result.InstanceId);
        var child = await OnlyChildAsync(host, parent.Id);
        Assert.Equal(WorkflowStatus.Faulted, child.Status);
        Assert.Equal(WorkflowStatus.Faulted, parent.Status);
        var incident = Assert.Single(parent.Incidents);
        Assert.Equal("child", incident.ActivityId);
        Assert.Contains("Fault child", incident.Message, StringComparison.Ordinal);
        Assert.Contains(child.Id, incident.Message, StringComparison.Ordinal);
        Assert.Contains("'boom'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("hỏng ở con", incident.Message, StringComparison.Ordinal);
        Assert.Contains(parent.Id, incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("không tới", host.Lines.All);
    }

    [Fact]
    public async Task ExecuteWorkflow_WaitsForTheChild_AndItsResultIsTheChildsOutput()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/greet-child.json");
        var result = await host.StartAsync("activities/execute-workflow.json");

        var parent = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal(["Xin chào An"], host.Lines.Of(parent.Id));
        Assert.Equal(["con chạy"], host.Lines.Of((await OnlyChildAsync(host, parent.Id)).Id));
    }

    [Fact]
    public async Task DispatchWorkflow_StartsAnIndependentInstance_AndGoesOnAtOnce()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/greet-child.json");
        var result = await host.StartAsync("activities/dispatch-workflow.json");
        Assert.Equal(["đã gửi"], host.Lines.Of(result.InstanceId));

        var finished = await host.Store.FindInstanceIdsAsync(WorkflowStatus.Finished);
        var dispatched = Assert.Single(await Task.WhenAll(finished.Where(i => i != result.InstanceId).Select(host.InstanceAsync)));
        Assert.Equal("greet-child", dispatched.DefinitionId);
        Assert.Null(dispatched.Parent);
        Assert.Equal("thu-1", dispatched.CorrelationId);
        Assert.Equal("Xin chào Bình", dispatched.Output!["greeting"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflow_OfADefinitionThatIsNotPublished_FaultsWithTheReason()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/execute-workflow.json");
        var parent = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Faulted, parent.Status);
        Assert.Contains("no published version of workflow definition 'greet-child'", parent.FaultMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAParent_CancelsTheChildItWaitsFor()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/cron.json"); // a child that waits for 09:00
        var parentJson = TestFiles.ReadWorkflow("activities/execute-workflow.json").Replace("greet-child", "cron", StringComparison.Ordinal);
        var parent = await host.Runtime.StartAsync(Engine.Serialization.ElsaJsonReader.ReadOrThrow(parentJson));
        var child = await OnlyChildAsync(host, parent.InstanceId);
        Assert.Equal(WorkflowStatus.Suspended, child.Status);

        await host.Runtime.CancelAsync(parent.InstanceId);

        Assert.Equal(WorkflowStatus.Cancelled, (await host.InstanceAsync(child.Id)).Status);
        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task CancellingAParent_CancelsTheChildOfAWorkflowUsedAsAnActivity()
    {
        using var host = new TestHost();
        await host.PublishAsync("activities/wait-child.json");
        var parent = await host.StartAsync("activities/wait-parent.json");
        var child = await OnlyChildAsync(host, parent.InstanceId);
        Assert.Equal(WorkflowStatus.Suspended, child.Status);

        await host.Runtime.CancelAsync(parent.InstanceId);

        Assert.Equal(WorkflowStatus.Cancelled, (await host.InstanceAsync(child.Id)).Status);
    }

    [Fact]
    public async Task AChildDefinitionThatCannotRun_FaultsTheParentWithTheReason_InsteadOfLeavingItWaiting()
    {
        using var host = new TestHost();
        var broken = TestFiles.ReadWorkflow("activities/greet-child.json").Replace("\"activity\": \"greet\"", "\"activity\": \"missing\"", StringComparison.Ordinal);
        Assert.NotEqual(TestFiles.ReadWorkflow("activities/greet-child.json"), broken);
        var definition = Engine.Serialization.ElsaJsonReader.Read(broken).Definition!;
        await host.Definitions.SaveAsync(definition, Engine.Stores.DefinitionSaveMode.AsIs);
        await host.Definitions.SetPublishedAsync(definition.Id, true);

        var parent = await host.InstanceAsync((await host.StartAsync("activities/execute-workflow.json")).InstanceId);

        Assert.Equal(WorkflowStatus.Faulted, parent.Status);
        Assert.Contains("workflow definition 'greet-child' cannot run", parent.FaultMessage, StringComparison.Ordinal);
    }

    private static async Task<WorkflowInstance> OnlyChildAsync(TestHost host, string parentId)
    {
        var children = new List<WorkflowInstance>();
        foreach (var status in Enum.GetValues<WorkflowStatus>())
            foreach (var id in await host.Store.FindInstanceIdsAsync(status))
                if ((await host.InstanceAsync(id)).Parent?.InstanceId == parentId)
                    children.Add(await host.InstanceAsync(id));
        return Assert.Single(children);
    }
}
