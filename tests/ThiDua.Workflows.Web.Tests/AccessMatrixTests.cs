using System.Net;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// What the access tables leave to records: a unit never sees another unit's nomination anywhere; the job dashboard;
/// a refusal page in Vietnamese. The rules per page and per API operation are the tables of
/// <see cref="PageAccessMatrixTests"/> and <see cref="ApiAccessMatrixTests"/>.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccessMatrixTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    // Pages are in PageAccessMatrixTests and API operations in ApiAccessMatrixTests; the job dashboard is neither.
    public static TheoryData<string?, HttpStatusCode> Dashboard => new()
    {
        { null, HttpStatusCode.Unauthorized },
        { "thon1", HttpStatusCode.Forbidden },
        { "vanphong", HttpStatusCode.Forbidden },
        { "admin", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Dashboard))]
    public async Task TheJobDashboard_IsTheAdministratorsOnly(string? user, HttpStatusCode expected)
    {
        var client = user is null ? host.CreateClient(new() { AllowAutoRedirect = false }) : await _api.As(user);
        Assert.Equal(expected, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task AForbiddenPage_SaysSoInVietnamese()
    {
        var response = await (await _api.As("thon1")).GetAsync("/decisions/new");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Anh/chị không có quyền xem trang này", await response.Content.ReadAsStringAsync());
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
