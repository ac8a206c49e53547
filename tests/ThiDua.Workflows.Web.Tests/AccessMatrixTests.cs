using System.Net;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Who may open what: every page, and the role-bound APIs, for anonymous visitors and each role. This table is the
/// documentation of the access rules (README, "Who sees what").
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccessMatrixTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    public static TheoryData<string?, string, HttpStatusCode> Matrix => new()
    {
        // Everyone, without an account.
        { null, "/", HttpStatusCode.OK },
        { null, "/account/login", HttpStatusCode.OK },
        { null, "/public-posting", HttpStatusCode.OK },
        { null, "/inbox", HttpStatusCode.Redirect },
        { null, "/nominations", HttpStatusCode.Redirect },
        { null, "/nominations/new", HttpStatusCode.Redirect },
        { null, "/council-sessions", HttpStatusCode.Redirect },
        { null, "/decisions/new", HttpStatusCode.Redirect },
        { null, "/account/password", HttpStatusCode.Redirect },
        { null, "/api/tasks", HttpStatusCode.Unauthorized },
        { null, "/api/nominations", HttpStatusCode.Unauthorized },
        { null, "/hangfire", HttpStatusCode.Unauthorized },
        // A unit (thôn): its own work only.
        { "thon1", "/", HttpStatusCode.OK },
        { "thon1", "/inbox", HttpStatusCode.OK },
        { "thon1", "/nominations", HttpStatusCode.OK },
        { "thon1", "/nominations/new", HttpStatusCode.OK },
        { "thon1", "/account/password", HttpStatusCode.OK },
        { "thon1", "/council-sessions", HttpStatusCode.Forbidden },
        { "thon1", "/decisions/new", HttpStatusCode.Forbidden },
        { "thon1", "/hangfire", HttpStatusCode.Forbidden },
        // A council member who also proposes for the Youth Union.
        { "bithudoan", "/council-sessions", HttpStatusCode.OK },
        { "bithudoan", "/nominations/new", HttpStatusCode.OK },
        { "bithudoan", "/decisions/new", HttpStatusCode.Forbidden },
        // The chair: council and decisions, no proposals of his own.
        { "chutich", "/council-sessions", HttpStatusCode.OK },
        { "chutich", "/decisions/new", HttpStatusCode.OK },
        { "chutich", "/nominations/new", HttpStatusCode.Forbidden },
        // The office: every working page, not the administrator's.
        { "vanphong", "/nominations/new", HttpStatusCode.OK },
        { "vanphong", "/council-sessions", HttpStatusCode.OK },
        { "vanphong", "/decisions/new", HttpStatusCode.OK },
        { "vanphong", "/hangfire", HttpStatusCode.Forbidden },
        // Settings: the office and the chair; users, mail and instances: the administrator.
        { "thon1", "/settings", HttpStatusCode.Forbidden },
        { "thon1", "/account/delegations", HttpStatusCode.OK },
        { "vanphong", "/settings", HttpStatusCode.OK },
        { "vanphong", "/settings/awards", HttpStatusCode.OK },
        { "vanphong", "/settings/units", HttpStatusCode.OK },
        { "vanphong", "/settings/users", HttpStatusCode.Forbidden },
        { "vanphong", "/settings/mail", HttpStatusCode.Forbidden },
        { "vanphong", "/admin/instances", HttpStatusCode.Forbidden },
        { "vanphong", "/admin/outbox", HttpStatusCode.Forbidden },
        { "vanphong", "/admin/audit", HttpStatusCode.Forbidden },
        { "chutich", "/admin/audit", HttpStatusCode.Forbidden },
        { "thon1", "/admin/outbox", HttpStatusCode.Forbidden },
        { null, "/admin/outbox", HttpStatusCode.Redirect },
        { "chutich", "/settings/council", HttpStatusCode.OK },
        { "chutich", "/settings/awards", HttpStatusCode.Forbidden },
        { "bithudoan", "/settings", HttpStatusCode.Forbidden },
        { null, "/settings", HttpStatusCode.Redirect },
        // The designer: the office and the administrator.
        { "vanphong", "/designer", HttpStatusCode.OK },
        { "vanphong", "/designer/nomination-commune", HttpStatusCode.OK },
        { "vanphong", "/api/designer/definitions", HttpStatusCode.OK },
        { "admin", "/designer/nomination-province", HttpStatusCode.OK },
        { "thon1", "/designer", HttpStatusCode.Forbidden },
        { "thon1", "/designer/nomination-commune", HttpStatusCode.Forbidden },
        { "chutich", "/designer", HttpStatusCode.Forbidden },
        { "bithudoan", "/api/designer/definitions", HttpStatusCode.Forbidden },
        { null, "/designer", HttpStatusCode.Redirect },
        { null, "/api/designer/definitions", HttpStatusCode.Unauthorized },
        // The administrator.
        { "admin", "/hangfire", HttpStatusCode.OK },
        { "admin", "/settings/users", HttpStatusCode.OK },
        { "admin", "/settings/mail", HttpStatusCode.OK },
        { "admin", "/admin/instances", HttpStatusCode.OK },
        { "admin", "/admin/outbox", HttpStatusCode.OK },
        { "admin", "/admin/audit", HttpStatusCode.OK },
        { "admin", "/decisions/new", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachPageAndApi_AnswersEachRoleAsTheRulesSay(string? user, string path, HttpStatusCode expected)
    {
        var client = user is null ? host.CreateClient(new() { AllowAutoRedirect = false }) : await _api.As(user);
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        if (expected == HttpStatusCode.Forbidden && !path.StartsWith("/hangfire", StringComparison.Ordinal) && !path.StartsWith("/api/", StringComparison.Ordinal))
            Assert.Contains("Anh/chị không có quyền xem trang này", await response.Content.ReadAsStringAsync()); // a page, in Vietnamese
    }

    [Fact]
    public async Task AUnitUser_NeverSeesAnotherUnitsNomination_OnAnyPageOrApi()
    {
        var person = await _api.NewPersonAsync("thon2", "thon-2", "Hoàng Văn Kín");
        var n = await _api.CreateAsync("thon2", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Thành tích riêng của Thôn 2.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        var upload = await _api.UploadAsync("thon2", id, "AchievementReport", "bao-cao.pdf", NominationApi.Pdf("Thôn 2"));
        var attachment = (await NominationApi.JsonAsync(upload, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await _api.PostAsync("thon2", $"/api/nominations/{id}/submit", new { });
        var task = await _api.OpenTaskAsync(id, "completeness");

        var other = await _api.As("thon1");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/nominations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/nominations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/nominations/{id}/attachments/{attachment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/history")).StatusCode);
        Assert.DoesNotContain("Hoàng Văn Kín", await other.GetStringAsync("/nominations"));
        Assert.DoesNotContain("Hoàng Văn Kín", await other.GetStringAsync("/api/nominations"));
        Assert.DoesNotContain("Hoàng Văn Kín", await other.GetStringAsync("/"));
        Assert.DoesNotContain("Hoàng Văn Kín", await other.GetStringAsync("/inbox"));
        // The unit itself and the office do see it.
        Assert.Contains("Hoàng Văn Kín", await (await _api.As("thon2")).GetStringAsync($"/nominations/{id}"));
        Assert.Contains("Hoàng Văn Kín", await (await _api.As("vanphong")).GetStringAsync($"/nominations/{id}"));
    }
}
