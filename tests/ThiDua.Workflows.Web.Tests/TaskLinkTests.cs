using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Notifications;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Tasks by mail end to end: a real SMTP server, the real host, the links and the task page.</summary>
[Collection(WebCollection.Name)]
public sealed partial class TaskLinkTests(WebHost host)
{
    private static string TwoTasks(string id) => $$"""
        {
          "id": "{{id}}", "definitionId": "{{id}}", "name": "Hai bước duyệt", "version": 1,
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "check", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Kiểm tra hồ sơ {{id}}" } },
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "vanphong" } },
                "actions": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approve\",\"Return\"]" } },
                "commentRequiredFor": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Return\"]" } } },
              { "id": "approve", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Phê duyệt hồ sơ {{id}}" } },
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "truongphong" } },
                "actions": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approve\"]" } } }
            ],
            "connections": [ { "source": { "activity": "check", "port": "Approve" }, "target": { "activity": "approve", "port": "In" } } ] }
        }
        """;

    private async Task<WorkflowRunResult> StartAsync(string id) =>
        await host.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(ElsaJsonReader.ReadOrThrow(TwoTasks(id)));

    private HttpClient Browser() => host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string link, string action, string? comment = null, bool antiforgery = true)
    {
        var page = await (await browser.GetAsync(PathOf(link))).Content.ReadAsStringAsync();
        var form = new Dictionary<string, string> { ["_handler"] = "decide", ["t"] = Token(link), ["action"] = action, ["comment"] = comment ?? "" };
        if (antiforgery) form["__RequestVerificationToken"] = AntiforgeryPattern().Match(page).Groups[1].Value;
        return await browser.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(form));
    }

    private static string Token(string link) => link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..];

    private async Task<string> StatusOfTaskAsync(string workflowInstanceId, string activityId)
    {
        await using var db = host.Services.GetRequiredService<NotificationsContexts>().Create();
        return (await db.Tasks.AsNoTracking().SingleAsync(t => t.WorkflowInstanceId == workflowInstanceId && t.ActivityId == activityId)).Status;
    }

    [Fact]
    public async Task TwoSequentialTasks_GetTwiceChangesNothing_PostDecides_AndTheSecondLinkCannotDecideTheFirst()
    {
        var run = await StartAsync("tuan-tu");
        var firstLink = MailServer.LinkIn(await host.Mail.WaitForAsync("vanphong@", "Kiểm tra hồ sơ tuan-tu"));
        var browser = Browser();

        var get1 = await browser.GetAsync(PathOf(firstLink));
        var get2 = await browser.GetAsync(PathOf(firstLink));
        var page = await get2.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, get1.StatusCode);
        Assert.Equal("no-referrer", get2.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("Kiểm tra hồ sơ tuan-tu", page, StringComparison.Ordinal);
        Assert.Contains("Đồng ý", page, StringComparison.Ordinal);
        Assert.Equal("Open", await StatusOfTaskAsync(run.InstanceId, "check"));
        Assert.Equal(0, host.Mail.CountTo("truongphong@", "Phê duyệt hồ sơ tuan-tu"));

        var decided = await DecideAsync(browser, firstLink, "Approve");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("Đã ghi nhận quyết định", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Completed", await StatusOfTaskAsync(run.InstanceId, "check"));

        var secondLink = MailServer.LinkIn(await host.Mail.WaitForAsync("truongphong@", "Phê duyệt hồ sơ tuan-tu"));
        var crossed = await Browser().GetAsync(new Uri(firstLink).AbsolutePath + "?t=" + Token(secondLink));
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Contains("thuộc về một việc khác", await crossed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Open", await StatusOfTaskAsync(run.InstanceId, "approve"));

        var reused = await Browser().GetAsync(PathOf(firstLink));
        Assert.Contains("Việc này đã được xử lý", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Công chức Phòng Văn hóa - Xã hội", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal); // by name, not login id
    }

    [Fact]
    public async Task BadLinksAndForms_GetAClearPage_AndChangeNothing()
    {
        var run = await StartAsync("lien-ket-xau");
        var link = MailServer.LinkIn(await host.Mail.WaitForAsync("vanphong@", "Kiểm tra hồ sơ lien-ket-xau"));
        var token = Token(link);
        var path = new Uri(link).AbsolutePath;

        var tampered = await Browser().GetAsync(path + "?t=" + token[..^2] + (token[^2] == 'A' ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains("Liên kết không hợp lệ", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noAntiforgery = await DecideAsync(Browser(), link, "Approve", antiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, noAntiforgery.StatusCode);

        var noComment = await DecideAsync(Browser(), link, "Return");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noComment.StatusCode);
        Assert.Contains("Vui lòng ghi ý kiến", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var otherPerson = await host.SignedInAsync("thon1");
        var refused = await otherPerson.GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("được gửi cho Công chức Phòng Văn hóa - Xã hội", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The other person's page has no form; a POST without one is refused either way.
        Assert.Contains((await DecideAsync(otherPerson, link, "Approve")).StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden });

        await using (var db = host.Services.GetRequiredService<NotificationsContexts>().Create())
            await db.TaskLinks.Where(l => l.TokenHash == Notifications.Tasks.TaskLinkTokens.Hash(token))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var expired = await Browser().GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Liên kết đã hết hạn", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await DecideAsync(Browser(), link, "Approve")).StatusCode);

        Assert.Equal("Open", await StatusOfTaskAsync(run.InstanceId, "check"));
        Assert.Equal(WorkflowStatus.Suspended, (await host.Services.GetRequiredService<Engine.Stores.IWorkflowStore>().FindInstanceAsync(run.InstanceId))!.Status);
    }

    [Fact]
    public async Task FiftyConcurrentDecisions_OneCounts_FortyNineAreToldItIsAlreadyDecided()
    {
        var run = await StartAsync("dong-thoi");
        var link = MailServer.LinkIn(await host.Mail.WaitForAsync("vanphong@", "Kiểm tra hồ sơ dong-thoi"));
        var browser = Browser();
        var page = await (await browser.GetAsync(PathOf(link))).Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryPattern().Match(page).Groups[1].Value;

        var posts = Enumerable.Range(0, 50).Select(_ => browser.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["_handler"] = "decide",
            ["t"] = Token(link),
            ["action"] = "Approve",
        })));
        var responses = await Task.WhenAll(posts);
        var pages = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.Equal(1, pages.Count(p => p.Contains("Đã ghi nhận quyết định", StringComparison.Ordinal)));
        Assert.Equal(49, pages.Count(p => p.Contains("đã được xử lý trước đó", StringComparison.Ordinal)));
        var journal = await host.Services.GetRequiredService<Engine.Stores.IWorkflowStore>().ReadJournalAsync(run.InstanceId);
        Assert.Single(journal, j => j.ActivityId == "check" && j.EventName == JournalEvents.Completed);
        await host.Mail.WaitForAsync("truongphong@", "Phê duyệt hồ sơ dong-thoi");
        Assert.Equal(1, host.Mail.CountTo("truongphong@", "Phê duyệt hồ sơ dong-thoi")); // the next step started once
    }

    [Fact]
    public async Task MailServerDown_TheWorkflowGoesOn_AndEveryMailIsDeliveredOnceWhenItIsBack()
    {
        host.Mail.Stop();
        try
        {
            var run = await StartAsync("may-chu-thu-loi");
            await using (var db = host.Services.GetRequiredService<NotificationsContexts>().Create())
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (!await db.Mail.AnyAsync(m => m.Subject.Contains("may-chu-thu-loi") && m.LastError != null && m.SentAt == null))
                    await Task.Delay(200, timeout.Token);
                // An outage is not the mail's fault: the attempt is not counted toward its death.
                Assert.All(await db.Mail.Where(m => m.Subject.Contains("may-chu-thu-loi")).ToListAsync(), m => Assert.Equal((0, (DateTimeOffset?)null), (m.Attempts, m.DeadAt)));
            }

            Assert.Equal(WorkflowStatus.Suspended, run.Status);
            Assert.Equal("Open", await StatusOfTaskAsync(run.InstanceId, "check"));
        }
        finally
        {
            host.Mail.Restart();
        }

        await host.Mail.WaitForAsync("vanphong@", "Kiểm tra hồ sơ may-chu-thu-loi", seconds: 90);
        await Task.Delay(TimeSpan.FromSeconds(6)); // a further retry round must not send it again
        Assert.Equal(1, host.Mail.CountTo("vanphong@", "Kiểm tra hồ sơ may-chu-thu-loi"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
