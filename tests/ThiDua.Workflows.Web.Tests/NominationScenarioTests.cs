using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Each path from proposal to decision (or the province's answer) through the public API, with the mail each role
/// receives from a real SMTP server and the final statuses.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NominationScenarioTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task CommunePath_SupplementOnce_HoldAndResume_VoteFailsAt79_PassesAt80_ChairDecides()
    {
        // A unit (Thôn 1) proposes two people for Chiến sĩ thi đua cơ sở.
        var p1 = await _api.NewPersonAsync("thon1", "thon-1", "Hoàng Thị Lụa");
        var p2 = await _api.NewPersonAsync("thon1", "thon-1", "Ngô Văn Bình");
        var a = await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = p1, awardCode = "CSTDCS", year = 2026,
            achievementSummary = "Vận động 100% hộ dân cài ứng dụng VNeID.", performanceRating = "Good", initiativeRecognized = false });
        var b = await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = p2, awardCode = "CSTDCS", year = 2026,
            achievementSummary = "Sáng kiến số hóa sổ hộ khẩu thôn.", performanceRating = "Excellent", initiativeRecognized = true });
        var aId = a["id"]!.GetValue<string>();
        var bId = b["id"]!.GetValue<string>();

        // Eligibility: flagged with the reason before anything else (no LĐTT; neither excellent rating nor initiative).
        var flags = string.Join(" | ", a["eligibilityIssues"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains("Lao động tiên tiến", flags);
        Assert.Contains("hoàn thành xuất sắc nhiệm vụ", flags);
        Assert.DoesNotContain("sáng kiến", string.Join(" ", b["eligibilityIssues"]!.AsArray().Select(x => x!.GetValue<string>())));

        foreach (var id in new[] { aId, bId })
        {
            var upload = await _api.UploadAsync("thon1", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf(id));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });
        }

        // Submitting twice takes effect once.
        var again = await (await _api.As("thon1")).PostAsync($"/api/nominations/{aId}/submit", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The office is mailed the completeness check; it asks for a supplement once.
        await host.Mail.WaitForAsync("vanphong@", "Kiểm tra tính đầy đủ của hồ sơ: Chiến sĩ thi đua cơ sở năm 2026 — Hoàng Thị Lụa");
        await _api.CompleteAsync("vanphong", aId, "completeness", "Supplement", "Thiếu biên bản họp bình xét của thôn.");
        await _api.WaitStatusAsync(aId, "ReturnedForSupplement");
        var supplementMail = await host.Mail.WaitForAsync("thon1@", "Bổ sung hồ sơ: Chiến sĩ thi đua cơ sở năm 2026 — Hoàng Thị Lụa");
        Assert.Contains("Thiếu biên bản họp bình xét", supplementMail);
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("thon1", aId, "MeetingMinutes", "Biên bản bình xét thôn 1.pdf", NominationApi.Pdf("bb"))).StatusCode);
        await _api.PostAsync("thon1", $"/api/nominations/{aId}/submit", new { });
        await _api.WaitStatusAsync(aId, "Submitted");

        // The second check offers no second supplement request.
        var second = await _api.OpenTaskAsync(aId, "completeness");
        Assert.DoesNotContain("Supplement", second["actions"]!.AsArray().Select(x => x!.GetValue<string>()));
        var refused = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(second["id"]!.GetValue<string>())}/complete", new { action = "Supplement", comment = "Lần hai" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Complete: the legal clock starts; the due date is 20 working days on and shows on the nomination and the task.
        await _api.CompleteAsync("vanphong", aId, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", bId, "completeness", "Complete");
        var received = await _api.WaitStatusAsync(aId, "Received");
        var calendar = host.Services.GetRequiredService<WorkingCalendar>();
        var expectedDue = calendar.AddWorkingDays(calendar.LocalDate(DateTimeOffset.UtcNow), 20);
        Assert.Equal(expectedDue.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), received["nomination"]!["dueDate"]!.GetValue<string>());
        var appraisal = await _api.OpenTaskAsync(aId, "appraisal");
        Assert.Equal(calendar.EndOfWorkingDay(expectedDue), appraisal["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, received["nomination"]!["supplementRequests"]!.GetValue<int>());

        // ... and reminds: the appraisal's reminder timers exist; firing one mails the office "[Nhắc việc]".
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var instance = await store.FindInstanceAsync(NominationService.InstanceId(aId));
        var reminders = instance!.Bookmarks.Where(x => x.Name == UserTask.ReminderBookmark).OrderBy(x => x.ResumeAt).ToList();
        Assert.Equal(3, reminders.Count);
        Assert.All(reminders, r => Assert.True(r.ResumeAt < calendar.EndOfWorkingDay(expectedDue)));
        await host.Services.GetRequiredService<IWorkflowRuntime>().ResumeAsync(reminders[0].Id);
        var reminder = await host.Mail.WaitForAsync("vanphong@", "[Nhắc việc] Thẩm định hồ sơ: Chiến sĩ thi đua cơ sở năm 2026 — Hoàng Thị Lụa");
        Assert.Contains(expectedDue.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), reminder);

        // A complaint is pending: the office puts the nomination on hold, then resumes it.
        await _api.PostAsync("vanphong", $"/api/nominations/{aId}/holds", new { reason = "Đang giải quyết khiếu nại", note = "Đơn ngày 20/11" }, HttpStatusCode.Accepted);
        var onHold = await _api.WaitStatusAsync(aId, "OnHold");
        Assert.Contains("Đang giải quyết khiếu nại", onHold["holds"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains("Đang tạm dừng xét", string.Join(" ", onHold["nomination"]!["eligibilityIssues"]!.AsArray().Select(x => x!.GetValue<string>())));
        await _api.PostAsync("vanphong", $"/api/nominations/{aId}/holds/release", new { note = "Khiếu nại đã giải quyết xong" });
        await _api.WaitStatusAsync(aId, "Received");
        await _api.CompleteAsync("vanphong", aId, "appraisal", "Eligible");
        await _api.CompleteAsync("vanphong", bId, "appraisal", "Eligible");
        await _api.WaitStatusAsync(aId, "AwaitingCouncil");
        await _api.WaitStatusAsync(bId, "AwaitingCouncil");

        // A council of 19: 15 approve = 78.9 % of all members < 80 % → not proposed.
        var nineteen = await _api.CouncilOfAsync("hdA", 19);
        var session = await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Phiên họp Hội đồng TĐKT xã tháng 12/2026", nominationIds = new[] { aId } }, HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<string>();
        var invitation = await host.Mail.WaitForAsync("hdA07@", "[Hội đồng TĐKT] Mời họp và bỏ phiếu");
        Assert.Contains("Lao động tiên tiến", invitation); // the flag reaches the members before they vote
        for (var i = 0; i < 19; i++)
            await _api.PostAsync(nineteen[i], $"/api/council-sessions/{sessionId}/ballots", new { nominationId = aId, choice = i < 15 ? "Approve" : "Reject" });
        var twice = await (await _api.As(nineteen[0])).PostAsJsonAsync($"/api/council-sessions/{sessionId}/ballots", new { nominationId = aId, choice = "Reject" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var open = await _api.GetAsync("thuky", $"/api/council-sessions/{sessionId}");
        Assert.Null(open["items"]![0]!["approve"]?.GetValue<int?>()); // no running count while voting
        Assert.Equal(19, open["items"]![0]!["ballotsCast"]!.GetValue<int>());
        var closed = await _api.PostAsync("thuky", $"/api/council-sessions/{sessionId}/close", new { });
        Assert.Equal("Failed", closed["items"]![0]!["result"]!.GetValue<string>());
        Assert.Equal(78.95m, closed["items"]![0]!["approvePercent"]!.GetValue<decimal>());
        await _api.WaitStatusAsync(aId, "CouncilRejected");
        await host.Mail.WaitForAsync("thon1@", "[Thi đua] Chiến sĩ thi đua cơ sở — Hoàng Thị Lụa: Hội đồng không đề nghị");

        // A ballot nobody can trace: no row anywhere holds a member's name together with a choice.
        AssertNoRowLinksVoterAndChoice(nineteen);

        // A council of 10: 8 approve = 80 % of all members → proposed; the chair decides, the decision is numbered.
        var ten = await _api.CouncilOfAsync("hdB", 10);
        // One member is absent and votes in writing: the vote counts, the member is not "present".
        var passed = await _api.VoteAsync(ten, bId, 8, "Phiên họp Hội đồng TĐKT xã (lần 2)", ten[0]);
        Assert.Equal("Passed", passed["items"]![0]!["result"]!.GetValue<string>());
        Assert.Equal(80m, passed["items"]![0]!["approvePercent"]!.GetValue<decimal>());
        Assert.Equal("Absent", passed["members"]!.AsArray().Single(m => m!["userName"]!.GetValue<string>() == ten[0])!["attendance"]!.GetValue<string>());
        Assert.Equal("Written", Scalar($"SELECT Channel FROM BallotReceipts WHERE UserName = '{ten[0]}'"));
        Assert.Matches(@"^\d+/BB-HĐTĐKT$", passed["minutesNumber"]!.GetValue<string>());
        await _api.WaitStatusAsync(bId, "AwaitingDecision");
        await host.Mail.WaitForAsync("chutich@", "Quyết định khen thưởng: Chiến sĩ thi đua cơ sở năm 2026 — Ngô Văn Bình");
        await _api.CompleteAsync("chutich", bId, "chairDecision", "Approve");
        var decided = await _api.WaitStatusAsync(bId, "Decided");
        var number = decided["nomination"]!["decisionNumber"]!.GetValue<string>();
        Assert.Matches(@"^\d+/QĐ-UBND$", number);
        var notice = await host.Mail.WaitForAsync("thon1@", "[Thi đua] Chiến sĩ thi đua cơ sở — Ngô Văn Bình: Đã khen thưởng");
        Assert.Contains(number, notice);
        var register = (await _api.GetAsync("vanphong", $"/api/people/{p2}/commendations")).AsArray();
        var entry = Assert.Single(register);
        Assert.Equal(number, entry!["decisionNumber"]!.GetValue<string>());
        Assert.Equal(2_340_000, entry["prizeMoney"]!.GetValue<long>());

        // The documents come out of the system: the decision and the council's minutes, as .docx.
        var documents = decided["documents"]!.AsArray();
        Assert.Equal(["Biên bản họp Hội đồng", "Quyết định khen thưởng"], documents.Select(d => d!["label"]!.GetValue<string>()));
        var decisionText = await DocumentTextAsync(documents[1]!["url"]!.GetValue<string>());
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", decisionText);
        Assert.Contains($"Số: {number}", decisionText);
        Assert.Contains("Về việc tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2026", decisionText);
        Assert.Contains("Ngô Văn Bình", decisionText);
        Assert.Contains("2.340.000 đồng", decisionText);
        var minutesText = await DocumentTextAsync(documents[0]!["url"]!.GetValue<string>());
        Assert.Contains(passed["minutesNumber"]!.GetValue<string>(), minutesText);
        Assert.Contains("8/10", minutesText);
        Assert.Contains("80%", minutesText);
        Assert.Contains("bỏ phiếu kín", minutesText);
        Assert.DoesNotContain("Approve", minutesText);
    }

    private async Task<string> DocumentTextAsync(string url)
    {
        var response = await (await _api.As("vanphong")).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task ProvincePath_LetterNumbered_ProvinceReturnsTheDossier_ResubmittedThenDecided()
    {
        var person = await _api.NewPersonAsync("htx", "htx-nong-nghiep", "Trương Văn Khải");
        var n = await _api.CreateAsync("htx", new { nomineeKind = "Individual", personId = person, awardCode = "BKTINH", year = 2026,
            achievementSummary = "Mô hình sản xuất lúa hữu cơ 30 ha, chuyển đổi xanh.", performanceRating = "Excellent", initiativeRecognized = true });
        var id = n["id"]!.GetValue<string>();
        var submitted = await _api.PostAsync("htx", $"/api/nominations/{id}/submit", new { });
        Assert.Equal("nomination-province", submitted["workflowDefinitionId"]!.GetValue<string>());
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var council = await _api.CouncilOfAsync("hdC", 9);
        var vote = await _api.VoteAsync(council, id, 5, "Phiên họp xét đề nghị Bằng khen tỉnh");
        Assert.Equal("Passed", vote["items"]![0]!["result"]!.GetValue<string>()); // majority of all 9 members

        // The chair signs the letter: numbered in the TTr-UBND series, the unit learns it went up.
        await host.Mail.WaitForAsync("chutich@", "Ký tờ trình đề nghị cấp trên khen thưởng: Bằng khen của Chủ tịch UBND tỉnh năm 2026 — Trương Văn Khải");
        // The province package needs the unit's achievement report (the letter, list and minutes the commune writes).
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("vanphong", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf("bc"))).StatusCode);
        await _api.CompleteAsync("chutich", id, "chairLetter", "Sign");
        var forwarded = await _api.WaitStatusAsync(id, "ForwardedToProvince");
        var firstLetter = forwarded["provinceSubmissions"]![0]!["letterNumber"]!.GetValue<string>();
        Assert.Matches(@"^\d+/TTr-UBND$", firstLetter);

        // The office is reminded when the province's answer is late (30 working days by default): fire that timer.
        var calendar = host.Services.GetRequiredService<WorkingCalendar>();
        var instance = await host.Services.GetRequiredService<IWorkflowStore>().FindInstanceAsync(NominationService.InstanceId(id));
        var late = Assert.Single(instance!.Bookmarks, x => x.Name == "ThiDua.Nominations.ProvinceReminder");
        Assert.Equal(calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(DateTimeOffset.UtcNow), 30)), late.ResumeAt);
        await host.Services.GetRequiredService<IWorkflowRuntime>().ResumeAsync(late.Id);
        await host.Mail.WaitForAsync("vanphong@", "[Nhắc việc] Chưa có kết quả của tỉnh — Bằng khen của Chủ tịch UBND tỉnh: Trương Văn Khải");
        Assert.Equal("ForwardedToProvince", (await _api.DetailAsync(id))["nomination"]!["status"]!.GetValue<string>()); // still waiting for the answer

        // The province returns the dossier: the unit is told why; the office completes it and the chair sends it again.
        var missingReason = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/nominations/{id}/province-outcome", new { outcome = "Returned" });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Contains("note", await missingReason.Content.ReadAsStringAsync());
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/province-outcome", new { outcome = "Returned", note = "Thiếu xác nhận của Thuế về nghĩa vụ nộp thuế của HTX." });
        await _api.WaitStatusAsync(id, "ProvinceReturned");
        var returned = await host.Mail.WaitForAsync("htx@", "[Thi đua] Bằng khen của Chủ tịch UBND tỉnh — Trương Văn Khải: Cấp trên trả lại");
        Assert.Contains("Thiếu xác nhận của Thuế", returned);
        await _api.CompleteAsync("vanphong", id, "reviewReturn", "Resubmit");
        await _api.CompleteAsync("chutich", id, "chairLetter", "Sign");
        await _api.WaitStatusAsync(id, "ForwardedToProvince");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/province-outcome", new { outcome = "Decided", decisionNumber = "2150/QĐ-UBND", decidedOn = "2026-12-15" });
        var decided = await _api.WaitStatusAsync(id, "ProvinceDecided");
        var letters = decided["provinceSubmissions"]!.AsArray();
        Assert.Equal(2, letters.Count);
        Assert.NotEqual(firstLetter, letters[1]!["letterNumber"]!.GetValue<string>());
        Assert.Equal("Returned", letters[0]!["outcome"]!.GetValue<string>());
        Assert.Equal("Decided", letters[1]!["outcome"]!.GetValue<string>());
        // Stage A7: the office forwards the province's decision to the unit within 10 working days — a task with that
        // due date, reminded and escalated like the others; the unit is told when it is done.
        var forward = await _api.OpenTaskAsync(id, "forwardDecision");
        Assert.Equal(calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(DateTimeOffset.UtcNow), 10)), forward["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, host.Mail.CountTo("htx@", "[Thi đua] Bằng khen của Chủ tịch UBND tỉnh — Trương Văn Khải: Cấp trên đã khen thưởng"));
        await _api.CompleteAsync("vanphong", id, "forwardDecision", "Forwarded");
        await host.Mail.WaitForAsync("htx@", "[Thi đua] Bằng khen của Chủ tịch UBND tỉnh — Trương Văn Khải: Cấp trên đã khen thưởng");
        var register = Assert.Single((await _api.GetAsync("vanphong", $"/api/people/{person}/commendations")).AsArray());
        Assert.Equal("2150/QĐ-UBND", register!["decisionNumber"]!.GetValue<string>());
        Assert.Equal("Chủ tịch UBND tỉnh", register["issuer"]!.GetValue<string>());
        var letters2 = decided["documents"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "ProvinceSubmission").ToList();
        Assert.Equal(2, letters2.Count);
        var letterText = await DocumentTextAsync(letters2[1]!["url"]!.GetValue<string>());
        Assert.Contains("TỜ TRÌNH", letterText);
        Assert.Contains("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)", letterText);
        Assert.Contains("Trương Văn Khải", letterText);
    }

    [Fact]
    public async Task OpenVote_WhenTheSessionIsNotSecret_TheCountShowsWhoChoseWhat()
    {
        var person = await _api.NewPersonAsync("hieutruong", "truong-thcs", "Cao Minh Châu");
        var n = await _api.CreateAsync("hieutruong", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Hoàn thành tốt nhiệm vụ giảng dạy.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("hieutruong", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var members = await _api.CouncilOfAsync("hdO", 3);
        var session = await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Biểu quyết công khai", nominationIds = new[] { id }, secret = false }, HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<string>();
        await _api.PostAsync(members[0], $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Approve" });
        await _api.PostAsync(members[1], $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Reject" });
        await _api.PostAsync(members[2], $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Approve" });
        Assert.Null((await _api.GetAsync("thuky", $"/api/council-sessions/{sessionId}"))["items"]![0]!["votes"]); // nothing shown while voting
        var closed = await _api.PostAsync("thuky", $"/api/council-sessions/{sessionId}/close", new { });
        var votes = closed["items"]![0]!["votes"]!.AsArray();
        Assert.Equal(["Approve", "Reject", "Approve"], votes.Select(v => v!["choice"]!.GetValue<string>()));
        Assert.Equal("Passed", closed["items"]![0]!["result"]!.GetValue<string>());
        Assert.False(closed["secret"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SimplifiedPath_SuddenAchievement_ChairDecidesWithoutTheCouncil()
    {
        var n = await _api.CreateAsync("thon2", new { unitId = "thon-2", nomineeKind = "Household", householdName = "Hộ ông Lê Văn Đức", awardCode = "GIAYKHEN",
            commendationType = "Sudden", year = 2026, achievementSummary = "Dũng cảm cứu 2 học sinh đuối nước ngày 20/11/2026." });
        var id = n["id"]!.GetValue<string>();
        var submitted = await _api.PostAsync("thon2", $"/api/nominations/{id}/submit", new { });
        Assert.Equal("nomination-simplified", submitted["workflowDefinitionId"]!.GetValue<string>());
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.WaitStatusAsync(id, "AwaitingDecision");
        await host.Mail.WaitForAsync("chutich@", "Quyết định khen thưởng: Giấy khen của Chủ tịch UBND xã năm 2026 — Hộ ông Lê Văn Đức");
        await _api.CompleteAsync("chutich", id, "chairDecision", "Approve");
        var decided = await _api.WaitStatusAsync(id, "Decided");
        Assert.DoesNotContain(decided["history"]!.AsArray(), h => h!["event"]!.GetValue<string>() == "CouncilVoted");
        var notice = await host.Mail.WaitForAsync("thon2@", "[Thi đua] Giấy khen của Chủ tịch UBND xã — Hộ ông Lê Văn Đức: Đã khen thưởng");
        Assert.Contains(decided["nomination"]!["decisionNumber"]!.GetValue<string>(), notice);
    }

    [Fact]
    public async Task TwentyParallelDecisions_GetTwentyDistinctGapFreeNumbers()
    {
        var numbers = host.Services.GetRequiredService<DocumentNumbers>();
        var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => numbers.IssueAsync("Award", "QĐ-TEST", $"parallel:{i}", $"Quyết định thử {i}", "chutich", 2031))));
        var values = issued.Select(d => d.Number).OrderBy(x => x).ToList();
        Assert.Equal(Enumerable.Range(1, 20), values);
        Assert.Equal(20, issued.Select(d => d.DocumentNumber).Distinct().Count());
        // The same subject again gets its first document, not a new number.
        var repeat = await numbers.IssueAsync("Award", "QĐ-TEST", "parallel:3", "Quyết định thử 3", "chutich", 2031);
        Assert.Equal(issued.Single(d => d.SubjectKey == "parallel:3").DocumentNumber, repeat.DocumentNumber);
        Assert.Equal(21, (await numbers.IssueAsync("Award", "QĐ-TEST", "next", "Tiếp theo", "chutich", 2031)).Number);
        // A new year starts a new series.
        Assert.Equal(1, (await numbers.IssueAsync("Award", "QĐ-TEST", "next-year", "Năm sau", "chutich", 2032)).Number);
    }

    [Fact]
    public async Task TwentyChairDecisionsAtOnce_ThroughTheApi_TwentyDistinctNumbersWithoutGaps()
    {
        var ids = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var n = await _api.CreateAsync("thon2", new { unitId = "thon-2", nomineeKind = "Household", householdName = $"Hộ gia đình số {i}", awardCode = "GIAYKHEN",
                commendationType = "Sudden", year = 2026, achievementSummary = "Hiến đất làm đường giao thông nông thôn." });
            var id = n["id"]!.GetValue<string>();
            await _api.PostAsync("thon2", $"/api/nominations/{id}/submit", new { });
            ids.Add(id);
        }

        foreach (var id in ids) await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        var tasks = new List<string>();
        foreach (var id in ids) tasks.Add((await _api.OpenTaskAsync(id, "chairDecision"))["id"]!.GetValue<string>());
        var chair = await _api.As("chutich");
        var responses = await Task.WhenAll(tasks.Select(t => chair.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(t)}/complete", new { action = "Approve" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var numbers = new List<int>();
        foreach (var id in ids)
        {
            var number = (await _api.WaitStatusAsync(id, "Decided"))["nomination"]!["decisionNumber"]!.GetValue<string>();
            Assert.EndsWith("/QĐ-UBND", number);
            numbers.Add(int.Parse(number.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
        }

        numbers.Sort();
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(numbers[0], 20), numbers);
    }

    [Fact]
    public async Task ListDecision_TheChairDecidesSeveralNominationsWithOneNumber_AndTheDecisionCarriesTheList()
    {
        var ids = new List<string>();
        foreach (var household in new[] { "Hộ bà Trần Thị Gấm", "Hộ ông Võ Văn Lợi", "Hộ ông Đoàn Xuân Mạnh" })
        {
            var n = await _api.CreateAsync("thon2", new { unitId = "thon-2", nomineeKind = "Household", householdName = household, awardCode = "GIAYKHEN",
                commendationType = "Sudden", year = 2026, achievementSummary = "Góp công, góp đất xây dựng nhà văn hóa thôn." });
            var id = n["id"]!.GetValue<string>();
            await _api.PostAsync("thon2", $"/api/nominations/{id}/submit", new { });
            await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
            await _api.WaitStatusAsync(id, "AwaitingDecision");
            ids.Add(id);
        }

        var page = await (await _api.As("chutich")).GetStringAsync("/decisions/new");
        Assert.All(ids, id => Assert.Contains($"value=\"{id}\"", page));
        var forbidden = await (await _api.As("vanphong")).PostAsJsonAsync("/api/decisions/list", new { nominationIds = ids });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var result = await _api.PostAsync("chutich", "/api/decisions/list", new { nominationIds = ids, comment = "Đồng ý khen thưởng" });
        var number = result["documentNumber"]!.GetValue<string>();
        Assert.Equal(3, result["decided"]!.AsArray().Count);
        foreach (var id in ids)
        {
            var decided = await _api.WaitStatusAsync(id, "Decided");
            Assert.Equal(number, decided["nomination"]!["decisionNumber"]!.GetValue<string>());
        }

        await host.Mail.WaitForAsync("thon2@", "[Thi đua] Giấy khen của Chủ tịch UBND xã — Hộ ông Võ Văn Lợi: Đã khen thưởng");
        var again = await (await _api.As("chutich")).PostAsJsonAsync("/api/decisions/list", new { nominationIds = ids });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var text = await DocumentTextAsync(result["document"]!.GetValue<string>());
        Assert.Contains($"Số: {number}", text);
        Assert.Contains("cho 3 cá nhân, tập thể, hộ gia đình có tên trong danh sách kèm theo", text);
        Assert.Contains($"(Kèm theo Quyết định số {number}", text);
        Assert.Contains("Hộ bà Trần Thị Gấm", text);
        Assert.Contains("Hộ ông Đoàn Xuân Mạnh", text);
    }

    [Fact]
    public async Task TwoTitlesOfOneYear_PayOnlyTheHighestTitlesMoney()
    {
        var person = await _api.NewPersonAsync("vanphongubnd", "vp-ubnd", "Hà Thị Kim Oanh");
        var council = await _api.CouncilOfAsync("hdM", 3);
        async Task<string> DecideAsync(string award)
        {
            var n = await _api.CreateAsync("vanphongubnd", new { nomineeKind = "Individual", personId = person, awardCode = award, year = 2026,
                achievementSummary = "Chuyển đổi số công tác văn phòng.", performanceRating = "Excellent", initiativeRecognized = true });
            var id = n["id"]!.GetValue<string>();
            await _api.PostAsync("vanphongubnd", $"/api/nominations/{id}/submit", new { });
            await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
            await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
            await _api.WaitStatusAsync(id, "AwaitingCouncil");
            Assert.Equal("Passed", (await _api.VoteAsync(council, id, 3, $"Xét {award}"))["items"]![0]!["result"]!.GetValue<string>());
            await _api.CompleteAsync("chutich", id, "chairDecision", "Approve");
            await _api.WaitStatusAsync(id, "Decided");
            return id;
        }

        await DecideAsync("LDTT");
        await DecideAsync("CSTDCS");
        var register = (await _api.GetAsync("vanphong", $"/api/people/{person}/commendations")).AsArray();
        Assert.Equal(710_000, register.Single(c => c!["awardCode"]!.GetValue<string>() == "LDTT")!["prizeMoney"]!.GetValue<long>());
        // CSTĐCS is 2,340,000; LĐTT of the same year was paid: only the difference (ND 152 Art.49).
        Assert.Equal(1_630_000, register.Single(c => c!["awardCode"]!.GetValue<string>() == "CSTDCS")!["prizeMoney"]!.GetValue<long>());
    }

    [Fact]
    public async Task Attachments_BadFilesAreRefusedWithTheField_AndVietnameseNamesSurvive()
    {
        var n = await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Collective", nomineeUnitId = "thon-1", awardCode = "THONVH", year = 2026,
            achievementSummary = "Thôn đạt chuẩn văn hóa 3 năm liên tục." });
        var id = n["id"]!.GetValue<string>();

        async Task Refused(string fileName, byte[] content, string field, string phrase)
        {
            var response = await _api.UploadAsync("thon1", id, "AchievementReport", fileName, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{fileName}: {response.StatusCode} {body}");
            Assert.Contains($"\"{field}\"", body);
            Assert.Contains(phrase, body);
        }

        await Refused("virus.exe", [0x4D, 0x5A, 0x90, 0x00], "file", "Loại tệp “.exe” không được nhận");
        await Refused("ảnh.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "file", "Nội dung tệp không phải là tệp .pdf");
        await Refused("quá lớn.pdf", [.. NominationApi.Pdf("x"), .. new byte[11 * 1024 * 1024]], "file", "vượt giới hạn 10 MB");
        await Refused("../../etc/passwd.pdf", NominationApi.Pdf("x"), "fileName", "không được chứa đường dẫn");
        await Refused("..\\..\\windows\\win.ini.pdf", NominationApi.Pdf("x"), "fileName", "không được chứa đường dẫn");
        await Refused("thư mục/báo cáo.pdf", NominationApi.Pdf("x"), "fileName", "không được chứa đường dẫn");
        var wrongType = await (await _api.As("thon1")).PostAsync($"/api/nominations/{id}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(NominationApi.Pdf("x")), "file", "a.pdf" }, { new StringContent("Photo"), "documentType" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("documentType", await wrongType.Content.ReadAsStringAsync());
        Assert.Empty((await _api.DetailAsync(id))["attachments"]!.AsArray()); // nothing was stored

        const string name = "Báo cáo thành tích thôn Trường Lưu — năm 2026 (bản ký số).pdf";
        var content = NominationApi.Pdf("Thôn văn hóa");
        var created = await NominationApi.JsonAsync(await _api.UploadAsync("thon1", id, "AchievementReport", name, content), HttpStatusCode.Created);
        Assert.Equal(name, created["fileName"]!.GetValue<string>());
        var detail = await _api.DetailAsync(id);
        Assert.Equal(name, detail["attachments"]![0]!["fileName"]!.GetValue<string>());
        var download = await (await _api.As("thon1")).GetAsync($"/api/nominations/{id}/attachments/{created["id"]}");
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(name, download.Content.Headers.ContentDisposition!.FileNameStar);
        // Another unit may not add to this dossier.
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.UploadAsync("thon2", id, "AchievementReport", "x.pdf", content)).StatusCode);
    }

    [Fact]
    public async Task PublicPosting_CollectsObjections_ThenTheOfficeDecidesToContinue()
    {
        var person = await _api.NewPersonAsync("hieutruong", "truong-thcs", "Bùi Thị Ngọc Lan");
        var n = await _api.CreateAsync("hieutruong", new { nomineeKind = "Individual", personId = person, awardCode = "HCLD3", year = 2026,
            achievementSummary = "30 năm cống hiến cho giáo dục xã Trường Lưu.", commendationType = "LongService", performanceRating = "Excellent" });
        var id = n["id"]!.GetValue<string>();
        var early = await (await _api.As("vanphong")).PostAsJsonAsync($"/api/nominations/{id}/objections", new { text = "Chưa công khai" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // an opinion outside the posting period is refused
        await _api.PostAsync("hieutruong", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "PublicPosting");

        // Posted for 10 working days (Huân chương: ND 152 Art.44).
        var calendar = host.Services.GetRequiredService<WorkingCalendar>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        Bookmark? ends = null;
        for (var i = 0; i < 100 && ends is null; i++)
        {
            ends = (await store.FindInstanceAsync(NominationService.InstanceId(id)))!.Bookmarks.FirstOrDefault(x => x.Name == "ThiDua.Nominations.PostingEnds");
            if (ends is null) await Task.Delay(100);
        }

        Assert.Equal(calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(DateTimeOffset.UtcNow), 10)), ends!.ResumeAt);
        await _api.PostAsync("thon2", $"/api/nominations/{id}/objections", new { text = "Đề nghị làm rõ thời gian công tác tại trường." }, HttpStatusCode.Created);
        Assert.Single((await _api.DetailAsync(id))["objections"]!.AsArray());

        // Anyone, without an account, reads the public posting and sends an opinion; a flood is refused.
        var citizen = host.CreateClient();
        citizen.DefaultRequestHeaders.Add(WebHost.ClientAddressHeader, "203.0.113.7");
        var page = await citizen.GetStringAsync("/public-posting");
        Assert.Contains("Bùi Thị Ngọc Lan", page);
        Assert.Contains("Công khai đến", page);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Task<HttpResponseMessage> Opinion(string text) => citizen.PostAsync($"/public-posting/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["text"] = text, ["name"] = "Nguyễn Văn Dân" }));
        var sent = await Opinion("Cô Lan rất tận tụy với học sinh nghèo.");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        // The sender's address is kept against abuse and shown to administrators only, never to the unit or the office.
        Assert.DoesNotContain("203.0.113.7", (await _api.DetailAsync(id)).ToJsonString());
        Assert.DoesNotContain("203.0.113.7", await (await _api.As("hieutruong")).GetStringAsync($"/nominations/{id}"));
        Assert.Contains("203.0.113.7", (await _api.GetAsync("admin", $"/api/nominations/{id}")).ToJsonString());
        Assert.Contains("địa chỉ mạng 203.0.113.7", await (await _api.As("admin")).GetStringAsync($"/nominations/{id}"));
        Assert.Contains("Đã nhận ý kiến", await sent.Content.ReadAsStringAsync());
        var objections = (await _api.DetailAsync(id))["objections"]!.AsArray();
        Assert.Equal(2, objections.Count);
        Assert.Equal("Nguyễn Văn Dân", objections[1]!["from"]!.GetValue<string>()); // the citizen's address is not shown to the unit
        var statuses = new List<HttpStatusCode>();
        for (var i = 2; i <= 6; i++) statuses.Add((await Opinion($"Ý kiến thứ {i}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // The posting period ends (its timer fires): the office reviews the opinion and continues to the council.
        await host.Services.GetRequiredService<IWorkflowRuntime>().ResumeAsync(ends.Id);
        await host.Mail.WaitForAsync("vanphong@", "Xem xét ý kiến trong thời gian công khai: Huân chương Lao động hạng Ba năm 2026 — Bùi Thị Ngọc Lan");
        await _api.CompleteAsync("vanphong", id, "reviewObjections", "Continue");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
    }

    private string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "workflows.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private void AssertNoRowLinksVoterAndChoice(IReadOnlyList<string> voters)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "workflows.db")};Mode=ReadOnly");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }

        var checkedRows = 0;
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var row = string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
                checkedRows++;
                if (!voters.Any(v => row.Contains(v, StringComparison.Ordinal))) continue;
                Assert.False(row.Contains("Approve", StringComparison.Ordinal) || row.Contains("Reject", StringComparison.Ordinal), $"{table} links a voter to a choice: {row}");
            }
        }

        Assert.True(checkedRows > 100);
        var receipts = tables.Contains("BallotReceipts");
        Assert.True(receipts);
    }
}
