namespace ThiDua.Workflows.Cli.Tests;

/// <summary><c>thidua run</c> with the second wave of activities: child workflows found beside the file or in --workflows, HTTP waits.</summary>
public sealed class CompositeRunTests
{
    private static string Activities => Path.Combine(RepositoryPaths.Root, "tests", "ThiDua.Workflows.Engine.Tests", "Workflows", "activities");

    [Fact]
    public async Task Run_FindsTheChildWorkflowBesideTheFile_AndFeedsItTheInput()
    {
        var result = await CliHarness.RunInProcessAsync("run", Path.Combine(Activities, "sum-parent.json"), "--input", "a=10");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["lớn: 15", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_FindsChildrenInWorkflowsFolders_IgnoringJsonThatIsNotAWorkflow()
    {
        var parentFolder = Directory.CreateTempSubdirectory("thidua-cli-parent-").FullName;
        var childFolder = Directory.CreateTempSubdirectory("thidua-cli-children-").FullName;
        File.Copy(Path.Combine(Activities, "execute-workflow.json"), Path.Combine(parentFolder, "execute-workflow.json"));
        File.Copy(Path.Combine(Activities, "greet-child.json"), Path.Combine(childFolder, "greet-child.json"));
        await File.WriteAllTextAsync(Path.Combine(childFolder, "appsettings.json"), """{ "Logging": { "LogLevel": { "Default": "Warning" } } }""");
        await File.WriteAllTextAsync(Path.Combine(childFolder, "broken.json"), "{ not json");

        var alone = await CliHarness.RunInProcessAsync("run", Path.Combine(parentFolder, "execute-workflow.json"));
        Assert.Equal(1, alone.ExitCode);
        Assert.StartsWith("status: Faulted:", alone.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("no published version of workflow definition 'greet-child'", alone.Lines[^1], StringComparison.Ordinal);

        var result = await CliHarness.RunInProcessAsync("run", Path.Combine(parentFolder, "execute-workflow.json"), "--workflows", childFolder);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["con chạy", "Xin chào An", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_LetsAChildsTimerFire_AndDeliversAnEventTheChildWaitsFor()
    {
        var waiting = await CliHarness.RunInProcessAsync("run", Path.Combine(Activities, "wait-parent.json"));
        Assert.Equal(3, waiting.ExitCode); // the child's delay passed; its event was not given

        var result = await CliHarness.RunInProcessAsync("run", Path.Combine(Activities, "wait-parent.json"), "--event", "Duyet");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["con đã chờ", "status: Finished"], result.Lines);
    }

    [Fact]
    public async Task Run_ReportsAWaitingHttpEndpoint_AndExitsSuspended()
    {
        var file = Path.Combine(RepositoryPaths.Root, "tests", "ThiDua.Workflows.Web.Tests", "Workflows", "http-hello.json");

        var result = await CliHarness.RunInProcessAsync("run", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["waiting: HTTP GET /workflows/hello", "status: Suspended"], result.Lines);
    }

    [Fact]
    public async Task Run_OfAParentWhoseChildFaults_FaultsNamingTheChild()
    {
        var result = await CliHarness.RunInProcessAsync("run", Path.Combine(Activities, "fault-parent.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Child workflow 'Fault child'", result.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("hỏng ở con", result.Lines[^1], StringComparison.Ordinal);
    }
}
