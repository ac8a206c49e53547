using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Validation;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>read → write → read keeps the model; unknown activities and keys survive verbatim.</summary>
public sealed class RoundTripTests
{
    private const string ElsaPrefix = "elsa-compat/";
    private const string RepoPrefix = "repo-workflows/";
    private const string OwnPrefix = "test-workflows/";

    public static TheoryData<string> AllWorkflowFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestFiles.ElsaCompatDirectory, "*.json").Order(StringComparer.Ordinal))
            if (Path.GetFileName(file) != "expected.json") data.Add(ElsaPrefix + Path.GetFileName(file));
        var repoWorkflows = Path.Combine(TestFiles.RepositoryRoot, "workflows");
        if (Directory.Exists(repoWorkflows))
            foreach (var file in Directory.GetFiles(repoWorkflows, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(RepoPrefix + Path.GetRelativePath(repoWorkflows, file));
        foreach (var file in OwnFiles()) data.Add(OwnPrefix + file);
        return data;
    }

    public static TheoryData<string> OwnCurrentFormatFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in OwnFiles().Where(f => f != "legacy-connections.json")) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllWorkflowFiles))]
    public void ReadWriteRead_KeepsModel_ForEveryWorkflowFile(string key)
    {
        var json = File.ReadAllText(Resolve(key));
        var first = ElsaJsonReader.Read(json);
        Assert.True(first.Succeeded, string.Join("; ", first.Problems));
        var a = first.Definition!;

        var written = ElsaJsonWriter.Write(a);
        var second = ElsaJsonReader.Read(written);
        Assert.True(second.Succeeded, string.Join("; ", second.Problems));
        var b = second.Definition!;

        Assert.True(JsonNode.DeepEquals(ElsaJsonWriter.ToJson(a), ElsaJsonWriter.ToJson(b)), $"{key}: the written model differs after a second read");
        Assert.Equal((a.Id, a.DefinitionId, a.Name, a.Version), (b.Id, b.DefinitionId, b.Name, b.Version));
        AssertSameVariables(a.Variables, b.Variables);
        AssertSameNode(a.Root, b.Root, "$.root");
        Assert.True(JsonNode.DeepEquals(a.Extra, b.Extra), $"{key}: top-level extra keys differ");

        // The first read itself must have kept what the file says.
        var raw = JsonNode.Parse(json)!.AsObject();
        var rawVariables = raw["variables"] as JsonArray ?? [];
        Assert.Equal(rawVariables.Count, a.Variables.Count);
        for (var i = 0; i < rawVariables.Count; i++)
            Assert.True(JsonNode.DeepEquals(rawVariables[i], a.Variables[i].Raw), $"{key}: variable {i} changed");
        AssertMatchesRaw(raw["root"]!.AsObject(), a.Root, "$.root");
    }

    [Theory]
    [MemberData(nameof(OwnCurrentFormatFiles))]
    public void Write_ReproducesFileExactly_ForOwnCurrentFormatWorkflows(string file)
    {
        var original = JsonNode.Parse(TestFiles.ReadWorkflow(file));

        var written = ElsaJsonWriter.ToJson(TestFiles.LoadWorkflow(file));

        Assert.True(JsonNode.DeepEquals(original, written), $"{file}:\n{written.ToJsonString()}");
    }

    [Fact]
    public void Write_KeepsUnknownActivityVerbatim_WhenTypeIsNotRegistered()
    {
        var original = JsonNode.Parse(TestFiles.ReadWorkflow("unknown-activity.json"))!;
        var originalActivity = FindActivity(original["root"]!, "custom1");

        var definition = TestFiles.LoadWorkflow("unknown-activity.json");
        var once = ElsaJsonWriter.ToJson(definition);
        var twice = ElsaJsonWriter.ToJson(ElsaJsonReader.ReadOrThrow(ElsaJsonWriter.Write(definition)));

        Assert.True(JsonNode.DeepEquals(originalActivity, FindActivity(once["root"]!, "custom1")), once.ToJsonString());
        Assert.True(JsonNode.DeepEquals(originalActivity, FindActivity(twice["root"]!, "custom1")), twice.ToJsonString());

        var node = definition.Root.Activities.Single(a => a.Id == "custom1");
        Assert.Equal("Acme.Custom", node.Type);
        Assert.Equal(3, node.Version);
        Assert.Equal((420.5, -80.0), node.Position);
        Assert.True(node.Properties.ContainsKey("nothing"));
        Assert.Null(node.Properties["nothing"]);
        Assert.Equal("customBody", node.Ports["body"].Id);
        Assert.Equal("inner1", Assert.Single(node.Ports["body"].Activities).Id);
    }

    [Fact]
    public async Task StartAsync_FaultsNamingTypeAndActivity_WhenReachingUnknownActivity()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("unknown-activity.json");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Contains("Acme.Custom", result.FaultMessage, StringComparison.Ordinal);
        Assert.Contains("custom1", result.FaultMessage, StringComparison.Ordinal);
        Assert.Equal(["before"], host.Lines.Of(result.InstanceId));

        var stored = await host.InstanceAsync(result.InstanceId);
        Assert.Equal(WorkflowStatus.Faulted, stored.Status);
        var incident = Assert.Single(stored.Incidents);
        Assert.Equal("custom1", incident.ActivityId);
        Assert.Equal("Acme.Custom", incident.ActivityType);
        Assert.Contains("Acme.Custom", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await host.BookmarksOfAsync(result.InstanceId));
        Assert.Contains(await host.Store.ReadJournalAsync(result.InstanceId), e => e.EventName == JournalEvents.Faulted && e.ActivityId == "custom1");
    }

    [Fact]
    public void Validate_ReportsUnknownActivityType_WithItsPath()
    {
        using var host = new TestHost();
        var problems = WorkflowValidator.Validate(TestFiles.ReadWorkflow("unknown-activity.json"), host.Registry);

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[2].type", problem.Path);
        Assert.Contains("Acme.Custom", problem.Message, StringComparison.Ordinal);
        Assert.Empty(WorkflowValidator.Validate(TestFiles.ReadWorkflow("unknown-activity.json"), host.Registry, checkActivityTypes: false));
    }

    private static IEnumerable<string> OwnFiles() =>
        Directory.GetFiles(TestFiles.WorkflowsDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestFiles.WorkflowsDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    private static string Resolve(string key) => key switch
    {
        _ when key.StartsWith(ElsaPrefix, StringComparison.Ordinal) => Path.Combine(TestFiles.ElsaCompatDirectory, key[ElsaPrefix.Length..]),
        _ when key.StartsWith(RepoPrefix, StringComparison.Ordinal) => Path.Combine(TestFiles.RepositoryRoot, "workflows", key[RepoPrefix.Length..]),
        _ when key.StartsWith(OwnPrefix, StringComparison.Ordinal) => Path.Combine(TestFiles.WorkflowsDirectory, key[OwnPrefix.Length..]),
        _ => throw new ArgumentException(key),
    };

    private static JsonNode FindActivity(JsonNode flowchart, string id) =>
        flowchart["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!;

    private static void AssertSameVariables(IReadOnlyList<VariableDefinition> a, IReadOnlyList<VariableDefinition> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal((a[i].Id, a[i].Name, a[i].TypeName), (b[i].Id, b[i].Name, b[i].TypeName));
            Assert.True(JsonNode.DeepEquals(a[i].Raw, b[i].Raw), $"variable {a[i].Name} differs");
        }
    }

    private static void AssertSameNode(ActivityNode a, ActivityNode b, string path)
    {
        Assert.Equal((path, a.Id, a.Type, a.Name, a.Version, a.NodeId), (path, b.Id, b.Type, b.Name, b.Version, b.NodeId));
        Assert.Equal(a.Position, b.Position);
        Assert.Equal(a.StartActivityId, b.StartActivityId);
        Assert.True(JsonNode.DeepEquals(a.Metadata, b.Metadata), path + ": metadata");
        Assert.True(JsonNode.DeepEquals(a.CustomProperties, b.CustomProperties), path + ": customProperties");
        Assert.True(JsonNode.DeepEquals(a.Properties, b.Properties), path + ": properties");
        Assert.Equal(a.Ports.Keys.Order(), b.Ports.Keys.Order());
        foreach (var (key, port) in a.Ports) AssertSameNode(port, b.Ports[key], $"{path}.{key}");
        Assert.Equal(a.Activities.Count, b.Activities.Count);
        for (var i = 0; i < a.Activities.Count; i++) AssertSameNode(a.Activities[i], b.Activities[i], $"{path}.activities[{i}]");
        Assert.Equal(a.Connections.Count, b.Connections.Count);
        for (var i = 0; i < a.Connections.Count; i++)
        {
            Assert.Equal(a.Connections[i].Source, b.Connections[i].Source);
            Assert.Equal(a.Connections[i].Target, b.Connections[i].Target);
            Assert.True(JsonNode.DeepEquals(a.Connections[i].Extra, b.Connections[i].Extra), $"{path}.connections[{i}]: extra keys");
        }
    }

    /// <summary>The model read from a file has the file's activities (ids, types, positions) and connections.</summary>
    private static void AssertMatchesRaw(JsonObject raw, ActivityNode node, string path)
    {
        if (raw["id"] is JsonValue id) Assert.Equal(id.GetValue<string>(), node.Id);
        Assert.Equal(raw["type"]!.GetValue<string>(), node.Type);
        if (raw["metadata"]?["designer"]?["position"] is JsonObject position)
            Assert.Equal((position["x"]!.GetValue<double>(), position["y"]!.GetValue<double>()), node.Position);

        var rawActivities = raw["activities"] as JsonArray ?? [];
        Assert.Equal(rawActivities.Count, node.Activities.Count);
        for (var i = 0; i < rawActivities.Count; i++)
            AssertMatchesRaw(rawActivities[i]!.AsObject(), node.Activities[i], $"{path}.activities[{i}]");

        var rawConnections = raw["connections"] as JsonArray ?? [];
        Assert.Equal(rawConnections.Count, node.Connections.Count);
        for (var i = 0; i < rawConnections.Count; i++)
        {
            var c = rawConnections[i]!.AsObject();
            var connection = node.Connections[i];
            if (c["sourcePort"] is not null)
            {
                Assert.Equal(c["source"]!.GetValue<string>(), connection.Source.ActivityId);
                Assert.Equal(c["target"]!.GetValue<string>(), connection.Target.ActivityId);
                Assert.Equal(c["sourcePort"]!.GetValue<string>(), connection.Source.Port);
                Assert.Equal(c["targetPort"]?.GetValue<string>(), connection.Target.Port);
            }
            else
            {
                Assert.Equal(c["source"]!["activity"]!.GetValue<string>(), connection.Source.ActivityId);
                Assert.Equal(c["target"]!["activity"]!.GetValue<string>(), connection.Target.ActivityId);
                Assert.Equal(c["source"]!["port"]?.GetValue<string>(), connection.Source.Port);
                Assert.Equal(c["target"]!["port"]?.GetValue<string>(), connection.Target.Port);
            }
        }

        foreach (var (key, port) in node.Ports)
            AssertMatchesRaw(raw[key]!.AsObject(), port, $"{path}.{key}");
    }
}
