using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// The movement as data: its seven contents and the criteria of its four groups; the units' yearly reports on the
/// contents, accepted or returned by the office; what the 2027 review collects; and the law's guards that replace a
/// behaviour the review found wrong.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MovementTests(WebHost host)
{
    private const string Campaign = "phong-trao-2026-2030";
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task TheCampaign_HasTheSevenContentsOfThePlan_AndTheCriteriaOfItsFourGroups()
    {
        var campaign = (await _api.GetAsync("thon1", "/api/campaigns")).AsArray().Single(c => c!["id"]!.GetValue<string>() == Campaign)!;
        var contents = campaign["contents"]!.AsArray();
        Assert.Equal(7, contents.Count);
        Assert.Equal("Nâng cao nhận thức, đổi mới tư duy về khoa học công nghệ và chuyển đổi số", contents[0]!["title"]!.GetValue<string>());
        Assert.Equal("Phát triển xã hội số, nâng cao kỹ năng số cho người dân", contents[5]!["title"]!.GetValue<string>());
        Assert.Contains("Bình dân học vụ số", contents[5]!["description"]!.GetValue<string>());
        Assert.Equal(["a", "b", "c", "d"], campaign["criteria"]!.AsArray().Select(c => c!["group"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task AUnitsReportFor2026_IsReturnedThenAccepted_AndReachesThe2027Review_WhichNamesWhoNeverReported()
    {
        var contents = (await _api.GetAsync("thon2", "/api/campaigns")).AsArray().Single(c => c!["id"]!.GetValue<string>() == Campaign)!["contents"]!.AsArray();
        long Content(int order) => contents[order - 1]!["id"]!.GetValue<long>();
        var thon2 = await _api.As("thon2");

        // Bad input names the field and stores nothing.
        var empty = await thon2.PostAsJsonAsync($"/api/campaigns/{Campaign}/reports", new { year = 2026, items = new Dictionary<string, string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("items", await empty.Content.ReadAsStringAsync());
        var outside = await thon2.PostAsJsonAsync($"/api/campaigns/{Campaign}/reports", new { year = 2031, items = new Dictionary<string, string> { [Content(1).ToString()] = "x" } });
        Assert.Contains("year", await outside.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await thon2.PostAsJsonAsync($"/api/campaigns/{Campaign}/reports",
            new { unitId = "thon-1", year = 2026, items = new Dictionary<string, string> { [Content(1).ToString()] = "x" } })).StatusCode);

        var sent = await _api.PostAsync("thon2", $"/api/campaigns/{Campaign}/reports", new
        {
            year = 2026,
            items = new Dictionary<string, string> { [Content(1).ToString()] = "Tuyên truyền chuyển đổi số tại 3 cuộc họp thôn.", [Content(4).ToString()] = "Ra quân thu gom rác thải nhựa hằng tháng." },
        });
        var reportId = sent["id"]!.GetValue<string>();

        // The office sees who reported and who has not; returning needs a note.
        var states = (await _api.GetAsync("vanphong", $"/api/campaigns/{Campaign}/reports?year=2026"))["states"]!.AsArray();
        Assert.Equal("Submitted", states.Single(s => s!["unitId"]!.GetValue<string>() == "thon-2")!["status"]!.GetValue<string>());
        Assert.Null(states.Single(s => s!["unitId"]!.GetValue<string>() == "mttq")!["reportId"]);
        var noNote = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/campaigns/{Campaign}/reports/{reportId}/review", new { accept = false });
        Assert.Contains("note", await noNote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await thon2.PostAsJsonAsync($"/api/campaigns/{Campaign}/reports/{reportId}/review", new { accept = true })).StatusCode);
        await _api.PostAsync("vanphong", $"/api/campaigns/{Campaign}/reports/{reportId}/review", new { accept = false, note = "Bổ sung số hộ tham gia." });
        var own = (await _api.GetAsync("thon2", $"/api/campaigns/{Campaign}/reports?year=2026"))["reports"]!.AsArray();
        Assert.Equal("Bổ sung số hộ tham gia.", Assert.Single(own)!["reviewNote"]!.GetValue<string>());
        Assert.Empty((await _api.GetAsync("thon2", $"/api/campaigns/{Campaign}/reports?year=2026"))["states"]!.AsArray()); // a unit does not see the others

        await _api.PostAsync("thon2", $"/api/campaigns/{Campaign}/reports", new
        {
            year = 2026,
            items = new Dictionary<string, string> { [Content(1).ToString()] = "Tuyên truyền chuyển đổi số tại 3 cuộc họp thôn; 210 hộ tham gia." },
        });
        await _api.PostAsync("vanphong", $"/api/campaigns/{Campaign}/reports/{reportId}/review", new { accept = true });
        var again = await thon2.PostAsJsonAsync($"/api/campaigns/{Campaign}/reports", new { year = 2026, items = new Dictionary<string, string> { [Content(2).ToString()] = "x" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The 2027 interim review collects the 2026 reports and names the units that never reported.
        var review = await _api.GetAsync("truongphong", $"/api/campaigns/{Campaign}/reviews/2027");
        Assert.Equal(2026, review["fromYear"]!.GetValue<int>());
        var collected = review["reports"]!.AsArray().Single(r => r!["unitId"]!.GetValue<string>() == "thon-2")!;
        Assert.Equal("Accepted", collected["status"]!.GetValue<string>());
        Assert.EndsWith("210 hộ tham gia.", collected["items"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var never = review["neverReported"]!.AsArray().Select(u => u!["unitId"]!.GetValue<string>()).ToList();
        Assert.Contains("mttq", never);
        Assert.DoesNotContain("thon-2", never);
        Assert.DoesNotContain("thon-1", never); // the demo data's accepted 2026 report
        Assert.DoesNotContain("phong-vhxh", never); // the office runs the movement
        Assert.True(review["awards"]!["total"]!["proposed"]!.GetValue<int>() > 0);
        Assert.Equal(HttpStatusCode.Forbidden, (await thon2.GetAsync($"/api/campaigns/{Campaign}/reviews/2027")).StatusCode);
    }

    [Fact]
    public async Task ASuddenNomination_ForAnAnnualTitle_IsRefusedNamingTheRule()
    {
        var person = await _api.NewPersonAsync("thon1", "thon-1", "Hồ Thị Đột Xuất");
        var refused = await (await _api.As("thon1")).PostAsJsonAsync("/api/nominations", new
        {
            unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "CSTDCS", commendationType = "Sudden", year = 2026,
            achievementSummary = "Cứu người trong lũ.", performanceRating = "Excellent",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var message = problem["errors"]!["commendationType"]![0]!.GetValue<string>();
        Assert.Contains("Chiến sĩ thi đua cơ sở", message);
        Assert.Contains("Điều 8", message);
    }

    [Fact]
    public async Task APersonUnderDiscipline_CannotBeProposedForAYearTheDisciplineOverlaps()
    {
        var person = await _api.NewPersonAsync("thon1", "thon-1", "Lê Văn Kỷ");
        var bad = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/people/{person}/disciplines", new { form = "Khiển trách", from = "2026-03-01", until = "2026-01-01" });
        Assert.Contains("until", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _api.As("thon1")).PostAsJsonAsync($"/api/people/{person}/disciplines",
            new { form = "Khiển trách", from = "2026-03-01", until = "2027-02-28" })).StatusCode);
        await _api.PostAsync("vanphong", $"/api/people/{person}/disciplines", new { form = "Khiển trách", from = "2026-03-01", until = "2027-02-28" }, HttpStatusCode.Created);

        object Body(int year) => new { unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "LDTT", year, achievementSummary = "Hoàn thành tốt nhiệm vụ.", performanceRating = "Good" };
        var refused = await (await _api.As("thon1")).PostAsJsonAsync("/api/nominations", Body(2026));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["personId"]![0]!.GetValue<string>();
        Assert.Contains("Khiển trách", message);
        Assert.Contains("28/02/2027", message);
        Assert.Contains("Điều 4", message);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await _api.As("thon1")).PostAsJsonAsync("/api/nominations", Body(2027))).StatusCode);
        // After the period ends the year counts again.
        await _api.CreateAsync("thon1", Body(2028));
    }

    [Fact]
    public async Task AHold_CanBePlacedAtAnyStepBeforeTheDecision_StopsTheStep_AndPausesTheLegalClock()
    {
        var person = await _api.NewPersonAsync("thon1", "thon-1", "Phạm Thị Tạm Dừng");
        var id = (await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "CSTDCS", year = 2026,
            achievementSummary = "Sáng kiến số hóa sổ theo dõi hộ nghèo.", performanceRating = "Excellent", initiativeRecognized = true }))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("thon1", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf(id))).StatusCode);
        await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });

        // Before the completeness check (not only under appraisal, as before): held, the step cannot be decided.
        await _api.OpenTaskAsync(id, "completeness");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds", new { reason = "Đang xác minh đơn tố cáo", note = "Đơn gửi ngày 20/11" }, HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Conflict, (await (await _api.As("vanphong")).PostAsJsonAsync($"/api/nominations/{id}/holds", new { reason = "Lần hai" })).StatusCode);
        var task = await _api.OpenTaskAsync(id, "completeness");
        var refused = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/complete", new { action = "Complete" });
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("đang tạm dừng xét (Đang xác minh đơn tố cáo)", text);
        Assert.Contains("Nghị định 152/2025/NĐ-CP Điều 4", text);
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds/release", new { note = "Đơn không có cơ sở" });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        var received = await _api.WaitStatusAsync(id, "Received");
        var due = received["nomination"]!["dueAt"]!.GetValue<DateTimeOffset>();

        // Under appraisal, held three working days: the legal due date moves by three working days.
        await _api.OpenTaskAsync(id, "appraisal");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds", new { reason = "Chờ kết luận thanh tra" }, HttpStatusCode.Accepted);
        await _api.WaitStatusAsync(id, "OnHold");
        var calendar = host.Services.GetRequiredService<WorkingCalendar>();
        var today = calendar.LocalDate(DateTimeOffset.UtcNow);
        await using (var db = host.Services.GetRequiredService<NominationsContexts>().Create())
            await db.EligibilityHolds.Where(h => h.NominationId == id && h.ReleasedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(h => h.PlacedAt, calendar.StartOfWorkingDay(calendar.AddWorkingDays(today, -3))));
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds/release", new { note = "Thanh tra kết luận không vi phạm" });
        var back = await _api.WaitStatusAsync(id, "Received");
        // Three working days back from a weekday; from a weekend day, the days between count the same way.
        var paused = calendar.WorkingDaysBetween(calendar.AddWorkingDays(today, -3), today);
        Assert.Equal(calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(due), paused)), back["nomination"]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(back["history"]!.AsArray(), e => e!["note"]?.GetValue<string>()?.Contains($"hạn giải quyết lùi {paused} ngày làm việc", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ThonVanHoa_IsPostedAfterTheCouncilVotes_NotBeforeIt()
    {
        var id = (await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Collective", nomineeUnitId = "thon-1", awardCode = "THONVH", year = 2026,
            achievementSummary = "Thôn đạt chuẩn văn hóa: 95% hộ Gia đình văn hóa, không có tệ nạn xã hội.", advancedWorkerPercent = 80 }))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("thon1", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf(id))).StatusCode);
        await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");

        // Eligible goes straight to the council: the list is not posted before the vote (it was, before).
        var before = await _api.WaitStatusAsync(id, "AwaitingCouncil");
        Assert.DoesNotContain(before["history"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "PublicPosting");

        var members = await _api.CouncilOfAsync("tvh", 5);
        await _api.VoteAsync(members, id, 5, "Phiên họp xét công nhận Thôn văn hóa");
        await _api.WaitStatusAsync(id, "PublicPosting");

        // Posted ten days after the vote; when the time is up with no objection, the chair decides.
        var store = host.Services.GetRequiredService<ThiDua.Workflows.Engine.Stores.IWorkflowStore>();
        ThiDua.Workflows.Engine.Runtime.Bookmark? ends = null;
        for (var i = 0; i < 100 && ends is null; i++)
        {
            ends = (await store.FindInstanceAsync(ThiDua.Workflows.Nominations.Services.NominationService.InstanceId(id)))!.Bookmarks.FirstOrDefault(x => x.Name == "ThiDua.Nominations.PostingEnds");
            if (ends is null) await Task.Delay(100);
        }

        var calendar = host.Services.GetRequiredService<WorkingCalendar>();
        Assert.Equal(calendar.LocalDate(DateTimeOffset.UtcNow).AddDays(10), calendar.LocalDate(ends!.ResumeAt!.Value));
        await host.Services.GetRequiredService<ThiDua.Workflows.Engine.Runtime.IWorkflowRuntime>().ResumeAsync(ends.Id);
        await _api.WaitStatusAsync(id, "AwaitingDecision");
    }

    [Fact]
    public async Task WithFewerPlacesThanPassedNominees_EqualVotesGoToTheWoman()
    {
        // The man is proposed first: by the agenda's order alone he would take the one place.
        var man = (await _api.PostAsync("thon1", "/api/people", new { fullName = "Lê Văn Bằng", gender = "Nam", birthYear = 1985, position = "Cán bộ", unitId = "thon-1", recruitedOn = "2015-01-01" },
            HttpStatusCode.Created))["id"]!.GetValue<long>();
        var woman = await _api.NewPersonAsync("thon1", "thon-1", "Lê Thị Bằng");
        var ids = new List<string>();
        foreach (var person in new[] { man, woman })
        {
            var id = (await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
                achievementSummary = "Hoàn thành tốt nhiệm vụ, tích cực chuyển đổi số.", performanceRating = "Good" }))["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("thon1", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf(id))).StatusCode);
            await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });
            await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
            await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
            await _api.WaitStatusAsync(id, "AwaitingCouncil");
            ids.Add(id);
        }

        var members = await _api.CouncilOfAsync("bang", 5);
        var tooMany = await (await _api.As("thuky")).PostAsJsonAsync("/api/council-sessions", new { title = "Phiên xét LĐTT", nominationIds = ids, places = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("places", await tooMany.Content.ReadAsStringAsync());
        var session = (await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Phiên xét Lao động tiên tiến (1 suất)", nominationIds = ids, places = 1 }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        foreach (var member in members)
        {
            await _api.PostAsync("thuky", $"/api/council-sessions/{session}/attendance", new { userName = member, attendance = "Present" });
            foreach (var id in ids) await _api.PostAsync(member, $"/api/council-sessions/{session}/ballots", new { nominationId = id, choice = "Approve" });
        }

        await _api.PostAsync("thuky", $"/api/council-sessions/{session}/close", new { });
        await _api.WaitStatusAsync(ids[1], "AwaitingDecision");
        var out_ = await _api.WaitStatusAsync(ids[0], "CouncilRejected");
        var note = out_["history"]!.AsArray().Last(e => e!["event"]!.GetValue<string>() == "CouncilVoted")!["note"]!.GetValue<string>();
        Assert.Contains("5/5 thành viên đồng ý", note);
        Assert.Contains("ngoài 1 suất được đề nghị; bằng phiếu thì ưu tiên nữ — Nghị định 152/2025/NĐ-CP Điều 4", note);
    }

    [Fact]
    public async Task AMergedSchoolsTitles_CountInTheChainOfTheSchoolThatContinuesIt()
    {
        // The demo register: TTLĐXS 2024 of the school of the commune merged on 1/7/2025, TTLĐXS 2025 of the school
        // that continues it. Two consecutive years for a Bằng khen of the province in 2026 — counted only with the merger.
        object Body(string unit) => new
        {
            unitId = unit, nomineeKind = "Collective", nomineeUnitId = unit, awardCode = "BKTINH", year = 2026,
            achievementSummary = "Tập thể hoàn thành xuất sắc nhiệm vụ, dẫn đầu phong trào chuyển đổi số trong trường học.", advancedWorkerPercent = 80,
        };
        var merged = await _api.CreateAsync("vanphong", Body("truong-thcs"));
        Assert.DoesNotContain(merged["eligibilityIssues"]!.AsArray(), i => i!.GetValue<string>().Contains("Tập thể lao động xuất sắc", StringComparison.Ordinal));
        var alone = await _api.CreateAsync("vanphong", Body("truong-tieu-hoc"));
        var issue = Assert.Single(alone["eligibilityIssues"]!.AsArray(), i => i!.GetValue<string>().Contains("Tập thể lao động xuất sắc", StringComparison.Ordinal));
        Assert.Contains("(2024, 2025)", issue!.GetValue<string>());
        Assert.Contains("kể cả đơn vị trước sáp nhập", issue.GetValue<string>());

        // The office sees the merger where it keeps the units.
        var page = await (await _api.As("vanphong")).GetStringAsync("/settings/units");
        Assert.Contains("Đã sáp nhập vào Trường THCS xã Trường Lưu từ 01/07/2025", page);
    }

    [Fact]
    public async Task TheCommuneCouncil_VotesOnCoThiDuaChinhPhu_ByMajority_NotTheProvincesEightyPercent()
    {
        var award = (await _api.GetAsync("vanphong", "/api/awards")).AsArray().Single(a => a!["code"]!.GetValue<string>() == "COCP")!;
        Assert.Equal("Majority", award["voteRule"]!.GetValue<string>());
        Assert.Null(award["voteThresholdPercent"]);
        Assert.Contains("5 năm", award["standards"]!.GetValue<string>());
    }
}
