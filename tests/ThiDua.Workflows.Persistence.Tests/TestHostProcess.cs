using System.Diagnostics;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>Runs ThiDua.Workflows.Persistence.TestHost as a real child process.</summary>
internal sealed class TestHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private TestHostProcess(IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ThiDua.Workflows.Persistence.TestHost.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync();
        _error = _process.StandardError.ReadToEndAsync();
    }

    public static TestHostProcess Start(IDictionary<string, string>? environment, params string[] args) => new(args, environment);

    public static async Task<string[]> RunAsync(params string[] args)
    {
        using var process = new TestHostProcess(args, null);
        return await process.WaitAsync();
    }

    public async Task<string[]> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        var output = await _output;
        if (_process.ExitCode != 0)
            throw new InvalidOperationException($"TestHost exited {_process.ExitCode}: {output} {await _error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
