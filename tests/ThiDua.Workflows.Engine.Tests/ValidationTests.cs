using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Validation;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>WorkflowValidator: every problem is reported with its JSON path; nothing throws.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Validate_ReportsLine_WhenJsonIsMalformed()
    {
        const string json = "{\n  \"id\": \"broken\",\n  \"root\": { \"type\": \"Elsa.Flowchart\", \"activities\": [ }\n}";

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
        Assert.Contains("line 3", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsConnectionTarget_WhenTargetActivityIsMissing()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[{"id":"a","type":"Elsa.Start"}],
              "connections":[{"source":{"activity":"a","port":"Done"},"target":{"activity":"ghost","port":"In"}}]}}
            """;

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.Equal("$.root.connections[0].target", problem.Path);
        Assert.Contains("ghost", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsConnectionSource_WhenLegacySourceIsMissing()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[{"id":"a","type":"Elsa.Start"}],
              "connections":[{"source":"a","target":"a","sourcePort":"Done","targetPort":"In"},{"source":"nobody","target":"a","sourcePort":"Done","targetPort":"In"}]}}
            """;

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.Equal("$.root.connections[1].source", problem.Path);
    }

    [Fact]
    public void Validate_ReportsRoot_WhenRootIsMissing()
    {
        var problem = Assert.Single(WorkflowValidator.Validate("""{"id":"w","name":"Không có gốc"}""", _host.Registry));

        Assert.Equal("$.root", problem.Path);
    }

    [Fact]
    public void Validate_ReportsExpressionType_WhenExpressionTypeIsUnknown()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[
              {"id":"line","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Python","value":"print(1)"}}}],"connections":[]}}
            """;

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.Equal("$.root.activities[0].text.expression.type", problem.Path);
        Assert.Contains("Python", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsExpressionValue_WhenJavaScriptDoesNotParse()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[
              {"id":"start","type":"Elsa.Start"},
              {"id":"line","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"JavaScript","value":"'Xin chào ' + ("}}}],"connections":[]}}
            """;

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.EndsWith(".expression.value", problem.Path, StringComparison.Ordinal);
        Assert.Equal("$.root.activities[1].text.expression.value", problem.Path);
        Assert.Contains("JavaScript syntax error", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsConditionValue_WhenSwitchCaseJavaScriptDoesNotParse()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[
              {"id":"switch","type":"Elsa.FlowSwitch","cases":[{"label":"A","condition":{"type":"JavaScript","value":"true"}},{"label":"B","condition":{"type":"JavaScript","value":"if ("}}]}],"connections":[]}}
            """;

        var problem = Assert.Single(WorkflowValidator.Validate(json, _host.Registry));

        Assert.Equal("$.root.activities[0].cases[1].condition.value", problem.Path);
        Assert.Contains("JavaScript syntax error", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem_WhenSeveralAreWrong()
    {
        const string json = """
            {"id":"w","root":{"id":"Flowchart1","type":"Elsa.Flowchart","activities":[
              {"id":"a","type":"Elsa.WriteLine","text":{"expression":{"type":"Liquid","value":"{{ Variables.HoTen "}}},
              {"id":"a","type":"Elsa.WriteLine"}],
              "connections":[{"source":{"activity":"x"},"target":{"activity":"a"}}]}}
            """;

        var paths = WorkflowValidator.Validate(json, _host.Registry).Select(p => p.Path).ToList();

        Assert.Contains("$.root.activities[1].id", paths);
        Assert.Contains("$.root.connections[0].source", paths);
        Assert.Contains("$.root.activities[0].text.expression.value", paths);
    }

    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestFiles.WorkflowsDirectory, "*.json").Order(StringComparer.Ordinal))
            if (Path.GetFileName(file) != "unknown-activity.json") data.Add(file);
        foreach (var file in Directory.GetFiles(TestFiles.ElsaCompatDirectory, "*.json").Order(StringComparer.Ordinal))
            if (Path.GetFileName(file) != "expected.json") data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Validate_ReportsNothing_ForValidWorkflow(string file)
    {
        Assert.Empty(WorkflowValidator.Validate(File.ReadAllText(file), _host.Registry));
    }

    [Fact]
    public void ReadOrThrow_ThrowsWithProblems_WhenRootIsMissing()
    {
        var ex = Assert.Throws<InvalidDefinitionException>(() => ElsaJsonReader.ReadOrThrow("""{"id":"w"}"""));

        Assert.Equal("$.root", Assert.Single(ex.Problems).Path);
    }
}
