using System.Diagnostics;
using System.Net;
using System.Text;
using ThiDua.Workflows.Testing;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// The web host as its own process (the built ThiDua.Workflows.Web.dll, so <see cref="Kill"/> is a real SIGKILL of
/// the host), on a free loopback port, Development demo data, on a shared PostgreSQL database or a folder of SQLite files.
/// </summary>
public sealed class WebNode : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebNode(string name, Process process, string baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the host wrote, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>A node on a shared PostgreSQL database (workflow store and Hangfire jobs).</summary>
    public static WebNode Start(string name, string connectionString, IEnumerable<string> settings) =>
        Launch(name, ["--Workflows:Store:Provider=PostgreSql", $"--Workflows:Store:ConnectionString={connectionString}", "--Workflows:Scheduling:Storage=PostgreSql"], settings);

    /// <summary>A node on the SQLite files of a data folder (started again on the same folder after a kill).</summary>
    public static WebNode StartSqlite(string name, string dataFolder, IEnumerable<string> settings) =>
        Launch(name, [$"--Workflows:Store:SqliteFile={Path.Combine(dataFolder, "workflows.db")}", $"--Workflows:Scheduling:SqliteFile={Path.Combine(dataFolder, "hangfire.db")}"], settings);

    private static WebNode Launch(string name, IEnumerable<string> store, IEnumerable<string> settings)
    {
        var root = TestEnvironment.RepositoryRoot();
        // bin/<Configuration>/net10.0/ of this test assembly names the configuration the solution was built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var project = Path.Combine(root, "src", "ThiDua.Workflows.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "ThiDua.Workflows.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the solution first", dll);

        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var baseUrl = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in new[] { "--urls", baseUrl, "--Logging:LogLevel:Default=Warning", "--Workflows:Nominations:CalendarSyncCron=" }.Concat(store).Concat(settings))
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return new WebNode(name, Process.Start(start)!, baseUrl);
    }

    public async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"node {Name} exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await client.GetAsync("/account/login")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy migrating
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"node {Name} did not answer within {timeout}:\n{Output}");
    }

    /// <summary>A client on this node that shares the given cookies (a person's browser moved to another node).</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<HttpClient> SignInAsync(string user, string password, CookieContainer cookies)
    {
        var client = Client(cookies);
        await TestEnvironment.SignInAsync(client, user, password);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, work in flight simply stops.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // The tail is what explains a failure; keep memory bounded on a long run.
            if (_output.Length > 200_000) _output.Remove(0, 100_000);
            _output.AppendLine(line);
        }
    }
}
