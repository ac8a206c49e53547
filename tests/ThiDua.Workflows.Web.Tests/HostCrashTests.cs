using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Testing;
using Xunit.Abstractions;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// One web host on its SQLite files, SIGKILLed in the middle of 200 concurrent decisions and started again on the
/// same files: every decision it acknowledged is in the record once, none twice, and the rest can still be decided.
/// </summary>
public sealed class HostCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Decisions = 200;
    private readonly string _data = Directory.CreateTempSubdirectory("thidua-crash-").FullName;

    [Fact]
    public async Task AKillDuringTwoHundredDecisions_LosesNoAcknowledgedDecision_AndDoublesNone()
    {
        var node = WebNode.StartSqlite("A", _data, []);
        try
        {
            await node.WaitUntilUpAsync(TimeSpan.FromMinutes(3));
            var office = await OfficeAsync(node);
            var definitionId = await DesignerPublishing.PublishFlowchartAsync(office, "Duyệt khi máy dừng đột ngột",
                [
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                    new JsonObject
                    {
                        ["id"] = "task", ["type"] = "ThiDua.UserTask",
                        ["title"] = DesignerPublishing.Literal("String", "Duyệt khi máy dừng đột ngột"),
                        ["role"] = DesignerPublishing.Literal("String", "Office"),
                        ["actions"] = DesignerPublishing.Actions("Approve"),
                    },
                    new JsonObject { ["id"] = "approved", ["type"] = "Elsa.End" },
                ],
                [DesignerPublishing.Connect("start", "Done", "task"), DesignerPublishing.Connect("task", "Approve", "approved")]);
            var before = await OpenTasksAsync(office);
            var instances = new List<string>();
            for (var i = 0; i < Decisions; i++)
            {
                using var started = await office.PostAsJsonAsync($"/api/designer/definitions/{definitionId}/start", new { input = new { } });
                started.EnsureSuccessStatusCode();
                instances.Add((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
            }

            var tasks = (await OpenTasksAsync(office)).Except(before).ToList();
            Assert.Equal(Decisions, tasks.Count);

            // Sixteen people decide at once; the host is killed when a third of the decisions are acknowledged.
            var acknowledged = new ConcurrentBag<string>();
            var queue = new ConcurrentQueue<string>(tasks);
            var killed = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var task))
                {
                    if (acknowledged.Count >= Decisions / 3 && Interlocked.Exchange(ref killed, 1) == 0) node.Kill();
                    try
                    {
                        using var response = await office.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(task)}/complete", new { action = "Approve" });
                        if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add(task);
                    }
                    catch (HttpRequestException)
                    {
                        // The host is gone: not acknowledged.
                    }
                    catch (TaskCanceledException)
                    {
                        // Timed out as it died: not acknowledged.
                    }
                }
            })));
            Assert.True(node.HasExited, "the host was to be killed during the run");
            output.WriteLine($"{acknowledged.Count} decisions acknowledged before the kill");
            node.Dispose();

            // Started again on the same files: the record first, read from the store itself.
            node = WebNode.StartSqlite("A again", _data, []);
            await node.WaitUntilUpAsync(TimeSpan.FromMinutes(3));
            await using (var services = Store())
            {
                var store = services.GetRequiredService<IWorkflowStore>();
                foreach (var id in instances)
                {
                    var completed = (await store.ReadJournalAsync(id)).Count(e => e.EventName == JournalEvents.Completed && e.ActivityId == "task");
                    Assert.True(completed <= 1, $"{id}: the task was completed {completed} times");
                }

                var acknowledgedInstances = acknowledged.Select(t => t[..t.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();
                foreach (var id in acknowledgedInstances)
                    Assert.Equal(WorkflowStatus.Finished, (await store.FindInstanceAsync(id))!.Status);

                // What was not acknowledged is decided now (a 409: it had been committed, just not answered).
                office = await OfficeAsync(node);
                foreach (var task in tasks.Except(acknowledged))
                {
                    using var response = await office.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(task)}/complete", new { action = "Approve" });
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{task}: {(int)response.StatusCode}");
                }

                foreach (var id in instances)
                {
                    var deadline = DateTime.UtcNow.AddSeconds(60);
                    while ((await store.FindInstanceAsync(id))!.Status != WorkflowStatus.Finished && DateTime.UtcNow < deadline) await Task.Delay(200);
                    var journal = await store.ReadJournalAsync(id);
                    Assert.Single(journal, e => e.EventName == JournalEvents.Completed && e.ActivityId == "task");
                    Assert.Single(journal, e => e.EventName == JournalEvents.WorkflowFinished);
                }
            }
        }
        finally
        {
            node.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned by the machine.
        }
    }

    private static async Task<HttpClient> OfficeAsync(WebNode node)
    {
        var client = await node.SignInAsync("vanphong", "ThiDua@2026", new CookieContainer());
        await DesignerPublishing.CarryAntiforgeryAsync(client);
        return client;
    }

    private static async Task<HashSet<string>> OpenTasksAsync(HttpClient client)
    {
        var open = await client.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open") ?? [];
        return open.Select(t => t!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    private ServiceProvider Store()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWorkflowEngine().AddEfCoreStore(o => o.SqliteFile = Path.Combine(_data, "workflows.db"));
        return services.BuildServiceProvider();
    }
}
