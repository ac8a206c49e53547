using System.Net;
using System.Net.Http.Json;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The settings pages: users (a disabled user is out at once), award values with their ranges, council seats, test mail, delegation.</summary>
[Collection(WebCollection.Name)]
public sealed class SettingsPagesTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task TheAdministratorCreatesAUser_WhoSignsIn_AndIsSignedOutAtOnceWhenDisabled()
    {
        var admin = await host.SignedInAsync("admin");
        var created = await PageForms.PostAsync(admin, "/settings/users", "create", new[]
        {
            KeyValuePair.Create("userName", "canbo.moi"), KeyValuePair.Create("displayName", "Cán bộ mới thử nghiệm"), KeyValuePair.Create("email", "canbo.moi@truongluu.local"),
            KeyValuePair.Create("unitId", ""), KeyValuePair.Create("roles", "Office"), KeyValuePair.Create("password", "ThiDua@2026"),
        });
        Assert.Contains("Đã tạo người dùng.", await PageForms.FollowAsync(admin, created));

        var user = await host.SignedInAsync("canbo.moi");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/inbox")).StatusCode);
        var disabled = await PageForms.PostAsync(admin, "/settings/users", "active", new Dictionary<string, string> { ["userName"] = "canbo.moi", ["active"] = "false" });
        Assert.Contains("Đã khóa người dùng", await PageForms.FollowAsync(admin, disabled));
        Assert.Equal(HttpStatusCode.Redirect, (await user.GetAsync("/inbox")).StatusCode); // the open session ends now

        // A bad password is refused, naming the field, and nothing changes.
        var weak = await PageForms.PostAsync(admin, "/settings/users", "reset", new Dictionary<string, string> { ["userName"] = "canbo.moi", ["password"] = "ngan" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("Mật khẩu mới cần từ 10 đến 200 ký tự.", await weak.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AwardValues_AreCheckedAgainstTheirRanges_OnThePageAndTheApi()
    {
        var office = await host.SignedInAsync("vanphong");
        var negative = await office.PutAsJsonAsync("/api/awards/LDTT", new { prizeMultipleIndividual = -5m });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("prizeMultipleIndividual", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync("/api/awards/LDTT", new { prizeMultipleIndividual = 123456.789m })).StatusCode);

        var page = await PageForms.PostAsync(office, "/settings/awards", "award", new Dictionary<string, string>
            { ["code"] = "GKCT", ["timeLimit"] = "15", ["posting"] = "abc", ["individual"] = "1,5", ["collective"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Công khai: cần ghi số nguyên.", await page.Content.ReadAsStringAsync());

        var saved = await PageForms.PostAsync(office, "/settings/awards", "award", new Dictionary<string, string>
            { ["code"] = "LDTT", ["timeLimit"] = "18", ["posting"] = "0", ["individual"] = "0,3", ["collective"] = "" });
        Assert.Contains("Đã lưu.", await PageForms.FollowAsync(office, saved));
        var awards = await _api.GetAsync("vanphong", "/api/awards");
        var ldtt = awards.AsArray().Single(a => a!["code"]!.GetValue<string>() == "LDTT")!;
        Assert.Equal(18, ldtt["timeLimitWorkingDays"]!.GetValue<int>());
        Assert.Equal(0.3m, ldtt["prizeMultipleIndividual"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task TheMailPage_SendsATestMail_ThroughTheRealServer()
    {
        var admin = await host.SignedInAsync("admin");
        var sent = await PageForms.PostAsync(admin, "/settings/mail", "test", new Dictionary<string, string> { ["to"] = "kiemtra@truongluu.local" });
        Assert.Contains("Máy chủ thư đã nhận thư thử.", await PageForms.FollowAsync(admin, sent));
        await host.Mail.WaitForAsync("kiemtra@", "[Thi đua] Thư thử cấu hình gửi thư");
    }

    [Fact]
    public async Task APersonDelegatesWhileAway_AndEndsTheDelegation()
    {
        var head = await host.SignedInAsync("truongphong");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var bad = await PageForms.PostAsync(head, "/account/delegations", "create", new Dictionary<string, string>
            { ["toUser"] = "vanphong", ["startsOn"] = today.AddDays(3).ToString("yyyy-MM-dd"), ["endsOn"] = today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Ngày kết thúc phải sau ngày bắt đầu.", await bad.Content.ReadAsStringAsync());

        var made = await PageForms.PostAsync(head, "/account/delegations", "create", new Dictionary<string, string>
            { ["toUser"] = "vanphong", ["startsOn"] = today.AddDays(10).ToString("yyyy-MM-dd"), ["endsOn"] = today.AddDays(12).ToString("yyyy-MM-dd") });
        var page = await PageForms.FollowAsync(head, made);
        Assert.Contains("Đã lưu ủy quyền.", page);
        Assert.Contains("Công chức Phòng Văn hóa - Xã hội", page);
        var id = (await head.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/delegations"))!.First()!["id"]!.GetValue<long>();
        var ended = await PageForms.PostAsync(head, "/account/delegations", "end", new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Đã kết thúc ủy quyền.", await PageForms.FollowAsync(head, ended));
        Assert.DoesNotContain((await head.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/delegations"))!, d => d!["id"]!.GetValue<long>() == id);
    }
}

/// <summary>The campaign page: each unit's implementation plan; a unit sees and records only its own.</summary>
[Collection(WebCollection.Name)]
public sealed class CampaignPageTests(WebHost host)
{
    [Fact]
    public async Task AUnitRecordsItsPlan_AndSeesOnlyItsOwnRow_TheOfficeSeesEveryUnit()
    {
        var unit = await host.SignedInAsync("hieutruong");
        var page = await unit.GetStringAsync("/campaign");
        Assert.Contains("Trường THCS xã Trường Lưu", page);
        Assert.DoesNotContain("Thôn 3", page);
        var plan = ThiDua.Workflows.Testing.TestFiles.Pdf("Kế hoạch triển khai phong trào của Trường THCS");
        var other = await PageForms.PostFileAsync(unit, "/campaign", "submit", new Dictionary<string, string> { ["unitId"] = "thon-3" }, "planFile", "Ke hoach.pdf", plan);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        // Without its file the plan is not sent, and the page says why.
        var bare = await PageForms.PostAsync(unit, "/campaign", "submit", new Dictionary<string, string> { ["unitId"] = "truong-thcs" });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Cần gửi tệp kế hoạch triển khai", await bare.Content.ReadAsStringAsync());
        var own = await PageForms.PostFileAsync(unit, "/campaign", "submit", new Dictionary<string, string> { ["unitId"] = "truong-thcs" }, "planFile", "Kế hoạch THCS.pdf", plan);
        var after = await PageForms.FollowAsync(unit, own);
        Assert.Contains("Đã gửi kế hoạch triển khai", after);
        Assert.Contains("Đã nộp, chờ xét", after);
        Assert.Contains("Kế hoạch THCS.pdf", after);
        var again = await PageForms.PostFileAsync(unit, "/campaign", "submit", new Dictionary<string, string> { ["unitId"] = "truong-thcs" }, "planFile", "Ke hoach.pdf", plan);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // once

        var office = await (await host.SignedInAsync("vanphong")).GetStringAsync("/campaign");
        Assert.Contains("Thôn 3", office);
        Assert.Contains("đơn vị đã nộp kế hoạch", office);
    }
}

/// <summary>Repeated wrong passwords lock the name for a while, real or not, and the right password does not get through meanwhile.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInLockoutTests(WebHost host)
{
    private async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        return await PageForms.PostAsync(client, "/account/login", "login", new Dictionary<string, string> { ["userName"] = user, ["password"] = password, ["returnUrl"] = "/" });
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheName_EvenForTheRightPassword()
    {
        // A user of its own: the demo users serve the other tests of this host.
        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new
            { userName = "thu.khoa", displayName = "Người thử khóa", password = "ThiDua@2026", roles = new[] { "UnitSubmitter" }, unitId = "thon-3" })).StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("thu.khoa", "sai-mat-khau")).StatusCode);
        var locked = await SignInAsync("thu.khoa", "ThiDua@2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("tài khoản tạm khóa", await locked.Content.ReadAsStringAsync());
        // An unknown name gets the same treatment (nothing tells which names exist).
        for (var i = 0; i < 5; i++) await SignInAsync("khong.co.ai", "sai-mat-khau");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync("khong.co.ai", "sai-mat-khau")).StatusCode);
        // Other people are not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("chutichhpn", "ThiDua@2026")).StatusCode);
    }
}

/// <summary>Ending sessions: a password change ends the others, "sign out everywhere" ends all.</summary>
[Collection(WebCollection.Name)]
public sealed class SessionTests(WebHost host)
{
    [Fact]
    public async Task APasswordChangeEndsOtherSessions_AndSignOutEverywhereEndsAll()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new
            { userName = "thu.phien", displayName = "Người thử phiên", password = "ThiDua@2026", roles = new[] { "UnitSubmitter" }, unitId = "thon-3" })).StatusCode);
        var office = await host.SignedInAsync("thu.phien");
        var phone = await host.SignedInAsync("thu.phien");

        var wrong = await PageForms.PostAsync(office, "/account/password", "password", new Dictionary<string, string> { ["current"] = "sai", ["next"] = "MatKhauMoi@2026", ["again"] = "MatKhauMoi@2026" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mật khẩu hiện tại: không đúng.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/inbox")).StatusCode); // a refused change ends nothing

        var changed = await PageForms.PostAsync(office, "/account/password", "password", new Dictionary<string, string> { ["current"] = "ThiDua@2026", ["next"] = "MatKhauMoi@2026", ["again"] = "MatKhauMoi@2026" });
        Assert.Contains("Đã đổi mật khẩu.", await PageForms.FollowAsync(office, changed));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/inbox")).StatusCode); // the other session ended
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/inbox")).StatusCode); // this one goes on

        var everywhere = await PageForms.PostAsync(office, "/account/password", "everywhere", new Dictionary<string, string> { ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync("/inbox")).StatusCode);
    }
}
