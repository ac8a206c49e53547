using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Testing;

namespace ThiDua.Workflows.LoadTest;

public sealed class LoadOptions
{
    public int[] Users { get; set; } = [10, 50, 200];

    public int TasksPerUser { get; set; } = 2;

    public string? Url { get; set; }

    /// <summary>
    /// Mean pause between a user's actions, as a person reads a page before the next click (each pause drawn between
    /// half and one and a half times this); 0 sends the next request at once, which measures saturation, not people.
    /// </summary>
    public double ThinkSeconds { get; set; }

    public bool Postgres { get; set; }
}

/// <summary>
/// Virtual users of the office on loopback: each signs in, then for each of its tasks opens the inbox, opens the task's
/// history and decides with the inbox card's form (a role's task has no personal link page without the mailed token). Prints requests/s and p50/p95/p99 per page for each number of users, and checks that every
/// decision took effect once (each answered 200, and deciding again answers 409).
/// </summary>
public sealed class WebLoad(LoadOptions options, TextWriter output)
{
    private const string User = "vanphong";
    private const string Password = "ThiDua@2026";

    public async Task<int> RunAsync()
    {
        using var host = options.Url is null ? await WebHostProcess.StartAsync(options.Postgres) : null;
        var baseUrl = options.Url ?? host!.BaseUrl;
        await WaitUntilUpAsync(baseUrl);
        output.WriteLine($"ThiDua.Workflows web load — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {baseUrl}, "
            + $"{(options.Url is not null ? "store as configured there" : options.Postgres ? "PostgreSQL" : "SQLite")}, think time {options.ThinkSeconds:0.#} s");

        using var office = await SignInAsync(baseUrl);
        var definitionId = await PublishApprovalAsync(office);
        var ok = true;
        foreach (var users in options.Users)
            ok &= await RunLevelAsync(baseUrl, office, definitionId, users);
        return ok ? 0 : 1;
    }

    private async Task<bool> RunLevelAsync(string baseUrl, HttpClient office, string definitionId, int users)
    {
        // Tasks for the office's role: one approval instance per task.
        var count = users * options.TasksPerUser;
        var before = await OpenTaskIdsAsync(office);
        for (var i = 0; i < count; i++)
            (await office.PostAsJsonAsync($"/api/designer/definitions/{definitionId}/start", new { input = new { so = i } })).EnsureSuccessStatusCode();
        var tasks = (await OpenTaskIdsAsync(office)).Except(before).ToList();
        if (tasks.Count != count) throw new InvalidOperationException($"expected {count} new tasks, found {tasks.Count}");

        // Sign-ins (not measured) eight at a time: 200 password hashes at once is a burst no office produces, and on
        // 2 cores it starves the database connections the run then needs.
        using var gate = new SemaphoreSlim(8);
        var clients = await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await SignInAsync(baseUrl);
            }
            finally
            {
                gate.Release();
            }
        }));
        var samples = new Dictionary<string, List<double>> { ["inbox"] = [], ["history"] = [], ["decision"] = [] };
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, u) => Task.Run(async () =>
        {
            var random = new Random(u);
            // Users arrive spread over one think time, not all in the same millisecond.
            await Task.Delay(TimeSpan.FromSeconds(options.ThinkSeconds * random.NextDouble()));
            for (var t = u; t < tasks.Count; t += users)
            {
                // As a person does: the inbox, the task's history, then the decision from the inbox card's form.
                string page = "";
                var inbox = await TimeAsync(async () =>
                {
                    var response = await client.GetAsync("/inbox");
                    page = await response.Content.ReadAsStringAsync();
                    return response;
                });
                await ThinkAsync(random);
                var history = await TimeAsync(() => client.GetAsync($"/api/tasks/{Uri.EscapeDataString(tasks[t])}/history"));
                await ThinkAsync(random);
                var token = TestEnvironment.FormToken().Match(page).Groups[1].Value;
                var decision = await TimeAsync(() => client.PostAsync("/inbox", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["_handler"] = "decide",
                    ["taskId"] = tasks[t],
                    ["action"] = "Approve",
                    ["comment"] = "",
                })), redirectIsSuccess: true);
                lock (samples)
                {
                    samples["inbox"].Add(inbox.Ms);
                    samples["history"].Add(history.Ms);
                    samples["decision"].Add(decision.Ms);
                    if (!inbox.Ok || !history.Ok || !decision.Ok) failures++;
                }

                await ThinkAsync(random);
            }
        })));
        var elapsed = clock.Elapsed;
        foreach (var client in clients) client.Dispose();

        // Each decision took effect once: a second one is refused as already decided.
        var again = await Task.WhenAll(tasks.Take(20).Select(id => office.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(id)}/complete", new { action = "Approve" })));
        var once = again.All(r => r.StatusCode == HttpStatusCode.Conflict) && (await OpenTaskIdsAsync(office)).Intersect(tasks).Any() is false;

        var requests = samples.Values.Sum(s => s.Count);
        output.WriteLine($"{users} users: {requests} requests in {elapsed.TotalSeconds:F1} s = {requests / elapsed.TotalSeconds:F0} requests/s; "
            + $"{tasks.Count} decisions, {failures} failed, each took effect once: {(once ? "yes" : "NO")}");
        foreach (var (name, values) in samples)
        {
            values.Sort();
            output.WriteLine($"    {name,-9} p50 {Percentile(values, 0.50),7:F1} ms, p95 {Percentile(values, 0.95),7:F1} ms, p99 {Percentile(values, 0.99),7:F1} ms");
        }

        return failures == 0 && once;
    }

    private Task ThinkAsync(Random random) =>
        options.ThinkSeconds <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(options.ThinkSeconds * (0.5 + random.NextDouble())));

    private static async Task<(double Ms, bool Ok)> TimeAsync(Func<Task<HttpResponseMessage>> request, bool redirectIsSuccess = false)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var response = await request();
        var body = await response.Content.ReadAsStringAsync();
        var ok = response.IsSuccessStatusCode || (redirectIsSuccess && response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.Contains("decided", StringComparison.Ordinal) == true);
        if (!ok)
            Console.Error.WriteLine($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        return (Stopwatch.GetElapsedTime(t0).TotalMilliseconds, ok);
    }

    private static async Task<HashSet<string>> OpenTaskIdsAsync(HttpClient office)
    {
        var open = await office.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open") ?? [];
        return open.Select(t => t!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        await TestEnvironment.SignInAsync(client, User, Password);
        return client;
    }

    // An approval path for the office's role, drawn through the designer API and published.
    private static async Task<string> PublishApprovalAsync(HttpClient office)
    {
        await DesignerPublishing.CarryAntiforgeryAsync(office);
        return await DesignerPublishing.PublishFlowchartAsync(office, "Duyệt thử tải",
            [
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                new JsonObject
                {
                    ["id"] = "task", ["type"] = "ThiDua.UserTask",
                    ["title"] = DesignerPublishing.Literal("String", "Duyệt hồ sơ thử tải"),
                    ["role"] = DesignerPublishing.Literal("String", "Office"),
                    ["actions"] = DesignerPublishing.Actions("Approve", "Reject"),
                },
                new JsonObject { ["id"] = "approved", ["type"] = "Elsa.End" },
                new JsonObject { ["id"] = "rejected", ["type"] = "Elsa.End" },
            ],
            [DesignerPublishing.Connect("start", "Done", "task"), DesignerPublishing.Connect("task", "Approve", "approved"), DesignerPublishing.Connect("task", "Reject", "rejected")]);
    }

    private static async Task WaitUntilUpAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                if ((await client.GetAsync("/account/login")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{baseUrl} did not answer within 2 minutes");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

}

/// <summary>The web host as a child process on a free loopback port, with the demo data on fresh SQLite files or a fresh PostgreSQL database.</summary>
internal sealed class WebHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly string? _postgresDatabase;

    private WebHostProcess(Process process, string baseUrl, string? postgresDatabase)
    {
        _process = process;
        BaseUrl = baseUrl;
        _postgresDatabase = postgresDatabase;
    }

    public string BaseUrl { get; }

    public static async Task<WebHostProcess> StartAsync(bool postgres)
    {
        var root = TestEnvironment.RepositoryRoot();
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var baseUrl = $"http://127.0.0.1:{port}";
        string[] store;
        string? database = null;
        if (postgres)
        {
            database = "thidua_load_" + Guid.NewGuid().ToString("N")[..8];
            await TestEnvironment.PostgresAdminAsync($"CREATE DATABASE \"{database}\"");
            store = ["--Workflows:Store:Provider=PostgreSql", $"--Workflows:Store:ConnectionString={TestEnvironment.Postgres(database)}"];
        }
        else
        {
            var data = Directory.CreateTempSubdirectory("thidua-load-").FullName;
            store = [$"--Workflows:Store:SqliteFile={Path.Combine(data, "workflows.db")}", $"--Workflows:Scheduling:SqliteFile={Path.Combine(data, "hangfire.db")}"];
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "--no-build", "-c", "Release", "--project", "src/ThiDua.Workflows.Web", "--", "--urls", baseUrl, "--Logging:LogLevel:Default=Warning" }.Concat(store))
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        // Drain the host's output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new WebHostProcess(process, baseUrl, database);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        if (_postgresDatabase is null) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        TestEnvironment.PostgresAdminAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)").GetAwaiter().GetResult();
    }
}
