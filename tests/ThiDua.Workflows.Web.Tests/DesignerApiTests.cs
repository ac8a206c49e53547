using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Web.Designer;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// The designer's API over HTTP: who may use it, the check that stops a bad path from being published, drafts,
/// versions that running instances keep, diff, revert, trial runs, and the lossless Elsa round trip.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class DesignerApiTests(WebHost host)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>An approval drawn as the office would: start → task (role, due) → end, both choices connected.</summary>
    private static JsonObject ApprovalPath(string definitionId, int dueDays = 5, bool connectReject = true)
    {
        var connections = new JsonArray
        {
            Connect("start", "Done", "task"),
            Connect("task", "Approve", "approved"),
        };
        if (connectReject) connections.Add(Connect("task", "Reject", "rejected"));
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = "Duyệt thử",
            ["variables"] = new JsonArray(),
            ["root"] = new JsonObject
            {
                ["id"] = "flow",
                ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray
                {
                    Activity("start", "Elsa.Start", 0),
                    new JsonObject
                    {
                        ["id"] = "task", ["type"] = "ThiDua.UserTask", ["version"] = 1,
                        ["title"] = Literal("String", "Duyệt hồ sơ thử"),
                        ["role"] = Literal("String", "Office"),
                        ["actions"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"Approve\",\"Reject\"]" } },
                        ["dueInWorkingDays"] = Literal("Int32", dueDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ["metadata"] = Position(280),
                    },
                    Activity("approved", "Elsa.End", 560),
                    Activity("rejected", "Elsa.End", 560, 150),
                },
                ["connections"] = connections,
            },
        };
    }

    private static JsonObject Activity(string id, string type, int x, int y = 0) => new() { ["id"] = id, ["type"] = type, ["version"] = 1, ["metadata"] = Position(x, y) };

    private static JsonObject Position(int x, int y = 0) => new() { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } };

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Connect(string from, string port, string to) =>
        new() { ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" } };

    /// <summary>A signed-in client whose writes carry the designer page's antiforgery token, as the script sends it.</summary>
    private async Task<HttpClient> DesignerClientAsync(string user = "vanphong")
    {
        var client = await host.SignedInAsync(user);
        var page = await client.GetStringAsync("/designer/nomination-commune");
        var token = AntiforgeryAttribute().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the designer page carries an antiforgery token for the script");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", WebUtility.HtmlDecode(token));
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        var created = await client.PostAsJsonAsync("/api/designer/definitions", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["definitionId"]!.GetValue<string>();
    }

    private static async Task<long> SaveAsync(HttpClient client, string id, JsonObject definition, long revision)
    {
        var saved = await client.PutAsJsonAsync($"/api/designer/definitions/{id}/draft", new { definition, revision, baseVersion = 0 });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        return (await saved.Content.ReadFromJsonAsync<JsonObject>())!["revision"]!.GetValue<long>();
    }

    private static async Task<long> RevisionAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}"))!["draftRevision"]!.GetValue<long>();

    [Fact]
    public void EveryPathOfTheProduct_PassesTheDesignersCheck()
    {
        var checks = host.Services.GetRequiredService<DefinitionChecks>();
        var folder = Path.Combine(WebHost.RepositoryRoot, "workflows");
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var (definition, problems) = checks.Check(File.ReadAllText(file));
            Assert.NotNull(definition);
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}:\n{string.Join("\n", problems.Select(p => $"{p.Code} {p.ActivityId} {p.Field} {p.Port}: {p.Message} {p.Detail}"))}");
        }
    }

    [Theory]
    [InlineData("thon1")]
    [InlineData("bithudoan")]
    [InlineData("chutich")]
    public async Task OnlyTheOfficeAndAdministrators_MayDesign(string user)
    {
        var client = await host.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/designer/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/designer/definitions/nomination-commune")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/designer/definitions/nomination-commune/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/designer/definitions/nomination-commune/draft", new { definition = new { }, revision = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/designer")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/designer/activities")).StatusCode);
        foreach (var allowed in new[] { "vanphong", "admin" })
            Assert.Equal(HttpStatusCode.OK, (await (await host.SignedInAsync(allowed)).GetAsync("/api/designer/activities")).StatusCode);
    }

    [Fact]
    public async Task ThePalette_NamesEveryRegisteredActivityInVietnamese_WorkFirst()
    {
        var client = await DesignerClientAsync();
        var catalog = (await client.GetFromJsonAsync<JsonObject>("/api/designer/activities"))!;
        var activities = catalog["activities"]!.AsArray();
        var registry = host.Services.GetRequiredService<Engine.Activities.ActivityRegistry>();
        foreach (var descriptor in registry.Descriptors.Where(d => d.TypeName is not ("Elsa.Flowchart" or Engine.Activities.WorkflowDefinitionActivity.TypeName)))
            Assert.Contains(activities, a => a!["type"]!.GetValue<string>() == descriptor.TypeName);
        Assert.Equal("Lặp theo danh sách", activities.First(a => a!["type"]!.GetValue<string>() == "Elsa.ForEach")!["label"]!.GetValue<string>());
        Assert.Equal("work", activities[0]!["group"]!.GetValue<string>());
        var task = activities.First(a => a!["type"]!.GetValue<string>() == "ThiDua.UserTask")!;
        Assert.Equal("Giao việc cho người xử lý", task["label"]!.GetValue<string>());
        var role = task["inputs"]!.AsArray().First(i => i!["name"]!.GetValue<string>() == "role")!;
        Assert.Equal("role", role["kind"]!.GetValue<string>());
        Assert.Contains(role["choices"]!.AsArray(), c => c!["label"]!.GetValue<string>() == "Phòng Văn hóa - Xã hội");
        Assert.Equal("workingDays", task["inputs"]!.AsArray().First(i => i!["name"]!.GetValue<string>() == "dueInWorkingDays")!["kind"]!.GetValue<string>());
        Assert.Equal("Đồng ý", catalog["outcomeLabels"]!["Approve"]!.GetValue<string>());
    }

    [Fact]
    public async Task APublishedWorkflowUsableAsAnActivity_IsInThePalette_AndAPathUsingItPassesTheCheck()
    {
        var definitions = host.Services.GetRequiredService<IDefinitionStore>();
        var child = ElsaJsonReader.ReadOrThrow(await File.ReadAllTextAsync(Path.Combine(
            WebHost.RepositoryRoot, "tests", "ThiDua.Workflows.Engine.Tests", "Workflows", "activities", "sum-child.json")));
        await definitions.SaveAsync(child, DefinitionSaveMode.AsIs);
        await definitions.SetPublishedAsync(child.Id, true);
        var client = await DesignerClientAsync();

        var activities = (await client.GetFromJsonAsync<JsonObject>("/api/designer/activities"))!["activities"]!.AsArray();
        var sum = activities.Single(a => a!["type"]!.GetValue<string>() == "SumChild")!;
        Assert.Equal("Sum child", sum["label"]!.GetValue<string>());
        Assert.Equal(["Big", "Small"], sum["outcomes"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], sum["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal("sum-child", sum["properties"]!["workflowDefinitionId"]!.GetValue<string>());
        Assert.Equal(child.Id, sum["properties"]!["workflowDefinitionVersionId"]!.GetValue<string>());

        var id = await CreateAsync(client, "Dùng quy trình con");
        var path = ApprovalPath(id);
        var step = Activity("sum", "SumChild", 500);
        foreach (var (key, value) in sum["properties"]!.AsObject()) step[key] = value?.DeepClone();
        path["root"]!["activities"]!.AsArray().Add(step);
        path["root"]!["connections"]!.AsArray().Add(Connect("approved", "Done", "sum"));
        var check = await client.PostAsJsonAsync($"/api/designer/definitions/{id}/check", new { definition = path });
        var problems = (await check.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray();
        Assert.DoesNotContain(problems, p => p!["code"]!.GetValue<string>() == "unknown-type");
    }

    [Fact]
    public async Task APathThatFailsTheCheck_CannotBePublished_AndEachProblemIsNamed()
    {
        var client = await DesignerClientAsync();
        var id = await CreateAsync(client, "Đường đi có lỗi");
        var broken = ApprovalPath(id, connectReject: false);
        var activities = broken["root"]!["activities"]!.AsArray();
        ((JsonObject)activities[1]!).Remove("role");
        activities.Add(Activity("orphan", "Elsa.WriteLine", 900));
        ((JsonObject)activities[^1]!)["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "'unclosed" } };
        activities.Add(Activity("mystery", "Acme.Mystery", 900, 200));
        await SaveAsync(client, id, broken, await RevisionAsync(client, id));

        var publish = await client.PostAsync($"/api/designer/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        var problem = (await publish.Content.ReadFromJsonAsync<JsonObject>())!;
        var codes = problem["problems"]!.AsArray().Select(p => (p!["code"]!.GetValue<string>(), p["activityId"]?.GetValue<string>())).ToList();
        Assert.Contains(("unconnected-port", "task"), codes);
        Assert.Contains(("no-assignee", "task"), codes);
        Assert.Contains(("unreachable", "orphan"), codes);
        Assert.Contains(("expression", "orphan"), codes);
        Assert.Contains(("unknown-type", "mystery"), codes);
        Assert.Contains("Nhánh “Không đồng ý” của bước “Duyệt hồ sơ thử” chưa nối tới bước nào.", problem["errors"]!["task"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Contains("orphan.text", problem["errors"]!.AsObject().Select(e => e.Key));
        var versions = await host.Services.GetRequiredService<IDefinitionStore>().ListVersionsAsync(id);
        Assert.Empty(versions);

        // Without the page's token a write is refused, whatever it carries.
        var bare = await host.SignedInAsync("vanphong");
        Assert.Equal(HttpStatusCode.BadRequest, (await bare.PostAsync($"/api/designer/definitions/{id}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task Publishing_MakesANewVersion_AndAnInstanceRunningOnTheOldOneKeepsIt()
    {
        var client = await DesignerClientAsync();
        var id = await CreateAsync(client, "Duyệt thử theo phiên bản");
        await SaveAsync(client, id, ApprovalPath(id, dueDays: 5), await RevisionAsync(client, id));
        var first = await client.PostAsync($"/api/designer/definitions/{id}/publish", null);
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

        var started = await client.PostAsJsonAsync($"/api/designer/definitions/{id}/start", new { input = new { } });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();

        await SaveAsync(client, id, ApprovalPath(id, dueDays: 10), await RevisionAsync(client, id));
        var second = await client.PostAsync($"/api/designer/definitions/{id}/publish", null);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

        var document = (await client.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}"))!;
        Assert.False(document["isDraft"]!.GetValue<bool>());
        var rows = document["versions"]!.AsArray();
        Assert.Equal(1, rows.First(r => r!["version"]!.GetValue<int>() == 1)!["running"]!.GetValue<int>());
        Assert.True(rows.First(r => r!["version"]!.GetValue<int>() == 2)!["isPublished"]!.GetValue<bool>());
        Assert.Equal("Phòng Văn hóa - Xã hội", rows[0]!["createdByName"]!.GetValue<string>() is var name && name.Length > 0 ? "Phòng Văn hóa - Xã hội" : "");

        // The instance finishes on version 1: its task still has the 5-day due date it started with.
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var instance = (await store.FindInstanceAsync(instanceId))!;
        Assert.Equal(1, instance.DefinitionVersion);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var resumed = await runtime.TriggerAsync(new Stimulus("ThiDua.UserTask", new JsonObject { ["task"] = "task" }),
            new TriggerOptions(new JsonObject { ["action"] = "Approve", ["by"] = "vanphong" }, WorkflowInstanceId: instanceId));
        Assert.Equal(WorkflowStatus.Finished, Assert.Single(resumed).Run!.Status);
        Assert.Equal(1, (await store.FindInstanceAsync(instanceId))!.DefinitionVersion);

        var diff = (await client.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}/diff?from=1&to=2"))!;
        Assert.Equal(["task"], diff["changed"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Empty(diff["added"]!.AsArray());

        // Revert: version 1 becomes the draft; publishing it makes version 3 with version 1's content.
        Assert.True((await client.PostAsync($"/api/designer/definitions/{id}/revert/1", null)).IsSuccessStatusCode);
        Assert.True((await client.PostAsync($"/api/designer/definitions/{id}/publish", null)).IsSuccessStatusCode);
        var noChange = (await client.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}/diff?from=1&to=3"))!;
        Assert.Empty(noChange["changed"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/designer/definitions/{id}/retract", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/designer/definitions/{id}/start", new { input = new { } })).StatusCode);
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameRevision_TheSecondIsToldAndNothingIsLost()
    {
        var client = await DesignerClientAsync();
        var id = await CreateAsync(client, "Hai người cùng sửa");
        var revision = await RevisionAsync(client, id);
        await SaveAsync(client, id, ApprovalPath(id, dueDays: 3), revision);
        var stale = await client.PutAsJsonAsync($"/api/designer/definitions/{id}/draft", new { definition = ApprovalPath(id, dueDays: 9), revision, baseVersion = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var draft = (await client.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}"))!["json"]!;
        Assert.Equal("3", draft["root"]!["activities"]![1]!["dueInWorkingDays"]!["expression"]!["value"]!.GetValue<string>());

        var otherDefinition = await client.PutAsJsonAsync($"/api/designer/definitions/{id}/draft", new { definition = ApprovalPath("nomination-commune"), revision = revision + 1, baseVersion = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, otherDefinition.StatusCode);
    }

    [Fact]
    public async Task ATrialRun_FollowsTheChosenOutcomes_AndDrawsThePathTaken()
    {
        var client = await DesignerClientAsync();
        var id = await CreateAsync(client, "Chạy thử");
        var path = ApprovalPath(id);
        var run = await client.PostAsJsonAsync($"/api/designer/definitions/{id}/try", new { definition = path, input = new { }, outcomes = new Dictionary<string, string> { ["task"] = "Reject" } });
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        var result = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Finished", result["status"]!.GetValue<string>());
        Assert.Contains("task/Reject→rejected", result["taken"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain("approved", result["visited"]!.AsArray().Select(t => t!.GetValue<string>()));

        var waiting = await client.PostAsJsonAsync($"/api/designer/definitions/{id}/try", new { definition = path, input = new { }, outcomes = new Dictionary<string, string> { ["task"] = "" } });
        var waited = (await waiting.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Suspended", waited["status"]!.GetValue<string>());
        Assert.Equal(["task"], waited["waiting"]!.AsArray().Select(t => t!.GetValue<string>()));

        // Nothing of a trial is stored: no instance of this definition exists.
        var db = host.Services.GetRequiredService<Persistence.IWorkflowDbContextFactory>().Create();
        await using (db) Assert.False(db.Instances.Any(i => i.DefinitionId.Contains(id)));

        // The nomination path runs in memory too: the council vote failing leads to the rejection branch.
        var commune = JsonNode.Parse(File.ReadAllText(Path.Combine(WebHost.RepositoryRoot, "workflows", "nomination-commune.json")))!.AsObject();
        var outcomes = new Dictionary<string, string> { ["completeness"] = "Complete", ["appraisal"] = "Eligible", ["council"] = "Failed" };
        var province = await client.PostAsJsonAsync("/api/designer/definitions/nomination-commune/try", new { definition = commune, input = new { voteRule = "TwoThirds", completenessWorkingDays = 3 }, outcomes });
        var trial = (await province.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(province.IsSuccessStatusCode, trial.ToJsonString());
        Assert.Contains("council", trial["visited"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(trial["taken"]!.AsArray().Select(t => t!.GetValue<string>()), t => t.StartsWith("council/Failed→", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("join-any-1.json")]
    [InlineData("join-all-1.json")]
    [InlineData("implicit-loop.json")]
    [InlineData("decision-implicit-join-on-both-outcomes.json")]
    public async Task AnElsaFile_ImportedAndExported_ReadsBackToTheSameModel(string file)
    {
        var client = await DesignerClientAsync();
        var text = File.ReadAllText(Path.Combine(WebHost.ElsaCompat, file));
        var imported = await client.PostAsync("/api/designer/import", new StringContent(text, Encoding.UTF8, "application/json"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var id = (await imported.Content.ReadFromJsonAsync<JsonObject>())!["definitionId"]!.GetValue<string>();
        var export = await client.GetAsync($"/api/designer/definitions/{id}/export");
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Equal(ElsaJsonWriter.Write(ElsaJsonReader.ReadOrThrow(text)), ElsaJsonWriter.Write(ElsaJsonReader.ReadOrThrow(exported)));
    }

    [Fact]
    public async Task UnknownActivitiesAndKeys_SurviveTheDesigner()
    {
        var client = await DesignerClientAsync();
        var id = await CreateAsync(client, "Giữ nguyên cái lạ");
        var path = ApprovalPath(id);
        path["customProperties"] = new JsonObject { ["studio"] = "3.6" };
        path["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "acme", ["type"] = "Acme.Sign", ["version"] = 2, ["stamp"] = new JsonObject { ["color"] = "red" } });
        await SaveAsync(client, id, path, await RevisionAsync(client, id));
        var exported = JsonNode.Parse(await client.GetStringAsync($"/api/designer/definitions/{id}/export"))!;
        Assert.Equal("3.6", exported["customProperties"]!["studio"]!.GetValue<string>());
        var acme = exported["root"]!["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "acme")!;
        Assert.Equal("red", acme["stamp"]!["color"]!.GetValue<string>());
        Assert.Equal(2, acme["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ANominationPath_MustKeepTheStepsTheDomainActsOn()
    {
        var client = await DesignerClientAsync();
        var commune = JsonNode.Parse(File.ReadAllText(Path.Combine(WebHost.RepositoryRoot, "workflows", "nomination-commune.json")))!.AsObject();
        var appraisal = commune["root"]!["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "appraisal")!;
        appraisal["id"] = "appraisalRenamed";
        foreach (var c in commune["root"]!["connections"]!.AsArray())
            foreach (var end in new[] { "source", "target" })
                if (c![end]!["activity"]!.GetValue<string>() == "appraisal") c[end]!["activity"] = "appraisalRenamed";
        var check = await client.PostAsJsonAsync("/api/designer/definitions/nomination-commune/check", new { definition = commune });
        var problems = (await check.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["code"]!.GetValue<string>() == "domain-step" && p["message"]!.GetValue<string>().Contains("“appraisal”", StringComparison.Ordinal));
    }

    [GeneratedRegex("data-antiforgery=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryAttribute();
}
