using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Cli.Tests;

public sealed class RunCommandTests
{
    public static TheoryData<string> CompatCases()
    {
        var data = new TheoryData<string>();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ElsaCompat, "expected.json")))!;
        foreach (var c in expected["cases"]!.AsArray()) data.Add(c!["file"]!.GetValue<string>());
        return data;
    }

    [Theory]
    [MemberData(nameof(CompatCases))]
    public async Task Run_PrintsExpectedLinesAndFinishes_ForEveryElsaCompatFile(string file)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ElsaCompat, "expected.json")))!["cases"]!
            .AsArray().Single(c => c!["file"]!.GetValue<string>() == file)!;

        var result = await CliHarness.RunInProcessAsync("run", Path.Combine(RepositoryPaths.ElsaCompat, file));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("status: " + expected["status"]!.GetValue<string>(), result.Lines[^1]);
        if (expected["lines"] is JsonArray lines)
            Assert.Equal(lines.Select(l => l!.GetValue<string>()), result.Lines[..^1]);
    }

    [Fact]
    public async Task Run_AsRealProcess_PrintsHelloWorldAndExitsZero()
    {
        var result = await CliHarness.RunProcessAsync("run", Path.Combine(RepositoryPaths.ElsaCompat, "hello-world.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Hello World!", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_ExitsThreeSuspended_WhenTheAwaitedEventIsNotGiven()
    {
        var file = CliHarness.WriteTemp(Samples.WaitForEvent("Approve"));

        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["Chờ phê duyệt", "status: Suspended"], result.Lines);
    }

    [Fact]
    public async Task Run_DeliversEvent_WhenTheWorkflowWaitsForIt()
    {
        var file = CliHarness.WriteTemp(Samples.WaitForEvent("Approve"));

        var result = await CliHarness.RunInProcessAsync("run", file, "--event", "Other", "--event", "Approve");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Chờ phê duyệt", "Đã phê duyệt", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_PassesInputsToExpressions()
    {
        var file = CliHarness.WriteTemp(Samples.Flowchart(
            Samples.WriteLine("w1", "'Đơn vị: ' + getInput('unit') + ', số: ' + (getInput('count') + 1)", "JavaScript"), ""));

        var result = await CliHarness.RunInProcessAsync("run", file, "--input", "unit=Thôn Trung Lưu", "--input", "count=41");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Đơn vị: Thôn Trung Lưu, số: 42", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_WaitsInRealTime_ForADelay()
    {
        var file = CliHarness.WriteTemp(Samples.Flowchart(
            """{ "id": "d1", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:01" } } },""" +
            Samples.WriteLine("w1", "sau một giây"),
            Samples.Connection("d1", "w1")));

        var clock = Stopwatch.StartNew();
        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["sau một giây", "status: Finished"], result.Lines);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"the delay did not wait: {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_ExitsOneWithFaultMessage_WhenTheWorkflowFaults()
    {
        var file = CliHarness.WriteTemp(Samples.Flowchart(
            """{ "id": "f1", "type": "Elsa.Fault", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "Hồ sơ thiếu tờ trình" } } }""", ""));

        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("status: Faulted: Hồ sơ thiếu tờ trình", result.Lines[^1]);
    }

    [Fact]
    public async Task Run_FaultsNamingTypeAndActivity_WhenItReachesAnUnknownActivityType()
    {
        var file = CliHarness.WriteTemp(Samples.Flowchart(
            Samples.WriteLine("w1", "trước") + """, { "id": "x1", "type": "Acme.Unknown", "foo": { "bar": [1, 2] } }""",
            Samples.Connection("w1", "x1")));

        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("trước", result.Lines[0]);
        Assert.Contains("Acme.Unknown", result.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("'x1'", result.Lines[^1], StringComparison.Ordinal);
        Assert.StartsWith("status: Faulted: ", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExitsTwoAndNamesTheProblem_WhenTheFileIsInvalid()
    {
        var file = CliHarness.WriteTemp("{ \"id\": \"x\", \"root\": { \"id\": \"f\", \"type\": \"Elsa.Flowchart\", ");

        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file + ": $", result.Error, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithDb_StoresEachRunsInstanceInTheSqliteFile()
    {
        var database = Path.Combine(Path.GetTempPath(), "thidua-cli-" + Guid.NewGuid().ToString("N") + ".db");
        var file = CliHarness.WriteTemp(Samples.WaitForEvent("Approve"));

        var suspended = await CliHarness.RunInProcessAsync("run", file, "--db", database);
        var finished = await CliHarness.RunInProcessAsync("run", file, "--db", database, "--event", "Approve");

        Assert.Equal(3, suspended.ExitCode);
        Assert.Equal(["Chờ phê duyệt", "status: Suspended"], suspended.Lines);
        Assert.Equal(0, finished.ExitCode);
        Assert.Equal(["Chờ phê duyệt", "Đã phê duyệt", "status: Finished"], finished.Lines);
        Assert.True(new FileInfo(database).Length > 0);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status FROM WorkflowInstances ORDER BY CreatedAt";
        using var reader = command.ExecuteReader();
        var statuses = new List<string>();
        while (reader.Read()) statuses.Add(reader.GetString(0));
        Assert.Equal(["Suspended", "Finished"], statuses);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "missing-file.json")]
    [InlineData("run", "x.json", "--input", "novalue")]
    [InlineData("frobnicate")]
    public async Task Run_ExitsTwo_OnBadArguments(params string[] args)
    {
        var result = await CliHarness.RunInProcessAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }
}
