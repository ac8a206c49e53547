using System.Net;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The office's actions that had only an API before: hold and release, and the province's answer, on the nomination page.</summary>
[Collection(WebCollection.Name)]
public sealed class OfficePagesTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task TheOfficePutsANominationOnHold_AndReleasesIt_FromItsPage_WhoWhenWhyShown()
    {
        var person = await _api.NewPersonAsync("thon2", "thon-2", "Lưu Văn Tạm");
        var n = await _api.CreateAsync("thon2", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Thành tích cần xác minh.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("thon2", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.OpenTaskAsync(id, "appraisal");
        var url = $"/nominations/{id}";

        var office = await host.SignedInAsync("vanphong");
        Assert.DoesNotContain("Tạm dừng xét</button>", await (await host.SignedInAsync("thon2")).GetStringAsync(url)); // not the unit's button
        var noReason = await PageForms.PostAsync(office, url, "hold", new Dictionary<string, string> { ["reason"] = "", ["note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Cần ghi lý do tạm dừng", await noReason.Content.ReadAsStringAsync());

        var held = await PageForms.PostAsync(office, url, "hold", new Dictionary<string, string> { ["reason"] = "Đang giải quyết đơn khiếu nại", ["note"] = "Đơn ngày 20/11" });
        Assert.Contains("Đã tạm dừng xét hồ sơ.", await PageForms.FollowAsync(office, held));
        await _api.WaitStatusAsync(id, "OnHold");
        var page = await office.GetStringAsync(url);
        Assert.Contains("Đang giải quyết đơn khiếu nại: Đơn ngày 20/11", page);
        Assert.Contains("Công chức Phòng Văn hóa - Xã hội", page);
        Assert.Contains("(đang tạm dừng)", page);

        var released = await PageForms.PostAsync(office, url, "release", new Dictionary<string, string> { ["note"] = "Đã giải quyết xong" });
        Assert.Contains("Đã tiếp tục xét hồ sơ.", await PageForms.FollowAsync(office, released));
        await _api.WaitStatusAsync(id, "Received");
        // A second release, from a stale page, changes nothing and says why.
        var again = await PageForms.PostAsync(office, url, "release", new Dictionary<string, string> { ["note"] = "" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task TheOfficeRecordsTheProvincesAnswer_FromTheNominationPage()
    {
        var person = await _api.NewPersonAsync("htx", "htx-nong-nghiep", "Cao Thị Tỉnh");
        var n = await _api.CreateAsync("htx", new { nomineeKind = "Individual", personId = person, awardCode = "BKTINH", year = 2026,
            achievementSummary = "Liên kết tiêu thụ nông sản sạch cho 200 hộ.", performanceRating = "Excellent", initiativeRecognized = true });
        var id = n["id"]!.GetValue<string>();
        await _api.PostAsync("htx", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var council = await _api.CouncilOfAsync("hdT", 5);
        await _api.VoteAsync(council, id, 5, "Phiên họp xét Bằng khen tỉnh (trang)");
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("vanphong", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf("bc"))).StatusCode);
        await _api.CompleteAsync("chutich", id, "chairLetter", "Sign");
        await _api.WaitStatusAsync(id, "ForwardedToProvince");
        var url = $"/nominations/{id}";

        var office = await host.SignedInAsync("vanphong");
        Assert.Contains("Kết quả của cấp trên", await office.GetStringAsync(url));
        var noNumber = await PageForms.PostAsync(office, url, "province", new Dictionary<string, string> { ["outcome"] = "Decided", ["decisionNumber"] = "", ["decidedOn"] = "", ["note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noNumber.StatusCode);
        var badDate = await PageForms.PostAsync(office, url, "province", new Dictionary<string, string> { ["outcome"] = "Decided", ["decisionNumber"] = "99/QĐ-UBND", ["decidedOn"] = "15/12/2026", ["note"] = "" });
        Assert.Contains("Ngày quyết định: không đúng dạng ngày.", await badDate.Content.ReadAsStringAsync());

        var decided = await PageForms.PostAsync(office, url, "province", new Dictionary<string, string> { ["outcome"] = "Decided", ["decisionNumber"] = "2151/QĐ-UBND", ["decidedOn"] = "2026-12-15", ["note"] = "" });
        Assert.Contains("Đã ghi nhận kết quả của cấp trên.", await PageForms.FollowAsync(office, decided));
        await _api.WaitStatusAsync(id, "ProvinceDecided");
        Assert.Contains("đã khen thưởng, quyết định số 2151/QĐ-UBND ngày 15/12/2026", await office.GetStringAsync(url));
    }
}
