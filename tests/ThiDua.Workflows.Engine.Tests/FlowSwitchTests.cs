using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Elsa.FlowSwitch: case A holds when n &gt; 1, case B when n &gt; 2.</summary>
public sealed class FlowSwitchTests
{
    [Fact]
    public async Task Execute_TakesOnlyFirstMatchingCase_WhenModeIsMatchFirstAndTwoCasesHold()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("switch-match-first.json", new JsonObject { ["n"] = 5 });

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["A"], host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task Execute_TakesEveryMatchingCase_WhenModeIsMatchAnyAndTwoCasesHold()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("switch-match-any.json", new JsonObject { ["n"] = 5 });

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["A", "B"], host.Lines.Of(result.InstanceId).Order());
    }

    [Fact]
    public async Task Execute_TakesOnlyMatchingCase_WhenModeIsMatchAnyAndOneCaseHolds()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("switch-match-any.json", new JsonObject { ["n"] = 2 });

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["A"], host.Lines.Of(result.InstanceId));
    }

    [Theory]
    [InlineData("switch-match-first.json")]
    [InlineData("switch-match-any.json")]
    public async Task Execute_TakesDefault_WhenNoCaseHolds(string file)
    {
        using var host = new TestHost();
        var result = await host.StartAsync(file, new JsonObject { ["n"] = 0 });

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["Default"], host.Lines.Of(result.InstanceId));
    }
}
