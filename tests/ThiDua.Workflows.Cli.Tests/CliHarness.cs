using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ThiDua.Workflows.Cli.Tests;

/// <summary>Runs <c>thidua</c> in-process (fast, with captured output) or as a real child process.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string[] Lines, string Error);

    public static async Task<Result> RunInProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await new ThiDuaCli(stdout, stderr, TimeProvider.System).RunAsync(args);
        return new Result(code, SplitLines(stdout.ToString()), stderr.ToString());
    }

    public static async Task<Result> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.CliAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, SplitLines(await output), await error);
    }

    public static string WriteTemp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "thidua-cli-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string[] SplitLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
