using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Every case of /work/shared/elsa-compat/expected.json, run from the unchanged Elsa file.</summary>
public sealed class ElsaCompatibilityTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in ReadExpected()["cases"]!.AsArray())
            data.Add(item!["file"]!.GetValue<string>());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StartAsync_ProducesExpectedLinesAndStatus_ForElsaSample(string file)
    {
        var expected = ReadExpected()["cases"]!.AsArray().Single(c => c!["file"]!.GetValue<string>() == file)!;
        var definition = ElsaJsonReader.ReadOrThrow(File.ReadAllText(Path.Combine(TestFiles.ElsaCompatDirectory, file)));
        using var host = new TestHost();

        var result = await host.Runtime.StartAsync(definition);

        var expectedStatus = Enum.Parse<WorkflowStatus>(expected["status"]!.GetValue<string>());
        Assert.True(expectedStatus == result.Status, $"{file}: expected {expectedStatus}, got {result.Status} ({result.FaultMessage})");
        Assert.Equal(expectedStatus, (await host.InstanceAsync(result.InstanceId)).Status);
        Assert.Empty(await host.BookmarksOfAsync(result.InstanceId));
        if (expected["lines"] is JsonArray lines)
            Assert.Equal(lines.Select(l => l!.GetValue<string>()).ToList(), host.Lines.Of(result.InstanceId));
    }

    [Fact]
    public async Task StartAsync_CompletesJoinExactlyOnce_ForJoinSample()
    {
        using var host = new TestHost();
        var result = await host.Runtime.StartAsync(LoadSample("join.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var journal = await host.Store.ReadJournalAsync(result.InstanceId);
        Assert.Single(journal, e => e.EventName == JournalEvents.Completed && e.ActivityId == "802725996be1b582");
        Assert.Single(journal, e => e.EventName == JournalEvents.WorkflowFinished);
    }

    [Fact]
    public async Task StartAsync_WritesEndOnce_ForJoinAnySample()
    {
        using var host = new TestHost();
        var result = await host.Runtime.StartAsync(LoadSample("join-any-1.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(1, host.Lines.Of(result.InstanceId).Count(l => l == "End"));
    }

    [Fact]
    public async Task StartAsync_Finishes_WhenBothDecisionOutcomesJoinImplicitly()
    {
        using var host = new TestHost();
        var result = await host.Runtime.StartAsync(LoadSample("decision-implicit-join-on-both-outcomes.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Instance.Activities);
        Assert.Empty(result.Bookmarks);
    }

    private static Model.WorkflowDefinition LoadSample(string file) =>
        ElsaJsonReader.ReadOrThrow(File.ReadAllText(Path.Combine(TestFiles.ElsaCompatDirectory, file)));

    private static JsonNode ReadExpected() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestFiles.ElsaCompatDirectory, "expected.json")))!;
}
