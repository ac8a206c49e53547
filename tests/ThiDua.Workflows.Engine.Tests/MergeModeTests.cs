using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>
/// Merge modes on a target with three inbound branches, one behind a decision that is never true (a dead branch),
/// and on an activity that a loop comes back to.
/// </summary>
public sealed class MergeModeTests
{
    [Theory]
    [InlineData("unset", new[] { "A", "B", "đích", "hết" })] // today's behaviour: wait for what can come, dead ignored
    [InlineData("none", new[] { "A", "B", "đích", "hết" })]
    [InlineData("stream", new[] { "A", "B", "đích", "hết" })]
    [InlineData("merge", new[] { "A", "B" })] // the dead branch makes the target dead; nothing hangs
    [InlineData("converge", new[] { "A", "B" })]
    [InlineData("cascade", new[] { "A", "B", "đích", "đích", "hết", "hết" })] // once per active arrival
    [InlineData("race", new[] { "A", "B", "đích", "hết" })] // first arrival wins, the late one is absorbed
    public async Task AForkWithADecisionInside_MergesByTheTargetsMode(string mode, string[] expected)
    {
        using var host = new TestHost();
        var result = await host.StartAsync($"activities/merge-{mode}.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(expected, host.Lines.Of(result.InstanceId));
        Assert.Empty((await host.InstanceAsync(result.InstanceId)).Activities);
    }

    [Theory]
    [InlineData("unset")]
    [InlineData("stream")]
    [InlineData("merge")]
    [InlineData("cascade")]
    [InlineData("race")]
    public async Task ALoopThroughAJoin_GoesRoundUntilItsConditionFails(string mode)
    {
        using var host = new TestHost();
        var result = await host.StartAsync($"activities/loop-join-{mode}.json");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["vòng 0", "vòng 1", "vòng 2", "hết"], host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task Converge_WaitsForTheLoopsOwnConnectionToo_SoALoopThroughItFaultsNamingIt()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("activities/loop-join-converge.json");
        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Contains("'body' merges by Converge and still waits for the connections from 'again'", result.FaultMessage, StringComparison.Ordinal);
        Assert.Empty(host.Lines.Of(result.InstanceId));
    }
}
