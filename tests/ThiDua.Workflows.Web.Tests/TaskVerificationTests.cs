using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>One-time codes, delegation and the inbox API, against the real host and SMTP server.</summary>
[Collection(WebCollection.Name)]
public sealed partial class TaskVerificationTests(WebHost host)
{
    private static string OneTask(string id, string assignee, string verification = "none") => $$"""
        {
          "id": "{{id}}", "definitionId": "{{id}}", "name": "Một bước", "version": 1,
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "decide", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Quyết định {{id}}" } },
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "{{assignee}}" } },
                "verification": { "typeName": "String", "expression": { "type": "Literal", "value": "{{verification}}" } },
                "actions": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approve\",\"Reject\"]" } } }
            ],
            "connections": [] }
        }
        """;

    private Task<WorkflowRunResult> StartAsync(string json) =>
        host.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(ElsaJsonReader.ReadOrThrow(json));

    private async Task<HttpResponseMessage> PostAsync(HttpClient browser, string link, string action, string code = "")
    {
        var page = await (await browser.GetAsync(new Uri(link).PathAndQuery)).Content.ReadAsStringAsync();
        return await browser.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
            ["_handler"] = "decide",
            ["t"] = link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..],
            ["action"] = action,
            ["code"] = code,
        }));
    }

    [Fact]
    public async Task StepNeedingACode_RefusesWithoutIt_AndAcceptsWithIt()
    {
        var run = await StartAsync(OneTask("can-ma", "vanphong", "code"));
        var link = MailServer.LinkIn(await host.Mail.WaitForAsync("vanphong@", "Quyết định can-ma"));
        var browser = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var first = await PostAsync(browser, link, "Approve");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("mã vừa được gửi", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var codeMail = await host.Mail.WaitForAsync("vanphong@", "Mã xác nhận");
        var code = Code().Match(codeMail).Groups[1].Value;
        var wrong = code == "123456" ? "654321" : "123456";

        var refused = await PostAsync(browser, link, "Approve", wrong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(WorkflowStatus.Suspended, (await host.Services.GetRequiredService<Engine.Stores.IWorkflowStore>().FindInstanceAsync(run.InstanceId))!.Status);

        var accepted = await PostAsync(browser, link, "Approve", code);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Đã ghi nhận quyết định", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Finished, (await host.Services.GetRequiredService<Engine.Stores.IWorkflowStore>().FindInstanceAsync(run.InstanceId))!.Status);
    }

    [Fact]
    public async Task Delegation_SendsTheTaskToTheDelegate_AndTheAuditShowsOnBehalfOf()
    {
        var chair = await host.SignedInAsync("chutich");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var delegated = await chair.PostAsJsonAsync("/api/delegations", new { toUser = "admin", startsOn = today.AddDays(-1), endsOn = today.AddDays(2) });
        Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        var invalid = await chair.PostAsJsonAsync("/api/delegations", new { toUser = "nobody", startsOn = today, endsOn = today });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("toUser", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await StartAsync(OneTask("uy-quyen", "chutich"));
        var mail = await host.Mail.WaitForAsync("admin@", "Quyết định uy-quyen");
        Assert.Contains("thay mặt chutich", mail, StringComparison.Ordinal);
        Assert.Equal(0, host.Mail.CountTo("chutich@", "Quyết định uy-quyen"));

        var decided = await PostAsync(host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), MailServer.LinkIn(mail), "Approve");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var admin = await host.SignedInAsync("admin");
        var mine = await admin.GetFromJsonAsync<JsonArray>("/api/tasks?status=Completed");
        var task = mine!.Single(t => t!["title"]!.GetValue<string>() == "Quyết định uy-quyen")!;
        Assert.Equal(("admin", "chutich"), (task["decidedBy"]!.GetValue<string>(), task["onBehalfOf"]!.GetValue<string>()));
        var history = await admin.GetFromJsonAsync<JsonArray>($"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/history");
        var decision = history!.Single(h => h!["event"]!.GetValue<string>().StartsWith("Decided", StringComparison.Ordinal))!;
        Assert.Equal(("admin", "chutich", "email-link"), (decision["actor"]!.GetValue<string>(), decision["onBehalfOf"]!.GetValue<string>(), decision["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Inbox_ListsMyTasks_AndDecidesFromTheWeb_Once()
    {
        await StartAsync(OneTask("hop-thu", "truongphong"));
        await host.Mail.WaitForAsync("truongphong@", "Quyết định hop-thu");
        var head = await host.SignedInAsync("truongphong");
        var open = await head.GetFromJsonAsync<JsonArray>("/api/tasks?status=Open");
        var id = open!.Single(t => t!["title"]!.GetValue<string>() == "Quyết định hop-thu")!["id"]!.GetValue<string>();
        var path = $"/api/tasks/{Uri.EscapeDataString(id)}/complete";

        var wrongAction = await head.PostAsJsonAsync(path, new { action = "Maybe" });
        var stranger = await (await host.SignedInAsync("thon1")).PostAsJsonAsync(path, new { action = "Approve" });
        var done = await head.PostAsJsonAsync(path, new { action = "Reject", comment = "Thiếu biên bản họp" });
        var again = await head.PostAsJsonAsync(path, new { action = "Approve" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongAction.StatusCode);
        Assert.Contains("action", await wrongAction.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var history = await head.GetFromJsonAsync<JsonArray>($"/api/tasks/{Uri.EscapeDataString(id)}/history");
        Assert.Contains(history!, h => h!["event"]!.GetValue<string>() == "Decided: Reject" && h["channel"]!.GetValue<string>() == "web");
    }

    [Fact]
    public async Task Reassigning_RevokesTheOldLink_AndMailsTheNewAssignee_CancellingRevokesAll()
    {
        var run = await StartAsync(OneTask("giao-lai", "vanphong"));
        var oldLink = MailServer.LinkIn(await host.Mail.WaitForAsync("vanphong@", "Quyết định giao-lai"));
        var office = await host.SignedInAsync("truongphong");
        var open = await office.GetFromJsonAsync<JsonArray>("/api/tasks?status=Open&scope=mine");
        var id = Uri.UnescapeDataString(new Uri(oldLink).AbsolutePath["/tasks/".Length..]);

        var reassigned = await office.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(id)}/reassign", new { toUser = "admin" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        var newLink = MailServer.LinkIn(await host.Mail.WaitForAsync("admin@", "Quyết định giao-lai"));
        var old = await host.CreateClient().GetAsync(new Uri(oldLink).PathAndQuery);
        Assert.Contains("thu hồi", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync(new Uri(newLink).PathAndQuery)).StatusCode);
        Assert.DoesNotContain(open!, t => t!["id"]!.GetValue<string>() == id); // it was never truongphong's

        await host.Services.GetRequiredService<IWorkflowRuntime>().CancelAsync(run.InstanceId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string page;
        do
        {
            await Task.Delay(200, timeout.Token);
            page = await (await host.CreateClient().GetAsync(new Uri(newLink).PathAndQuery, timeout.Token)).Content.ReadAsStringAsync(timeout.Token);
        }
        while (!page.Contains("thu hồi", StringComparison.Ordinal));
        Assert.DoesNotContain("name=\"action\"", page, StringComparison.Ordinal); // no decision can be sent
    }

    [Fact]
    public async Task RoleTask_IsClaimedByOnePerson_ReleasedByThem_AndListedPerNomination()
    {
        var json = OneTask("vai-tro", "x").Replace("\"assignee\"", "\"role\"", StringComparison.Ordinal).Replace("\"value\": \"x\"", "\"value\": \"Office\"", StringComparison.Ordinal);
        await host.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(ElsaJsonReader.ReadOrThrow(json), new StartOptions(CorrelationId: "ho-so-vai-tro"));
        await host.Mail.WaitForAsync("vanphong@", "Quyết định vai-tro");
        var officer = await host.SignedInAsync("vanphong");
        var head = await host.SignedInAsync("truongphong");
        var roleTasks = await officer.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open");
        var id = roleTasks!.Single(t => t!["title"]!.GetValue<string>() == "Quyết định vai-tro")!["id"]!.GetValue<string>();
        var path = $"/api/tasks/{Uri.EscapeDataString(id)}";

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync(path + "/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync(path + "/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync(path + "/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.SignedInAsync("thon1")).PostAsync(path + "/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync(path + "/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsync(path + "/claim", null)).StatusCode);

        var nomination = await head.GetFromJsonAsync<JsonArray>("/api/tasks?scope=all&correlationId=ho-so-vai-tro");
        var only = Assert.Single(nomination!);
        Assert.Equal("truongphong", only!["claimedBy"]!.GetValue<string>());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex(@"là: (\d{6})")]
    private static partial Regex Code();
}
