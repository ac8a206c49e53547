using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Web.BrowserTests;

/// <summary>
/// The visual designer in Chromium, under the site's real content security policy: drawing a path from the
/// palette, the check on the canvas, undo and redo, publishing, running it; the Elsa round trip; a new version of
/// the province path while a nomination runs on the old one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerTests(BrowserHost host)
{
    private static async Task<IPage> OpenAsync(BrowserHost host, string user, string url, List<string> errors)
    {
        var page = await host.SignedInAsync(user, bypassCsp: false);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("#designer-app[data-ready=true]");
        return page;
    }

    private static Task<string> ModelAsync(IPage page) => page.EvaluateAsync<string>("() => JSON.stringify(window.designer.toJson())");

    /// <summary>Drags from one element's centre to another's with the mouse, in small steps as a hand does.</summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var a = (await from.BoundingBoxAsync())!;
        var b = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y + a.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(a.X + a.Width / 2 + 10, a.Y + a.Height / 2 + 5, new() { Steps = 3 });
        await page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Draws a connection by hand and waits until the model has it; a drag that missed (a busy machine) is tried again.</summary>
    private static async Task ConnectAsync(IPage page, string from, string port, string to)
    {
        var script = $"() => window.designer.toJson().root.connections.some(c => c.source.activity === '{from}' && c.source.port === '{port}' && c.target.activity === '{to}')";
        for (var attempt = 1; ; attempt++)
        {
            await DragAsync(page, Port(page, from, port), Port(page, to, "in"));
            for (var wait = 0; wait < 20 && !await page.EvaluateAsync<bool>(script); wait++) await Task.Delay(50);
            if (await page.EvaluateAsync<bool>(script)) return;
            Assert.True(attempt < 3, $"the connection {from}.{port} → {to} was not drawn after {attempt} drags");
        }
    }

    private static ILocator Port(IPage page, string node, string port) =>
        page.Locator($".designer-canvas g[data-cell-id='{node}'] [port='{port}']").First;

    private static async Task DropFromPaletteAsync(IPage page, string search, string type, float x, float y)
    {
        // The person finds the activity by name (accents optional), then drags it onto the canvas.
        await page.FillAsync(".palette-search", search);
        var item = page.Locator($".palette-item[data-type='{type}']");
        await item.ScrollIntoViewIfNeededAsync();
        var box = (await item.BoundingBoxAsync())!;
        var canvas = (await page.Locator(".designer-canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 20, box.Y + box.Height / 2, new() { Steps = 4 });
        await page.Mouse.MoveAsync(canvas.X + x, canvas.Y + y, new() { Steps = 15 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task TheOffice_DrawsAPathFromThePalette_FixesWhatTheCheckFinds_AndPublishes()
    {
        var errors = new List<string>();
        var office = await host.SignedInAsync("vanphong", bypassCsp: false);
        office.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        office.PageError += (_, error) => errors.Add(error);
        await office.GotoAsync("/designer");
        await office.FillAsync("#name", "Duyệt sáng kiến chuyển đổi số");
        await office.GetByRole(AriaRole.Button, new() { Name = "Tạo và mở trình thiết kế" }).ClickAsync();
        await office.WaitForURLAsync(new Regex("/designer/quy-trinh-"));
        await office.WaitForSelectorAsync("#designer-app[data-ready=true]");
        var definitionId = office.Url.Split('/')[^1];

        await DropFromPaletteAsync(office, "giao viec", "ThiDua.UserTask", 200, 140);
        await DropFromPaletteAsync(office, "kết thúc nhánh", "Elsa.End", 520, 140);
        await office.FillAsync(".palette-search", "");
        var task = await office.EvaluateAsync<string>("() => window.designer.toJson().root.activities.find(a => a.type === 'ThiDua.UserTask').id");
        var end = await office.EvaluateAsync<string>("() => window.designer.toJson().root.activities.find(a => a.type === 'Elsa.End').id");
        await ConnectAsync(office, "start", "Done", task);
        await ConnectAsync(office, task, "Approve", end);

        // The task's properties: a role from the list and a due date in working days, as plain fields.
        await office.Locator($".designer-canvas g[data-cell-id='{task}'] rect").First.ClickAsync(new() { Position = new() { X = 200, Y = 5 } });
        await office.SelectOptionAsync("#prop-role", "Office");
        await office.FillAsync("#prop-dueInWorkingDays", "5");
        await office.Locator("#prop-dueInWorkingDays").BlurAsync();
        await Assertions.Expect(office.Locator($".designer-canvas g[data-cell-id='{task}']")).ToContainTextAsync("5 ngày LV");
        var withDue = await ModelAsync(office);

        // Undo takes the due date away; redo brings it back; the model is exactly as before each time.
        await office.Locator(".designer-canvas").ClickAsync(new() { Position = new() { X = 30, Y = 400 } });
        await office.Keyboard.PressAsync("Control+z");
        var undone = JsonNode.Parse(await ModelAsync(office))!;
        Assert.Null(undone["root"]!["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == task)!["dueInWorkingDays"]);
        await office.Keyboard.PressAsync("Control+y");
        Assert.Equal(withDue, await ModelAsync(office));

        // "Không đồng ý" leads nowhere: the check marks the node and its port, and publishing is refused.
        await office.Locator("[data-tab=problems]").ClickAsync();
        await Assertions.Expect(office.Locator(".problem[data-code='unconnected-port']")).ToBeVisibleAsync();
        await Assertions.Expect(office.Locator($".designer-canvas g[data-cell-id='{task}'] rect[data-state='invalid']")).ToHaveCountAsync(1);
        await Assertions.Expect(office.Locator("[data-action=publish]")).ToBeDisabledAsync();
        await Assertions.Expect(office.Locator("#panel-problems")).ToContainTextAsync("Nhánh “Không đồng ý” của bước");
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "designer-problem-1280.png") });

        await ConnectAsync(office, task, "Reject", end);
        await Assertions.Expect(office.Locator("[data-tab=problems]")).ToHaveTextAsync("Lỗi");
        await Assertions.Expect(office.Locator($".designer-canvas g[data-cell-id='{task}'] rect[data-state='invalid']")).ToHaveCountAsync(0);
        await Assertions.Expect(office.Locator("[data-action=publish]")).ToBeEnabledAsync();
        await office.Locator("[data-action=publish]").ClickAsync();
        await Assertions.Expect(office.Locator(".designer-status")).ToContainTextAsync("Đã phát hành phiên bản 1");

        // A pilot run of the published version, seen by the administrator in the instance viewer.
        await office.Locator("[data-tab=versions]").ClickAsync();
        office.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await office.Locator(".version[data-version='1'] [data-action=start]").ClickAsync();
        await Assertions.Expect(office.Locator(".version[data-version='1'] [data-running]")).ToContainTextAsync("1 hồ sơ đang chạy trên phiên bản 1");
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "designer-published-1280.png") });
        Assert.Empty(errors);

        var admin = await host.SignedInAsync("admin");
        await admin.GotoAsync($"/admin/instances?definition={definitionId}");
        await Assertions.Expect(admin.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("table.data tbody tr td").Nth(2)).ToHaveTextAsync("1");
        await admin.Locator("table.data tbody tr a").ClickAsync();
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("Đang chờ");
    }

    [Fact]
    public async Task CopiedSteps_PasteIntoAnotherPath_WithNewIdsAndTheirConnections_AndOneUndoRemovesThem()
    {
        var errors = new List<string>();
        var office = await OpenAsync(host, "vanphong", "/designer/nomination-simplified", errors);
        var before = JsonNode.Parse(await ModelAsync(office))!["root"]!["activities"]!.AsArray().Count;

        // Auto-layout moves the steps; one undo puts every one back where it was.
        var original = await ModelAsync(office);
        await office.Locator("[data-action=layout]").ClickAsync();
        Assert.NotEqual(original, await ModelAsync(office));
        await office.Locator("[data-action=undo]").ClickAsync();
        Assert.Equal(original, await ModelAsync(office));

        // Copy the chair's decision and the two steps after it, with the connections between them.
        await office.EvaluateAsync("""
            () => { const d = window.designer.instance, ids = ['chairDecision', 'decide', 'notifyDecided'];
              d.graph.cleanSelection();
              d.graph.select([...ids.map(id => d.graph.getCellById(id)),
                ...d.graph.getEdges().filter(e => ids.includes(e.getSourceCellId()) && ids.includes(e.getTargetCellId()))]); }
            """);
        await office.Keyboard.PressAsync("Control+c");

        // Into another path, in another page: the clipboard is the browser's (local storage).
        var other = await office.Context.NewPageAsync();
        other.PageError += (_, error) => errors.Add(error);
        await other.GotoAsync("/designer");
        await other.FillAsync("#name", "Nhận bước sao chép");
        await other.GetByRole(AriaRole.Button, new() { Name = "Tạo và mở trình thiết kế" }).ClickAsync();
        await other.WaitForSelectorAsync("#designer-app[data-ready=true]");
        var empty = await ModelAsync(other);
        await other.Keyboard.PressAsync("Control+v");
        var pasted = JsonNode.Parse(await ModelAsync(other))!["root"]!;
        var newIds = pasted["activities"]!.AsArray().Where(a => a!["type"]!.GetValue<string>() != "Elsa.Start").Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, newIds.Count);
        Assert.DoesNotContain("chairDecision", newIds);
        Assert.Equal(2, pasted["connections"]!.AsArray().Count(c => newIds.Contains(c!["source"]!["activity"]!.GetValue<string>()) && newIds.Contains(c["target"]!["activity"]!.GetValue<string>())));
        await other.Keyboard.PressAsync("Control+z");
        Assert.Equal(empty, await ModelAsync(other));

        // The path's own inputs are edited in the panel and undone like any other change.
        await other.FillAsync("#wf-input", "voteRule");
        await other.Locator("[data-list=wf-input] button", new() { HasText = "Thêm" }).ClickAsync();
        Assert.Equal("voteRule", JsonNode.Parse(await ModelAsync(other))!["inputs"]![0]!["name"]!.GetValue<string>());
        await other.Keyboard.PressAsync("Control+z");
        Assert.Equal(empty, await ModelAsync(other));
        Assert.Equal(before, JsonNode.Parse(await ModelAsync(office))!["root"]!["activities"]!.AsArray().Count);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnElsaFile_ImportedInTheBrowser_SavedAndExported_ReadsBackToTheSameModel()
    {
        var errors = new List<string>();
        var office = await host.SignedInAsync("vanphong", bypassCsp: false);
        office.PageError += (_, error) => errors.Add(error);
        await office.GotoAsync("/designer");
        var file = Path.Combine(ElsaCompat(), "join-any-1.json");
        var original = await File.ReadAllTextAsync(file);
        // An activity type this runtime does not have, with a key of its own: it must come back untouched.
        var withUnknown = JsonNode.Parse(original)!.AsObject();
        withUnknown["definitionId"] = "join-any-with-unknown";
        withUnknown["root"]!["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "acmeSign", ["type"] = "Acme.DigitalSignature", ["version"] = 3, ["certificate"] = new JsonObject { ["issuer"] = "Ban Cơ yếu" },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 900.5, ["y"] = 40.25 } } },
        });
        var text = withUnknown.ToJsonString();
        await office.SetInputFilesAsync("#file", new FilePayload { Name = "join-any-1.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(text) });
        await office.GetByRole(AriaRole.Button, new() { Name = "Nhập tệp" }).ClickAsync();
        await office.WaitForURLAsync(new Regex("/designer/join-any-with-unknown"));
        await office.WaitForSelectorAsync("#designer-app[data-ready=true]");
        await Assertions.Expect(office.Locator(".designer-canvas g.x6-node")).ToHaveCountAsync(6);
        await Assertions.Expect(office.Locator(".designer-canvas g[data-cell-id='acmeSign'] rect[data-state='unknown']")).ToHaveCountAsync(1);
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "designer-imported-1280.png") });

        // What the canvas saves is what came in: save from the browser, export, read both.
        Assert.True(await office.EvaluateAsync<bool>("async () => { window.designer.instance.dirty = true; return await window.designer.save(); }"));
        var export = await office.APIRequest.GetAsync("/api/designer/definitions/join-any-with-unknown/export");
        Assert.True(export.Ok);
        var exported = await export.TextAsync();
        Assert.Equal(ElsaJsonWriter.Write(ElsaJsonReader.ReadOrThrow(text)), ElsaJsonWriter.Write(ElsaJsonReader.ReadOrThrow(exported)));
        Assert.Equal("Ban Cơ yếu", JsonNode.Parse(exported)!["root"]!["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "acmeSign")!["certificate"]!["issuer"]!.GetValue<string>());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheProvincePath_MovedAndPublishedAsVersion2_WhileANominationRunsOnVersion1_ThatNominationFinishesOnVersion1()
    {
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var contexts = host.Services.GetRequiredService<Persistence.IWorkflowDbContextFactory>();
        string instanceId;
        await using (var db = contexts.Create())
            instanceId = db.Instances.Where(i => i.DefinitionId == "nomination-province" && i.Status == "Suspended" && i.DefinitionVersion == 1).Select(i => i.Id).First();
        var nominationId = (await store.FindInstanceAsync(instanceId))!.CorrelationId!;

        var errors = new List<string>();
        var office = await OpenAsync(host, "vanphong", "/designer/nomination-province", errors);
        var appraisal = office.Locator(".designer-canvas g[data-cell-id='appraisal'] rect").First;
        var box = (await appraisal.BoundingBoxAsync())!;
        await office.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await office.Mouse.DownAsync();
        await office.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2 + 80, new() { Steps = 10 });
        await office.Mouse.UpAsync();
        await Assertions.Expect(office.Locator(".designer-status")).ToContainTextAsync("Đã lưu nháp", new() { Timeout = 10_000 });
        await Assertions.Expect(office.Locator("[data-action=publish]")).ToBeEnabledAsync();
        await office.Locator("[data-action=publish]").ClickAsync();
        await Assertions.Expect(office.Locator(".designer-status")).ToContainTextAsync("Đã phát hành phiên bản 2");
        await office.Locator("[data-tab=versions]").ClickAsync();
        await Assertions.Expect(office.Locator(".version[data-version='1'] [data-running]")).Not.ToContainTextAsync("0 hồ sơ");
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "designer-versions-1280.png") });

        // The diff of the two versions: the moved step is a move, not a change of the path.
        await office.Locator(".version[data-version='2'] [data-action=diff]").ClickAsync();
        await Assertions.Expect(office.Locator("[data-testid=view-title]")).ToContainTextAsync("thêm 0, bỏ 0, sửa 0 bước");
        await office.Locator("[data-action=back]").ClickAsync();

        // The office refuses the dossier at intake: the nomination's instance ends on version 1, by version 1's path.
        var decisions = host.Services.GetRequiredService<Notifications.Tasks.TaskDecisions>();
        var task = await decisions.FindOpenTaskAsync(nominationId, "completeness");
        Assert.NotNull(task);
        Assert.Equal(Notifications.Tasks.DecisionOutcome.Decided, await decisions.DecideSignedInAsync(task!.Id, "vanphong", "Reject", "Không thuộc thẩm quyền xét năm nay.", null));
        var until = DateTime.UtcNow.AddSeconds(20);
        WorkflowInstance? instance;
        while ((instance = await store.FindInstanceAsync(instanceId))!.Status != WorkflowStatus.Finished && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.Equal(WorkflowStatus.Finished, instance!.Status);
        Assert.Equal(1, instance.DefinitionVersion);
        Assert.Equal("nomination-province:v1", instance.DefinitionVersionId);
        Assert.Contains(await store.ReadJournalAsync(instanceId), e => e.ActivityId == "endRejectedAtIntake");
        Assert.Equal(2, (await host.Services.GetRequiredService<IDefinitionStore>().FindPublishedAsync("nomination-province"))!.Version);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ASubPathPublishedOnce_IsAStepInThePalette_AndDroppedIntoAnotherPathWithItsOutcomesAsPorts()
    {
        // "The council step" drawn once, usable as an activity, ending as passed or failed.
        var definitions = host.Services.GetRequiredService<IDefinitionStore>();
        var councilStep = ElsaJsonReader.ReadOrThrow("""
            { "id": "buoc-hoi-dong-v1", "definitionId": "buoc-hoi-dong", "name": "Bước Hội đồng", "version": 1,
              "options": { "usableAsActivity": true }, "outcomes": [ "Passed", "Failed" ],
              "inputs": [ { "name": "nomination", "type": "String", "displayName": "Mã hồ sơ" } ],
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
                "activities": [ { "id": "done", "type": "Elsa.Complete", "outcomes": { "typeName": "Object", "expression": { "type": "Literal", "value": "Passed" } } } ],
                "connections": [] } }
            """);
        await definitions.SaveAsync(councilStep, DefinitionSaveMode.AsIs);
        await definitions.SetPublishedAsync(councilStep.Id, true);

        var errors = new List<string>();
        var office = await host.SignedInAsync("vanphong", bypassCsp: false);
        office.PageError += (_, error) => errors.Add(error);
        await office.GotoAsync("/designer");
        await office.FillAsync("#name", "Xét danh hiệu dùng bước Hội đồng");
        await office.GetByRole(AriaRole.Button, new() { Name = "Tạo và mở trình thiết kế" }).ClickAsync();
        await office.WaitForURLAsync(new Regex("/designer/quy-trinh-"));
        await office.WaitForSelectorAsync("#designer-app[data-ready=true]");

        await DropFromPaletteAsync(office, "hoi dong", "BướcHộiĐồng", 260, 160);
        await office.FillAsync(".palette-search", "");
        var model = JsonNode.Parse(await ModelAsync(office))!;
        var step = model["root"]!["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "BướcHộiĐồng")!;
        Assert.Equal("buoc-hoi-dong", step["workflowDefinitionId"]!.GetValue<string>());
        Assert.Equal("buoc-hoi-dong-v1", step["workflowDefinitionVersionId"]!.GetValue<string>());
        var id = step["id"]!.GetValue<string>();
        await Assertions.Expect(Port(office, id, "Passed")).ToBeVisibleAsync();
        await Assertions.Expect(Port(office, id, "Failed")).ToBeVisibleAsync();
        await Assertions.Expect(office.Locator($".designer-canvas g[data-cell-id='{id}']")).ToContainTextAsync("Không thông qua");
        await DragAsync(office, Port(office, "start", "Done"), Port(office, id, "in"));
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "designer-subpath-1280.png") });
        await Assertions.Expect(office.Locator(".problem[data-code='unknown-type']")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheNominationPage_DrawsItsPathWithTheDesignersCode_CurrentStepAndPathTaken()
    {
        var contexts = host.Services.GetRequiredService<Persistence.IWorkflowDbContextFactory>();
        string nominationId;
        await using (var db = contexts.Create())
            nominationId = db.Instances.Where(i => i.DefinitionId == "nomination-commune" && i.Status == "Suspended").Select(i => i.CorrelationId!).First();
        var errors = new List<string>();
        var office = await host.SignedInAsync("vanphong", bypassCsp: false);
        office.PageError += (_, error) => errors.Add(error);
        office.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await office.GotoAsync($"/nominations/{nominationId}");
        await office.WaitForSelectorAsync("[data-testid=diagram-canvas][data-ready=true]");
        await Assertions.Expect(office.Locator("figure.diagram-figure .diagram")).ToBeHiddenAsync();
        Assert.True(await office.Locator(".diagram-canvas rect[data-run='waiting']").CountAsync() >= 1, "the step the nomination waits at is marked");
        Assert.True(await office.Locator(".diagram-canvas rect[data-run='done']").CountAsync() >= 2, "the steps done are marked");
        Assert.True(await office.Locator(".diagram-canvas path[data-taken='true']").CountAsync() >= 1, "the path taken is marked");
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.Screenshots, "nomination-diagram-1280.png"), FullPage = true });
        Assert.Empty(errors);
    }

    private static string ElsaCompat()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "elsa-compat"))) return Path.Combine(dir.FullName, "shared", "elsa-compat");
        throw new InvalidOperationException("shared/elsa-compat not found above the test binaries.");
    }
}
