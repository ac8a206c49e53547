using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Two-factor sign-in with an authenticator app: enrol with a code, then sign-in asks for the code after the password.</summary>
[Collection(WebCollection.Name)]
public sealed partial class TwoFactorTests(WebHost host)
{
    private static string CodeNow(string base32) => Totp.Code(Totp.FromBase32(base32), Totp.StepOf(DateTimeOffset.UtcNow));

    [Fact]
    public void TheCodes_AreRfc6238s()
    {
        // RFC 6238 Appendix B, SHA-1, the key "12345678901234567890": 59 s → 94287082, 1111111109 s → 07081804 (last six digits).
        var key = "12345678901234567890"u8.ToArray();
        Assert.Equal("287082", Totp.Code(key, 59 / 30));
        Assert.Equal("081804", Totp.Code(key, 1111111109 / 30));
        Assert.Equal(key, Totp.FromBase32(Totp.ToBase32(key)));
    }

    [Fact]
    public async Task APersonEnrols_ThenSignInAsksForTheCode_AndAWrongCodeIsRefused()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new
            { userName = "thu.hailop", displayName = "Người thử hai lớp", password = "ThiDua@2026", roles = new[] { "UnitSubmitter" }, unitId = "thon-3" })).StatusCode);
        var user = await host.SignedInAsync("thu.hailop");
        var page = await user.GetStringAsync("/account/two-factor");
        var key = KeyPattern().Match(page).Groups[1].Value;
        var protectedKey = ProtectedPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);

        var wrong = await PageForms.PostAsync(user, "/account/two-factor", "enable", new Dictionary<string, string> { ["protectedKey"] = protectedKey, ["code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enabled = await PageForms.PostAsync(user, "/account/two-factor", "enable", new Dictionary<string, string> { ["protectedKey"] = protectedKey, ["code"] = CodeNow(key) });
        Assert.Contains("Đã bật xác thực hai lớp", await PageForms.FollowAsync(user, enabled));

        // Signing in again: the password alone opens no session.
        var browser = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var step = await PageForms.PostAsync(browser, "/account/login", "login", new Dictionary<string, string> { ["userName"] = "thu.hailop", ["password"] = "ThiDua@2026", ["returnUrl"] = "/inbox" });
        var html = await step.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("Mã xác thực", html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/inbox")).StatusCode);
        var ticket = TicketPattern().Match(html).Groups[1].Value;

        var badCode = await PageForms.PostAsync(browser, "/account/login", "code", new Dictionary<string, string> { ["ticket"] = ticket, ["code"] = "123456", ["returnUrl"] = "/inbox" });
        Assert.Equal(HttpStatusCode.Unauthorized, badCode.StatusCode);
        var forged = await PageForms.PostAsync(browser, "/account/login", "code", new Dictionary<string, string> { ["ticket"] = "thu.hailop", ["code"] = CodeNow(key), ["returnUrl"] = "/inbox" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode); // the ticket cannot be made up
        var good = await PageForms.PostAsync(browser, "/account/login", "code", new Dictionary<string, string> { ["ticket"] = ticket, ["code"] = CodeNow(key), ["returnUrl"] = "/inbox" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("/inbox", good.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/inbox")).StatusCode);
    }

    [GeneratedRegex("data-key=\"([A-Z2-7]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"protectedKey\" value=\"([^\"]+)\"")]
    private static partial Regex ProtectedPattern();

    [GeneratedRegex("name=\"ticket\" value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();
}

/// <summary>"Forgot password": a link by mail that works once, for 30 minutes; the answer never tells whether a name exists.</summary>
[Collection(WebCollection.Name)]
public sealed class PasswordResetTests(WebHost host)
{
    [Fact]
    public async Task TheLinkByMail_SetsANewPasswordOnce()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new
            { userName = "thu.quen", displayName = "Người thử quên mật khẩu", email = "thu.quen@truongluu.local", password = "ThiDua@2026", roles = new[] { "UnitSubmitter" }, unitId = "thon-3" })).StatusCode);
        var anonymous = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var unknown = await PageForms.PostAsync(anonymous, "/account/forgot", "forgot", new Dictionary<string, string> { ["who"] = "khong.co.ai" });
        var known = await PageForms.PostAsync(anonymous, "/account/forgot", "forgot", new Dictionary<string, string> { ["who"] = "thu.quen@truongluu.local" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await ContentOf(unknown), await ContentOf(known)); // the same answer

        var mail = await host.Mail.WaitForAsync("thu.quen@", "[Thi đua] Đặt lại mật khẩu");
        var link = Regex.Match(mail, @"http://[^\s""<]+/account/reset\?t=[^\s""<]+").Value;
        Assert.NotEmpty(link);
        var path = new Uri(System.Net.WebUtility.HtmlDecode(link)).PathAndQuery;
        var reset = await PageForms.PostAsync(anonymous, path, "reset", new Dictionary<string, string> { ["next"] = "MatKhauMoi@2026", ["again"] = "MatKhauMoi@2026" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("Liên kết không còn hiệu lực", await anonymous.GetStringAsync(path)); // used once
        var signIn = await PageForms.PostAsync(host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), "/account/login", "login",
            new Dictionary<string, string> { ["userName"] = "thu.quen", ["password"] = "MatKhauMoi@2026", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    // The page without its per-request antiforgery token.
    private static async Task<string> ContentOf(HttpResponseMessage response) =>
        Regex.Replace(await response.Content.ReadAsStringAsync(), "value=\"[^\"]{40,}\"", "");
}
