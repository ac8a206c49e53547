using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Tests;

public sealed class LegacyFormatTests
{
    [Fact]
    public void Read_UnderstandsLegacyConnections_WhenSourcePortAndTargetPortAreGiven()
    {
        var definition = TestFiles.LoadWorkflow("legacy-connections.json");

        var connections = definition.Root.Connections;
        Assert.Equal(6, connections.Count);
        var decisionTrue = connections[2];
        Assert.Equal(("decide", "True", "two", "In"),
            (decisionTrue.Source.ActivityId, decisionTrue.Source.Port, decisionTrue.Target.ActivityId, decisionTrue.Target.Port));
        Assert.All(connections, c => Assert.Empty(c.Extra));
    }

    [Theory]
    [InlineData(true, new[] { "Một", "Hai", "Ba" })]
    [InlineData(false, new[] { "Một", "Sai", "Ba" })]
    public async Task StartAsync_FollowsLegacyConnections_ByDecisionOutcome(bool ok, string[] expected)
    {
        using var host = new TestHost();
        var result = await host.StartAsync("legacy-connections.json", new JsonObject { ["ok"] = ok });

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(expected, host.Lines.Of(result.InstanceId));
    }
}
