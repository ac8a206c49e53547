namespace ThiDua.Workflows.Cli.Tests;

public sealed class ValidateCommandTests
{
    private static string Activities(string activities, string connections = "") => Samples.Flowchart(activities, connections);

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "{ \"id\": \"x\", \"root\": { \"id\": \"f\", ", "$", "malformed JSON at line" },
        { "{ \"id\": \"x\", \"definitionId\": \"x\" }", "$.root", "no root activity" },
        {
            Activities(Samples.WriteLine("w1", "a"), Samples.Connection("w1", "ghost")),
            "$.root.connections[0].target", "'ghost', which does not exist"
        },
        {
            Activities(Samples.WriteLine("w1", "a", "Python")),
            "$.root.activities[0].text.expression.type", "unknown expression type 'Python'"
        },
        {
            Activities(Samples.WriteLine("w1", "'abc' +* (", "JavaScript")),
            "$.root.activities[0].text.expression.value", "JavaScript syntax error"
        },
        {
            Activities(Samples.WriteLine("w1", "{% if x %} no end", "Liquid")),
            "$.root.activities[0].text.expression.value", "Liquid syntax error"
        },
        {
            Activities("""{ "id": "x1", "type": "Acme.Unknown" }"""),
            "$.root.activities[0].type", "'Acme.Unknown' (activity 'x1') is not supported"
        },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Validate_ExitsTwoWithFilePathAndProblem_ForABadFile(string json, string path, string message)
    {
        var file = CliHarness.WriteTemp(json);

        var result = await CliHarness.RunInProcessAsync("validate", file);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Lines, l => l.StartsWith($"{file}: {path}: ", StringComparison.Ordinal));
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExitsZero_ForTheElsaCompatFiles()
    {
        var files = Directory.GetFiles(RepositoryPaths.ElsaCompat, "*.json").Where(f => !f.EndsWith("expected.json", StringComparison.Ordinal)).ToArray();

        var result = await CliHarness.RunInProcessAsync(["validate", .. files]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([""], result.Lines);
    }

    [Fact]
    public async Task Validate_ExitsZero_ForTheProductsWorkflows()
    {
        var result = await CliHarness.RunInProcessAsync("validate", RepositoryPaths.Workflows);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("file(s) valid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ChecksEveryFileOfAFolder_AndReportsEachProblem()
    {
        var folder = Directory.CreateTempSubdirectory("thidua-validate-").FullName;
        File.WriteAllText(Path.Combine(folder, "good.json"), Activities(Samples.WriteLine("w1", "tốt")));
        File.WriteAllText(Path.Combine(folder, "bad.json"), Activities(Samples.WriteLine("w1", "x", "Nope")));
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "sub", "broken.json"), "not json");

        var result = await CliHarness.RunInProcessAsync("validate", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.Lines.Length);
        Assert.Contains(result.Lines, l => l.StartsWith(Path.Combine(folder, "bad.json") + ": ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith(Path.Combine(folder, "sub", "broken.json") + ": $", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ExitsTwo_WhenAPathDoesNotExist()
    {
        var result = await CliHarness.RunInProcessAsync("validate", "/no/such/place.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("/no/such/place.json: $: file or folder not found", result.Lines[0]);
    }
}
