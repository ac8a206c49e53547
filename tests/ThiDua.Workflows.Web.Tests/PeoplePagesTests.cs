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
        var action = $"/inbox/{Uri.EscapeDataString(taskId)}";

        var forged = await office.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "Complete" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var decided = await office.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["action"] = "Complete" }));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("Đã ghi nhận quyết định", await decided.Content.ReadAsStringAsync());
        var twice = await office.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["action"] = "Complete" }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
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
        var vote = await member.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"vote-{id}"] = "Approve" }));
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        var after = await vote.Content.ReadAsStringAsync();
        Assert.Contains("Phiếu kín", after);
        Assert.DoesNotContain($"name=\"vote-{id}\"", after); // no second ballot offered
        Assert.Contains("Đã bỏ phiếu: 1/3", after);
        Assert.DoesNotContain("Đồng ý</strong>", after);
        var again = await member.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"vote-{id}"] = "Reject" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var outsider = await (await _api.As("thon1")).GetStringAsync(url);
        Assert.Contains("không phải thành viên", outsider);
        Assert.DoesNotContain($"name=\"vote-{id}\"", outsider);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
