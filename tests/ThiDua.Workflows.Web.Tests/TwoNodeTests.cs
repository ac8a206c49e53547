using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Testing;
using Xunit.Abstractions;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Two web nodes (separate processes) on one PostgreSQL database, as behind a reverse proxy: a person signed in on one
/// is signed in on the other (shared key ring), both run Hangfire workers, a timer fires once, a decision on one is
/// seen on the other, and when one node is SIGKILLed in the middle of a run the other finishes every started instance
/// with each step once.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "ThiDua@2026";
    private const int Instances = 40;

    // Short leases so the surviving node takes over within seconds instead of the production minutes.
    private static readonly string[] FastTakeover =
    [
        "--Workflows:Store:OutboxLease=00:00:05",
        "--Workflows:Scheduling:JobInvisibilityTimeout=00:00:15",
        "--Workflows:Scheduling:DistributedLockTimeout=00:00:20",
        "--Workflows:Scheduling:OutboxDrainCron=*/5 * * * * *",
        "--Workflows:Scheduling:RecoveryCron=*/5 * * * * *",
        "--Workflows:Scheduling:ReconcileCron=*/10 * * * * *",
    ];

    private readonly string _database = "thidua_nodes_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task TwoNodesOnOneDatabase_ShareSignInAndWork_AndTheSurvivorOfASigkillFinishesEveryInstanceWithEachStepOnce()
    {
        await CreateDatabaseAsync();
        var connectionString = PostgresWebHost.DatabaseConnection(_database);
        // One after the other: the first migrates and seeds the demo data, the second finds it done.
        using var a = WebNode.Start("A", connectionString, FastTakeover);
        await a.WaitUntilUpAsync(TimeSpan.FromMinutes(3));
        using var b = WebNode.Start("B", connectionString, FastTakeover);
        await b.WaitUntilUpAsync(TimeSpan.FromMinutes(3));

        // Signed in on A, the same browser is signed in on B, and A's antiforgery token passes on B: one key ring.
        var cookies = new CookieContainer();
        using var officeA = await a.SignInAsync("vanphong", Password, cookies);
        using var officeB = b.Client(cookies);
        var token = await DesignerPublishing.CarryAntiforgeryAsync(officeA);
        officeB.DefaultRequestHeaders.Add(DesignerPublishing.AntiforgeryHeader, token);
        Assert.Equal(HttpStatusCode.OK, (await officeB.GetAsync("/api/tasks?scope=role&status=Open")).StatusCode);

        var definitionId = await PublishApprovalWithTimerAsync(officeB);
        await using var services = Store(connectionString);
        var store = services.GetRequiredService<IWorkflowStore>();

        // A task started and decided on A is seen on B, and its timer fires once on one of the two.
        var before = await OpenTaskIdsAsync(officeB);
        var first = await StartAsync(officeA, definitionId);
        var firstTask = Assert.Single((await OpenTaskIdsAsync(officeB)).Except(before));
        Assert.Equal(HttpStatusCode.OK, (await officeA.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(firstTask)}/complete", new { action = "Approve" })).StatusCode);
        Assert.DoesNotContain(firstTask, await OpenTaskIdsAsync(officeB));
        Assert.Equal(HttpStatusCode.Conflict, (await officeB.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(firstTask)}/complete", new { action = "Approve" })).StatusCode);
        await WaitUntilFinishedAsync(store, [first], TimeSpan.FromSeconds(60), a, b);
        await AssertEachStepOnceAsync(store, first);

        // A run of starts and decisions on both nodes; A is killed when a third of the decisions are in.
        before = await OpenTaskIdsAsync(officeB);
        var started = new List<string>();
        for (var i = 0; i < Instances; i++) started.Add(await StartAsync(i % 2 == 0 ? officeA : officeB, definitionId));
        var tasks = (await OpenTaskIdsAsync(officeB)).Except(before).ToList();
        Assert.Equal(Instances, tasks.Count);

        var decided = 0;
        var killed = 0;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string Task, int Index)>(tasks.Select((t, i) => (t, i)));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var item))
            {
                if (Volatile.Read(ref decided) >= Instances / 3 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    a.Kill();
                    output.WriteLine($"node A killed after {decided} decisions");
                }

                var onA = item.Index % 2 == 0 && !a.HasExited;
                if (!await DecideAsync(onA ? officeA : officeB, item.Task))
                {
                    // A's connection broke mid-request: the person sends it again, to the node still up (B). A 409
                    // there means A committed it before dying — it took effect, once.
                    Assert.True(await DecideAsync(officeB, item.Task), $"task {item.Task} could not be decided on B");
                }

                Interlocked.Increment(ref decided);
            }
        })));
        Assert.True(a.HasExited, "node A was to be killed during the run");

        // B alone finishes everything: timers A had taken, outbox rows A had leased, instances A left Running.
        await WaitUntilFinishedAsync(store, started, TimeSpan.FromMinutes(3), a, b);
        foreach (var id in started) await AssertEachStepOnceAsync(store, id);
        // The inbox is a projection fed by the outbox: a decision A committed but had not yet projected when it died is
        // projected by B once A's lease runs out, so the inbox empties within the lease plus one drain, not at once.
        var inboxDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<string> stillOpen;
        while ((stillOpen = (await OpenTaskIdsAsync(officeB)).Intersect(tasks).ToList()).Count > 0 && DateTime.UtcNow < inboxDeadline)
            await Task.Delay(500);
        Assert.Empty(stillOpen);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresWebHost.DatabaseConnection("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    private async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresWebHost.DatabaseConnection("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{_database}\"";
        await command.ExecuteNonQueryAsync();
    }

    // The test reads the shared store directly, as a third party: what the nodes committed, not what they answered.
    private static ServiceProvider Store(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWorkflowEngine().AddEfCoreStore(o =>
        {
            o.Provider = StoreProvider.PostgreSql;
            o.ConnectionString = connectionString;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Decided (200), or decided already (409, a previous attempt took effect); false when the node is gone.</summary>
    private static async Task<bool> DecideAsync(HttpClient client, string taskId)
    {
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", new { action = "Approve" });
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict) return true;
            throw new InvalidOperationException($"deciding {taskId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> StartAsync(HttpClient client, string definitionId)
    {
        using var response = await client.PostAsJsonAsync($"/api/designer/definitions/{definitionId}/start", new { input = new { } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();
    }

    private static async Task<HashSet<string>> OpenTaskIdsAsync(HttpClient client)
    {
        var open = await client.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open") ?? [];
        return open.Select(t => t!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task WaitUntilFinishedAsync(IWorkflowStore store, IReadOnlyList<string> ids, TimeSpan timeout, params WebNode[] nodes)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pending = ids.ToList();
        while (pending.Count > 0)
        {
            var statuses = await Task.WhenAll(pending.Select(async id => (id, (await store.FindInstanceAsync(id))?.Status)));
            Assert.DoesNotContain(statuses, s => s.Status is WorkflowStatus.Faulted or WorkflowStatus.Cancelled);
            pending = statuses.Where(s => s.Status != WorkflowStatus.Finished).Select(s => s.id).ToList();
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > deadline)
            {
                var survivor = nodes.LastOrDefault(n => !n.HasExited);
                Assert.Fail($"{pending.Count} instances not finished after {timeout}: {string.Join(", ", pending.Take(5))}\n{survivor?.Output[^Math.Min(survivor.Output.Length, 6000)..]}");
            }

            await Task.Delay(500);
        }
    }

    private static async Task AssertEachStepOnceAsync(IWorkflowStore store, string instanceId)
    {
        var journal = await store.ReadJournalAsync(instanceId);
        foreach (var step in new[] { "task", "wait", "approved" })
            Assert.True(journal.Count(e => e.EventName == JournalEvents.Completed && e.ActivityId == step) == 1,
                $"{instanceId}: '{step}' completed {journal.Count(e => e.EventName == JournalEvents.Completed && e.ActivityId == step)} times");
        Assert.Single(journal, e => e.EventName == JournalEvents.WorkflowFinished);
    }

    // Start → a task for the office → a two-second timer → end, drawn through the designer API and published.
    private static Task<string> PublishApprovalWithTimerAsync(HttpClient office) =>
        DesignerPublishing.PublishFlowchartAsync(office, "Duyệt trên hai máy",
            [
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                new JsonObject
                {
                    ["id"] = "task", ["type"] = "ThiDua.UserTask",
                    ["title"] = DesignerPublishing.Literal("String", "Duyệt hồ sơ trên hai máy"),
                    ["role"] = DesignerPublishing.Literal("String", "Office"),
                    ["actions"] = DesignerPublishing.Actions("Approve"),
                },
                new JsonObject { ["id"] = "wait", ["type"] = "Elsa.Delay", ["timeSpan"] = DesignerPublishing.Literal("TimeSpan", "00:00:02") },
                new JsonObject { ["id"] = "approved", ["type"] = "Elsa.End" },
            ],
            [DesignerPublishing.Connect("start", "Done", "task"), DesignerPublishing.Connect("task", "Approve", "wait"), DesignerPublishing.Connect("wait", "Done", "approved")]);
}
