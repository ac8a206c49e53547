using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Nominations;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// List proposals through the API with the host's real SMTP server: one văn bản đề nghị with a danh sách, one path
/// (one task at each step), nominees reviewed one by one, one ballot sheet, one decision with the annexed list.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ProposalTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task AThonProposes30Households_TheOfficeReturns2AndAccepts28_OneDecisionWith28Rows_TheRegisterShows28()
    {
        var households = Enumerable.Range(1, 30).Select(i => new
        {
            nomineeKind = "Household", householdName = $"Hộ ông Nguyễn Văn Thành {i:00}", awardCode = "GDVH",
            achievementSummary = "Gia đình văn hóa tiêu biểu: thực hiện tốt nếp sống văn minh, tham gia chuyển đổi số.",
        }).ToList();

        // One line wrong: the error names that line and nothing is stored.
        var bad = await (await _api.As("thon1")).PostAsJsonAsync("/api/proposals", new
        {
            year = 2026, title = "Đề nghị công nhận Gia đình văn hóa năm 2026",
            nominees = households.Take(3).Cast<object>().Append(new { nomineeKind = "Household", householdName = "", awardCode = "GDVH", achievementSummary = "x" }),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("nominees[3].householdName", await bad.Content.ReadAsStringAsync());

        // Posted at the thôn for ten days, not yet over: the letter cannot go (NĐ 86/2023); a list posted earlier can.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var posting = await _api.PostAsync("thon1", "/api/proposals", new
        {
            year = 2026, title = "Đề nghị công nhận Gia đình văn hóa năm 2026 (niêm yết chưa xong)", nominees = households.Take(2), postedFrom = today.AddDays(-5), postedTo = today.AddDays(4),
        }, HttpStatusCode.Created);
        var notYet = await (await _api.As("thon1")).PostAsync($"/api/proposals/{posting["id"]!.GetValue<string>()}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, notYet.StatusCode);
        Assert.Contains("thời gian niêm yết đến hết ngày", await notYet.Content.ReadAsStringAsync());

        var created = await _api.PostAsync("thon1", "/api/proposals", new
        {
            year = 2026, title = "Đề nghị công nhận Gia đình văn hóa năm 2026", letterNumber = "12/TTr-T1", nominees = households,
            postedFrom = today.AddDays(-13), postedTo = today.AddDays(-4),
        }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await _api.PostAsync("thon1", $"/api/proposals/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, (await (await _api.As("thon1")).PostAsync($"/api/proposals/{id}/submit", null)).StatusCode);

        // One task for the office, mailed once — not thirty.
        await host.Mail.WaitForAsync("vanphong@", "Xét danh sách đề nghị khen thưởng: Đề nghị công nhận Gia đình văn hóa năm 2026 — Thôn 1 (30 đối tượng)");
        var review = await _api.OpenTaskAsync(id, "review");
        var early = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/tasks/{review["id"]}/complete", new { action = "Done" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Còn 30 đối tượng chưa xét", await early.Content.ReadAsStringAsync());

        var nominees = (await _api.GetAsync("vanphong", $"/api/proposals/{id}"))["nominees"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(30, nominees.Count);
        var noNote = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/proposals/{id}/nominees/{nominees[0]}/review", new { outcome = "Return" });
        Assert.Contains("note", await noNote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _api.As("thon1")).PostAsJsonAsync($"/api/proposals/{id}/nominees/{nominees[0]}/review", new { outcome = "Accept" })).StatusCode);
        foreach (var (nominee, i) in nominees.Select((n, i) => (n, i)))
            await _api.PostAsync("vanphong", $"/api/proposals/{id}/nominees/{nominee}/review",
                i < 2 ? new { outcome = "Return", note = "Thiếu biên bản bình xét ở khu dân cư." } : new { outcome = "Accept", note = (string?)null });
        Assert.Equal(HttpStatusCode.Conflict, (await (await _api.As("vanphong")).PostAsJsonAsync($"/api/proposals/{id}/nominees/{nominees[5]}/review", new { outcome = "Accept" })).StatusCode);
        await _api.PostAsync("vanphong", $"/api/tasks/{review["id"]}/complete", new { action = "Done" });

        // Gia đình văn hóa needs no council vote: straight to the chair, who signs one decision for the list.
        await host.Mail.WaitForAsync("chutich@", "Ký quyết định khen thưởng theo danh sách: Đề nghị công nhận Gia đình văn hóa năm 2026 — Thôn 1");
        var sign = await _api.OpenTaskAsync(id, "chairDecision");
        await _api.PostAsync("chutich", $"/api/tasks/{sign["id"]}/complete", new { action = "Sign" });
        var detail = await WaitAsync(id, "Decided");
        Assert.NotNull(detail["decisionNumber"]);
        var list = detail["nominees"]!.AsArray();
        Assert.Equal(28, list.Count(n => n!["status"]!.GetValue<string>() == "Decided"));
        Assert.Equal(2, list.Count(n => n!["status"]!.GetValue<string>() == "ReturnedForSupplement"));

        var decision = (await _api.GetAsync("vanphong", "/api/decisions")).AsArray().Single(d => d!["subjectKey"]!.GetValue<string>() == "proposal:" + id)!;
        Assert.Equal(detail["decisionNumber"]!.GetValue<string>(), decision["documentNumber"]!.GetValue<string>());
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await (await _api.As("vanphong")).GetByteArrayAsync($"/api/decisions/{decision["id"]}/document")), false))
        {
            var rows = word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().Last().Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ToList();
            Assert.Equal(29, rows.Count); // header + 28
            Assert.Contains("Gia đình văn hóa", rows[1].InnerText);
        }

        await using (var db = host.Services.GetRequiredService<NominationsContexts>().Create())
            Assert.Equal(28, await db.Commendations.CountAsync(c => c.NominationId != null && nominees.Contains(c.NominationId) && c.AwardCode == "GDVH"));

        var notice = await host.Mail.WaitForAsync("thon1@", "[Thi đua] Kết quả danh sách đề nghị: Đề nghị công nhận Gia đình văn hóa năm 2026");
        Assert.Contains("28", notice);

        // A returned household goes on alone, on its own path, without holding the list back.
        var alone = await _api.PostAsync("thon1", $"/api/nominations/{nominees[0]}/submit", new { });
        Assert.Equal("nomination-commune", alone["workflowDefinitionId"]!.GetValue<string>());
        var listed = (await _api.GetAsync("thon1", "/api/proposals?year=2026&status=Decided")).AsArray();
        Assert.Contains(listed, p => p!["id"]!.GetValue<string>() == id && p["nomineeCount"]!.GetValue<int>() == 30);
        Assert.Empty((await _api.GetAsync("thon2", $"/api/proposals?unitId=thon-1")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _api.As("thon2")).GetAsync($"/api/proposals/{id}")).StatusCode);
    }

    [Fact]
    public async Task ASchoolsListOfLdttAndCstdcs_IsVotedOnOneBallotSheet_WithAResultPerNominee()
    {
        var people = new List<long>();
        foreach (var name in new[] { "Trần Thị Lan Anh", "Phạm Văn Quang", "Hoàng Thị Minh Thư" })
            people.Add(await _api.NewPersonAsync("hieutruong", "truong-thcs", name));
        var created = await _api.PostAsync("hieutruong", "/api/proposals", new
        {
            year = 2026, title = "Đề nghị danh hiệu thi đua năm học 2025-2026",
            nominees = new object[]
            {
                new { nomineeKind = "Individual", personId = people[0], awardCode = "LDTT", achievementSummary = "Hoàn thành tốt nhiệm vụ giảng dạy.", performanceRating = "Good" },
                new { nomineeKind = "Individual", personId = people[1], awardCode = "LDTT", achievementSummary = "Hoàn thành tốt nhiệm vụ chủ nhiệm.", performanceRating = "Good" },
                new { nomineeKind = "Individual", personId = people[2], awardCode = "CSTDCS", achievementSummary = "Sáng kiến dạy học số được công nhận.", performanceRating = "Excellent", initiativeRecognized = true },
            },
        }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await _api.PostAsync("hieutruong", $"/api/proposals/{id}/submit", new { });
        var review = await _api.OpenTaskAsync(id, "review");
        var nominees = (await _api.GetAsync("vanphong", $"/api/proposals/{id}"))["nominees"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        foreach (var nominee in nominees) await _api.PostAsync("vanphong", $"/api/proposals/{id}/nominees/{nominee}/review", new { outcome = "Accept" });
        await _api.PostAsync("vanphong", $"/api/tasks/{review["id"]}/complete", new { action = "Done" });
        await WaitAsync(id, "AwaitingCouncil");

        // One session, one ballot sheet with the three: 3 of 5 approve everyone — a majority for LĐTT, not the 80% of CSTĐCS.
        var members = await _api.CouncilOfAsync("hdS", 5);
        var session = (await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Phiên họp xét danh sách Trường THCS", nominationIds = nominees }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        foreach (var member in members) await _api.PostAsync("thuky", $"/api/council-sessions/{session}/attendance", new { userName = member, attendance = "Present" });
        for (var m = 0; m < members.Count; m++)
            foreach (var nominee in nominees)
                await _api.PostAsync(members[m], $"/api/council-sessions/{session}/ballots", new { nominationId = nominee, choice = m < 3 ? "Approve" : "Reject" });
        var closed = await _api.PostAsync("thuky", $"/api/council-sessions/{session}/close", new { });
        Assert.Equal(["Passed", "Passed", "Failed"], nominees.Select(n => closed["items"]!.AsArray().Single(i => i!["nominationId"]!.GetValue<string>() == n)!["result"]!.GetValue<string>()));

        var awaiting = await WaitAsync(id, "AwaitingDecision");
        Assert.Equal(["Passed", "Passed", "Failed"], awaiting["nominees"]!.AsArray().Select(n => n!["councilResult"]!.GetValue<string>()));
        Assert.Equal("CouncilRejected", awaiting["nominees"]![2]!["status"]!.GetValue<string>());
        var sign = await _api.OpenTaskAsync(id, "chairDecision");
        await _api.PostAsync("chutich", $"/api/tasks/{sign["id"]}/complete", new { action = "Sign" });
        var decided = await WaitAsync(id, "Decided");
        Assert.Equal(["Decided", "Decided", "CouncilRejected"], decided["nominees"]!.AsArray().Select(n => n!["status"]!.GetValue<string>()));
    }

    private async Task<JsonNode> WaitAsync(string id, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonNode detail;
        do
        {
            detail = await _api.GetAsync("vanphong", $"/api/proposals/{id}");
            if (detail["status"]!.GetValue<string>() == status) return detail;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);
        Assert.Fail($"Proposal {id} stayed at {detail["status"]} (waited for {status}).");
        return detail;
    }

    [Fact]
    public async Task AHouseholdListNotPostedAtTheThonForTenDays_CannotBeSent_AndGiaDinhVanHoaIsNotProposedAlone()
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
        object Household(int i) => new { nomineeKind = "Household", householdName = $"Hộ ông Hoàng Văn Phúc {i}", awardCode = "GDVH", achievementSummary = "Gia đình văn hóa tiêu biểu." };
        async Task<HttpResponseMessage> SendAsync(DateOnly? from, DateOnly? to)
        {
            var created = await _api.PostAsync("thon1", "/api/proposals", new { year = 2026, title = "Đề nghị công nhận Gia đình văn hóa", nominees = new[] { Household(1), Household(2) }, postedFrom = from, postedTo = to },
                HttpStatusCode.Created);
            return await (await _api.As("thon1")).PostAsync($"/api/proposals/{created["id"]!.GetValue<string>()}/submit", null);
        }

        var unposted = await SendAsync(null, null);
        Assert.Equal(HttpStatusCode.BadRequest, unposted.StatusCode);
        var text = await unposted.Content.ReadAsStringAsync();
        Assert.Contains("postedFrom", text);
        Assert.Contains("niêm yết công khai 10 ngày tại đơn vị (thôn)", text);
        Assert.Contains("Nghị định 86/2023/NĐ-CP", text);
        var tooShort = await SendAsync(today.AddDays(-8), today.AddDays(-3));
        Assert.Contains("mới niêm yết 6 ngày", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(today.AddDays(-11), today.AddDays(-2))).StatusCode);

        // A single household nomination for the title bypassed the thôn's list and its posting: refused, naming the rule.
        var alone = await (await _api.As("thon1")).PostAsJsonAsync("/api/nominations", new
        {
            unitId = "thon-1", nomineeKind = "Household", householdName = "Hộ ông Hoàng Văn Phúc", awardCode = "GDVH", year = 2026, achievementSummary = "Gia đình văn hóa.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        var aloneText = await alone.Content.ReadAsStringAsync();
        Assert.Contains("awardCode", aloneText);
        Assert.Contains("được đề nghị theo danh sách của thôn", aloneText);
    }
}
