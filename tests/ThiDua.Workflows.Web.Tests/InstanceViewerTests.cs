using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The administrator's instance viewer: list, one instance's journal and incidents, retry a faulted one, cancel a waiting one.</summary>
[Collection(WebCollection.Name)]
public sealed class InstanceViewerTests(WebHost host)
{
    private const string Faulting = """
        { "id": "viewer-fault-1", "definitionId": "viewer-fault", "version": 1, "name": "Quy trình thử sự cố",
          "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
            { "id": "start", "type": "Elsa.Start" },
            { "id": "boom", "type": "Elsa.Fault", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "Máy chủ thư không trả lời" } } }
          ], "connections": [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "boom", "port": "In" } } ] } }
        """;

    private const string Waiting = """
        { "id": "viewer-wait-1", "definitionId": "viewer-wait", "version": 1, "name": "Quy trình thử chờ",
          "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
            { "id": "start", "type": "Elsa.Start" },
            { "id": "wait", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "never" } } }
          ], "connections": [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "wait", "port": "In" } } ] } }
        """;

    [Fact]
    public async Task AChildInstance_LinksToItsParent_AndShowsItsOutput()
    {
        var activities = Path.Combine(WebHost.RepositoryRoot, "tests", "ThiDua.Workflows.Engine.Tests", "Workflows", "activities");
        var definitions = host.Services.GetRequiredService<IDefinitionStore>();
        var child = ElsaJsonReader.ReadOrThrow(await File.ReadAllTextAsync(Path.Combine(activities, "greet-child.json")));
        await definitions.SaveAsync(child, DefinitionSaveMode.AsIs);
        await definitions.SetPublishedAsync(child.Id, true);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var parent = await runtime.StartAsync(ElsaJsonReader.ReadOrThrow(await File.ReadAllTextAsync(Path.Combine(activities, "execute-workflow.json"))));
        Assert.Equal(WorkflowStatus.Finished, (await store.FindInstanceAsync(parent.InstanceId))!.Status);
        string? childId = null;
        foreach (var id in await store.FindInstanceIdsAsync(WorkflowStatus.Finished, limit: 100_000))
            if ((await store.FindInstanceAsync(id))!.Parent?.InstanceId == parent.InstanceId) childId = id;

        var page = await (await host.SignedInAsync("admin")).GetStringAsync($"/admin/instances/{childId}");

        Assert.Contains("Quy trình cha", page);
        Assert.Contains($"href=\"/admin/instances/{parent.InstanceId}\"", page);
        Assert.Contains("Xin chào An", page);
    }

    [Fact]
    public async Task TheAdministrator_SeesTheJournalAndIncident_RetriesAFaultedInstance_AndCancelsAWaitingOne()
    {
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var faulted = await runtime.StartAsync(ElsaJsonReader.ReadOrThrow(Faulting));
        var waiting = await runtime.StartAsync(ElsaJsonReader.ReadOrThrow(Waiting));
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.SignedInAsync("vanphong")).GetAsync("/admin/instances")).StatusCode);
        var admin = await host.SignedInAsync("admin");
        var list = await admin.GetStringAsync("/admin/instances?status=Faulted");
        Assert.Contains("Quy trình thử sự cố", list);
        Assert.DoesNotContain("Quy trình thử chờ", list);

        var url = $"/admin/instances/{faulted.InstanceId}";
        var page = await admin.GetStringAsync(url);
        Assert.Contains("Máy chủ thư không trả lời", page);
        Assert.Contains("Bước gặp sự cố", page); // the journal, in Vietnamese
        Assert.Contains("Chạy lại từ bước gặp sự cố", page);

        // The cause is still there: the retry runs the step again and records a second incident.
        var retried = await PageForms.PostAsync(admin, url, "retry", new Dictionary<string, string>());
        Assert.Contains("vẫn gặp sự cố", await PageForms.FollowAsync(admin, retried));
        Assert.Equal(2, (await host.Services.GetRequiredService<IWorkflowStore>().FindInstanceAsync(faulted.InstanceId))!.Incidents.Count);

        var waitUrl = $"/admin/instances/{waiting.InstanceId}";
        Assert.Contains("Điểm chờ (1)", await admin.GetStringAsync(waitUrl));
        var cancelled = await PageForms.PostAsync(admin, waitUrl, "cancel", new Dictionary<string, string> { ["confirm"] = "yes" });
        Assert.Contains("Đã hủy quy trình.", await PageForms.FollowAsync(admin, cancelled));
        Assert.Equal(WorkflowStatus.Cancelled, (await host.Services.GetRequiredService<IWorkflowStore>().FindInstanceAsync(waiting.InstanceId))!.Status);
    }
}
