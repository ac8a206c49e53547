using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>A process that stops between a domain change and its effect on the workflow loses nothing.</summary>
[Collection(WebCollection.Name)]
public sealed class NominationRecoveryTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task ASignalCommittedButNotDelivered_IsDeliveredLater_Once()
    {
        var person = await _api.NewPersonAsync("truongphongkt", "phong-kinh-te", "Lý Văn Sơn");
        var n = await _api.CreateAsync("truongphongkt", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Hoàn thành tốt nhiệm vụ.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("truongphongkt", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds", new { reason = "Đang thanh tra" }, HttpStatusCode.Accepted);
        await _api.WaitStatusAsync(id, "OnHold");

        // As if the release committed and the process stopped before resuming the workflow.
        var contexts = host.Services.GetRequiredService<NominationsContexts>();
        var signals = host.Services.GetRequiredService<WorkflowSignals>();
        await using (var db = contexts.Create())
        {
            await db.EligibilityHolds.Where(h => h.NominationId == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.ReleasedAt, DateTimeOffset.UtcNow));
            var signal = signals.Add(db, id, NominationStimuli.HoldReleased, new System.Text.Json.Nodes.JsonObject { ["note"] = "Thanh tra kết luận không vi phạm" });
            await db.SaveChangesAsync();
            // The writer's lease keeps the signal for the writer; it died, and its lease has run out.
            Assert.Equal(0, await signals.DeliverPendingAsync());
            await db.WorkflowSignals.Where(s => s.Id == signal.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        Assert.Equal("OnHold", (await _api.DetailAsync(id))["nomination"]!["status"]!.GetValue<string>());
        Assert.True(await signals.DeliverPendingAsync() >= 1);
        await _api.WaitStatusAsync(id, "Received");
        await _api.OpenTaskAsync(id, "appraisal");
        Assert.Equal(0, await signals.DeliverPendingAsync());
    }

    [Fact]
    public async Task ACountInterruptedAfterTheClaim_IsFinishedAtStartUp()
    {
        var person = await _api.NewPersonAsync("chutichhpn", "hoi-phu-nu", "Trịnh Thị Yến");
        var n = await _api.CreateAsync("chutichhpn", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Vận động hội viên tham gia chuyển đổi số.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("chutichhpn", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var members = await _api.CouncilOfAsync("hdR", 5);
        var session = await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Phiên họp bị gián đoạn", nominationIds = new[] { id } }, HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<string>();
        foreach (var member in members) await _api.PostAsync(member, $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Approve" });

        // As if the closer claimed the session and stopped.
        var contexts = host.Services.GetRequiredService<NominationsContexts>();
        await using (var db = contexts.Create())
            await db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, "Counting"));
        var late = await (await _api.As(members[0])).PostAsync($"/api/council-sessions/{sessionId}/close", null);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode); // a member cannot close; the secretary's second close is refused below
        Assert.Equal(HttpStatusCode.Conflict, (await (await _api.As("thuky")).PostAsync($"/api/council-sessions/{sessionId}/close", null)).StatusCode);

        Assert.Equal(1, await host.Services.GetRequiredService<CouncilService>().FinishInterruptedCountsAsync());
        var closed = await _api.GetAsync("thuky", $"/api/council-sessions/{sessionId}");
        Assert.Equal("Closed", closed["status"]!.GetValue<string>());
        Assert.Equal("Passed", closed["items"]![0]!["result"]!.GetValue<string>());
        await _api.WaitStatusAsync(id, "AwaitingDecision");
        Assert.Equal(0, await host.Services.GetRequiredService<CouncilService>().FinishInterruptedCountsAsync());
    }
}
