using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The pages people use in a browser: the inbox, a nomination, the council member's secret ballot.</summary>
[Collection(WebCollection.Name)]
public sealed partial class PeoplePagesTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task Inbox_ListsMyRolesTasks_AndAFormPostDecidesOnce()
    {
        var person = await _api.NewPersonAsync("vanphongubnd", "vp-ubnd", "Đinh Thị Thanh Hà");
        var n = await _api.CreateAsync("vanphongubnd", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Số hóa 100% hồ sơ hộ tịch.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("vanphongubnd", $"/api/nominations/{id}/submit", new { });
        var task = await _api.OpenTaskAsync(id, "completeness");
        var taskId = task["id"]!.GetValue<string>();

        var anonymous = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await anonymous.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/login", redirect.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));

        var office = await _api.As("vanphong");
        var page = await office.GetStringAsync("/inbox");
        Assert.Contains("Kiểm tra tính đầy đủ của hồ sơ: Lao động tiên tiến năm 2026 — Đinh Thị Thanh Hà", page);
        Assert.Contains("Hồ sơ đầy đủ, tiếp nhận", page); // actions in Vietnamese
        var token = Token().Match(page).Groups[1].Value;
        var handler = "decide";

        var forged = await office.PostAsync("/inbox", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = handler, ["taskId"] = taskId, ["action"] = "Complete" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = handler, ["taskId"] = taskId, ["action"] = "Complete" };
        var decided = await office.PostAsync("/inbox", new FormUrlEncodedContent(fields));
        Assert.Contains("Đã ghi nhận quyết định", await PageForms.FollowAsync(office, decided)); // post/redirect/get
        var twice = await office.PostAsync("/inbox", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("đã được xử lý trước đó", await twice.Content.ReadAsStringAsync());
        var detail = await _api.WaitStatusAsync(id, "Received");

        var nominationPage = await office.GetStringAsync($"/nominations/{id}");
        Assert.Contains("Đinh Thị Thanh Hà", nominationPage);
        Assert.Contains(detail["nomination"]!["dueDate"]!.GetValue<string>(), nominationPage);
        Assert.Contains("Văn phòng HĐND và UBND xã", nominationPage);
        // Another unit cannot open it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await _api.As("thon2")).GetAsync($"/nominations/{id}")).StatusCode);
    }

    [Fact]
    public async Task CouncilPage_AMemberVotesSecretlyOnce_OthersOnlySeeTheAgenda()
    {
        var person = await _api.NewPersonAsync("bithudoan", "doan-thanh-nien", "Phạm Quốc Việt");
        var n = await _api.CreateAsync("bithudoan", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Dẫn dắt đội thanh niên tình nguyện chuyển đổi số.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("bithudoan", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var members = await _api.CouncilOfAsync("hdP", 3);
        var session = await _api.PostAsync("thuky", "/api/council-sessions", new { title = "Phiên họp thử trang bỏ phiếu", nominationIds = new[] { id } }, HttpStatusCode.Created);
        var url = $"/council-sessions/{session["id"]!.GetValue<string>()}";

        // The invitation links to the page.
        var invitation = await host.Mail.WaitForAsync($"{members[1]}@", "[Hội đồng TĐKT] Mời họp và bỏ phiếu: Phiên họp thử trang bỏ phiếu");
        Assert.Contains(url, invitation);

        var member = await _api.As(members[1]);
        var page = await member.GetStringAsync(url);
        Assert.Contains("Phạm Quốc Việt", page);
        Assert.Contains("Lao động tiên tiến", page);
        Assert.Contains($"name=\"vote-{id}\"", page);
        var token = Token().Match(page).Groups[1].Value;
        var vote = await member.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "ballot", [$"vote-{id}"] = "Approve" }));
        var after = await PageForms.FollowAsync(member, vote);
        Assert.Contains("Phiếu kín", after);
        Assert.DoesNotContain($"name=\"vote-{id}\"", after); // no second ballot offered
        Assert.Contains("Đã bỏ phiếu: 1/3", after);
        Assert.DoesNotContain("Đồng ý</strong>", after);
        var again = await member.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "ballot", [$"vote-{id}"] = "Reject" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The chair sees the agenda but has no ballot in a council he does not sit on; a unit does not see it at all.
        var outsider = await (await _api.As("chutich")).GetStringAsync(url);
        Assert.Contains("không phải thành viên", outsider);
        Assert.DoesNotContain($"name=\"vote-{id}\"", outsider);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _api.As("thon1")).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AUnitProposesInTheBrowser_FormUploadSubmit()
    {
        var unit = await _api.As("thon2");
        var form = await unit.GetStringAsync("/nominations/new");
        Assert.Contains("Lập hồ sơ đề nghị khen thưởng", form);
        Assert.Contains("Chiến sĩ thi đua cơ sở", form);
        var token = Token().Match(form).Groups[1].Value;

        // Missing achievements: the form comes back with the reason and keeps what was typed.
        var invalid = await unit.PostAsync("/nominations/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "nomination", ["unitId"] = "thon-2", ["awardCode"] = "LDTT", ["nomineeKind"] = "Individual",
            ["newPerson"] = "Lê Văn Tâm", ["year"] = "2026", ["achievementSummary"] = "",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var again = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Cần tóm tắt thành tích.", again);
        Assert.Contains("value=\"Lê Văn Tâm\"", again);
        Assert.DoesNotContain("Lê Văn Tâm", (await _api.GetAsync("thon2", "/api/people?unitId=thon-2")).ToJsonString()); // nothing half saved

        var created = await unit.PostAsync("/nominations/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "nomination", ["unitId"] = "thon-2", ["awardCode"] = "LDTT", ["nomineeKind"] = "Individual", ["commendationType"] = "Merit",
            ["newPerson"] = "Lê Văn Tâm", ["position"] = "Công an viên", ["performanceRating"] = "Good", ["year"] = "2026",
            ["achievementSummary"] = "Giữ vững an ninh trật tự thôn; vận động 100% hộ gắn biển số nhà điện tử.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString.Split('?')[0];
        var id = url.Split('/')[^1];
        var page = await unit.GetStringAsync(url);
        Assert.Contains("Lê Văn Tâm", page);
        Assert.Contains("Tải lên", page);
        token = Token().Match(page).Groups[1].Value;

        using (var upload = new MultipartFormDataContent())
        {
            upload.Add(new StringContent(token), "__RequestVerificationToken");
            upload.Add(new StringContent("upload"), "_handler");
            upload.Add(new StringContent("AchievementReport"), "documentType");
            // Several files in one go.
            upload.Add(new ByteArrayContent(NominationApi.Pdf("Lê Văn Tâm")), "files", "bao-cao-thanh-tich.pdf");
            upload.Add(new ByteArrayContent(NominationApi.Pdf("Lê Văn Tâm 2")), "files", "bao-cao-bo-sung.pdf");
            var uploaded = await unit.PostAsync(url, upload);
            var after = await PageForms.FollowAsync(unit, uploaded);
            Assert.Contains("Đã thêm 2 tệp vào hồ sơ.", after);
            Assert.Contains("bao-cao-thanh-tich.pdf", after);
            Assert.Contains("bao-cao-bo-sung.pdf", after);
        }

        var submitted = await unit.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "submit" }));
        Assert.Contains("Đã nộp hồ sơ", await PageForms.FollowAsync(unit, submitted));
        await _api.WaitStatusAsync(id, "Submitted");
        await _api.OpenTaskAsync(id, "completeness");
    }

    [Fact]
    public async Task TheSecretaryCallsASession_TakesAttendance_AndClosesTheVote_InTheBrowser()
    {
        var person = await _api.NewPersonAsync("htx", "htx-nong-nghiep", "Đỗ Thị Hồng Nhung");
        var n = await _api.CreateAsync("htx", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Đưa sản phẩm của HTX lên sàn thương mại điện tử.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("htx", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var members = await _api.CouncilOfAsync("hdS", 3);

        var secretary = await _api.As("thuky");
        var list = await secretary.GetStringAsync("/council-sessions");
        Assert.Contains("Triệu tập phiên họp mới", list);
        Assert.Contains($"value=\"{id}\"", list);
        var token = Token().Match(list).Groups[1].Value;
        var called = await secretary.PostAsync("/council-sessions", new FormUrlEncodedContent(
            new[] { ("__RequestVerificationToken", token), ("_handler", "call"), ("title", "Phiên họp gọi từ trình duyệt"), ("date", "2026-12-10"), ("nominationId", id) }
                .Select(x => new KeyValuePair<string, string>(x.Item1, x.Item2))));
        Assert.Equal(HttpStatusCode.Redirect, called.StatusCode);
        var url = called.Headers.Location!.OriginalString.Split('?')[0];

        var page = await secretary.GetStringAsync(url);
        Assert.Contains("Thư ký: điểm danh", page);
        token = Token().Match(page).Groups[1].Value;
        Assert.DoesNotContain($">{members[0]}<", page); // members by name and position, not login id
        var attendance = await secretary.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "attendance", [$"a-{members[0]}"] = "Present", [$"a-{members[1]}"] = "Present", [$"a-{members[2]}"] = "Absent",
        }));
        Assert.Contains("Đã lưu điểm danh", await PageForms.FollowAsync(secretary, attendance));
        var sessionId = url.Split('/')[^1];
        foreach (var member in members) await _api.PostAsync(member, $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Approve" });

        var closed = await secretary.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "close", ["confirm"] = "yes" }));
        var html = await PageForms.FollowAsync(secretary, closed);
        Assert.Contains("Đã kiểm phiếu; biên bản số", html);
        Assert.Contains("Biên bản họp và kết quả kiểm phiếu số", html);
        // 2 of 3 members present is under the 80 % quorum: nothing is decided, the nomination waits for another session.
        Assert.Contains("không đủ số thành viên tham dự", html);
        var session = await _api.GetAsync("thuky", $"/api/council-sessions/{sessionId}");
        Assert.Equal("Absent", session["members"]!.AsArray().Single(m => m!["userName"]!.GetValue<string>() == members[2])!["attendance"]!.GetValue<string>());
        Assert.Equal("AwaitingCouncil", (await _api.DetailAsync(id))["nomination"]!["status"]!.GetValue<string>());

        list = await secretary.GetStringAsync("/council-sessions");
        Assert.Contains($"value=\"{id}\"", list); // offered again
        token = Token().Match(list).Groups[1].Value;
        called = await secretary.PostAsync("/council-sessions", new FormUrlEncodedContent(
            new[] { ("__RequestVerificationToken", token), ("_handler", "call"), ("title", "Phiên họp lần hai"), ("date", "2026-12-11"), ("nominationId", id) }
                .Select(x => new KeyValuePair<string, string>(x.Item1, x.Item2))));
        url = called.Headers.Location!.OriginalString.Split('?')[0];
        sessionId = url.Split('/')[^1];
        foreach (var member in members) await _api.PostAsync(member, $"/api/council-sessions/{sessionId}/ballots", new { nominationId = id, choice = "Approve" });
        html = await PageForms.FollowAsync(secretary, await secretary.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "close" })));
        Assert.Contains("3/3 đồng ý", html);
        await _api.WaitStatusAsync(id, "AwaitingDecision");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
