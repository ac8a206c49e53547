using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Notifications.Tests;

/// <summary>smtp4dev (the dotnet tool of the repository's manifest) on free loopback ports, read through its HTTP API.</summary>
public sealed class Smtp4Dev : IAsyncDisposable
{
    /// <summary>Where tests/setup/smtp4dev.sh (run by the test command and .ci/run) starts smtp4dev.</summary>
    private const int SharedSmtpPort = 2526;
    private const int SharedWebPort = 5081;

    private readonly Process? _process;
    private readonly HttpClient _api;

    private Smtp4Dev(Process? process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    /// <summary>The smtp4dev the test command started, or a new one of this test's own when there is none.</summary>
    public static async Task<Smtp4Dev> StartAsync()
    {
        var shared = new Smtp4Dev(null, SharedSmtpPort, SharedWebPort);
        try
        {
            if ((await shared._api.GetAsync("api/messages?pageSize=1")).IsSuccessStatusCode) return shared;
        }
        catch (HttpRequestException)
        {
            // not running: start one below
        }

        shared._api.Dispose();
        var root = RepositoryRoot();
        var (smtp, web, imap, pop3) = (FreePort(), FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "smtp4dev", $"--baseappdatapath={Directory.CreateTempSubdirectory("smtp4dev-").FullName}", $"--urls=http://127.0.0.1:{web}",
            "--bindaddress=127.0.0.1", "--disableipv6", $"--smtpport={smtp}", $"--imapport={imap}", $"--pop3port={pop3}", "--db=", "--nousersettings",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new Smtp4Dev(process, smtp, web);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if ((await server._api.GetAsync("api/messages?pageSize=1", timeout.Token)).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            if (process.HasExited) throw new InvalidOperationException("smtp4dev exited; run `dotnet tool restore` (tests/run-tests.sh does).");
            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>Waits for a message whose subject contains the text; returns its plain-text body.</summary>
    public async Task<string> WaitForAsync(string to, string subject)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var list = JsonNode.Parse(await _api.GetStringAsync("api/messages?pageSize=200", timeout.Token))!;
            var results = (list["results"] as JsonArray) ?? (list as JsonArray) ?? [];
            var match = results.FirstOrDefault(m => m!["subject"]!.GetValue<string>().Contains(subject, StringComparison.Ordinal)
                && m["to"]!.ToJsonString().Contains(to, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                return await _api.GetStringAsync($"api/messages/{match["id"]!.GetValue<string>()}/plaintext", timeout.Token);
            await Task.Delay(250, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (_process is null) return; // the shared one belongs to the test command
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.Workflows.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
