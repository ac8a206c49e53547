using Microsoft.Playwright;

namespace ThiDua.Workflows.Web.BrowserTests;

/// <summary>Every page each role uses, at a desktop and a phone width: saved, checked with axe-core, no sideways scroll at 360 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageTests(BrowserHost host)
{
    public static TheoryData<string?, string, string> Pages => new()
    {
        { null, "/", "start-anonymous" },
        { null, "/account/login", "login" },
        { null, "/public-posting", "public-posting" },
        { null, "/account/forgot", "forgot-password" },
        { "thon1", "/", "dashboard-unit" },
        { "thon1", "/inbox", "inbox-unit" },
        { "thon1", "/nominations", "nominations-unit" },
        { "vanphong", "/", "dashboard-office" },
        { "vanphong", "/inbox", "inbox-office" },
        { "vanphong", "/nominations", "nominations-office" },
        { "vanphong", "first-nomination", "nomination-detail" },
        { "vanphong", "/account/password", "password" },
        { "vanphong", "/account/two-factor", "two-factor" },
        { "thuky", "/council-sessions", "council-sessions-secretary" },
        { "bithudoan", "/inbox", "inbox-member" },
        { "chutich", "/", "dashboard-chair" },
        { "chutich", "/decisions/new", "decisions-chair" },
        { "admin", "/", "dashboard-admin" },
        { "admin", "/admin/instances", "instances" },
        { "admin", "/admin/outbox", "outbox" },
        { "admin", "/admin/audit", "audit" },
        { "admin", "first-instance", "instance" },
        { "thon1", "/decisions/new", "forbidden" },
        { "thon1", "/campaign", "campaign-unit" },
        { "thon1", "/account/delegations", "delegations" },
        { "vanphong", "/settings", "settings" },
        { "vanphong", "/settings/awards", "settings-awards" },
        { "vanphong", "/settings/units", "settings-units" },
        { "chutich", "/settings/council", "settings-council" },
        { "admin", "/settings/users", "settings-users" },
        { "admin", "/settings/mail", "settings-mail" },
        { "vanphong", "/settings/templates", "settings-templates" },
        { "vanthu", "/register", "register-clerk" },
        { "vanphong", "/reports", "reports" },
        { "vanphong", "/calendar", "calendar" },
        { "vanphong", "/commendations?year=2025", "commendations" },
        { "thon2", "/proposals", "proposals-unit" },
        { "vanphong", "first-proposal", "proposal-detail-office" },
        { "vanphong", "/designer", "designer-list" },
        { "vanphong", "/designer/nomination-commune", "designer" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ThePageIsReadable_Accessible_AndFitsAPhone(string? user, string path, string name)
    {
        foreach (var width in new[] { 1280, 390, 360 })
        {
            var page = user is null ? await host.NewPageAsync(width) : await host.SignedInAsync(user, width);
            if (path is "first-nomination" or "first-instance" or "first-proposal")
            {
                await page.GotoAsync(path switch { "first-nomination" => "/nominations", "first-proposal" => "/proposals", _ => "/admin/instances?definition=nomination-commune" });
                await page.Locator("table.data tbody a").First.ClickAsync();
            }
            else
            {
                await page.GotoAsync(path);
            }

            if (path.StartsWith("/designer/", StringComparison.Ordinal)) await page.WaitForSelectorAsync("#designer-app[data-ready=true]");

            if (width == 360) Assert.False(await PageChecks.ScrollsSidewaysAsync(page), $"{name} scrolls sideways at 360 px: {await PageChecks.TooWideAsync(page)}");
            else await PageChecks.LookAsync(page, host, name);
            var text = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task EachRoleSeesOnlyItsMenu_AndSignOutEndsTheSessionInEveryTab()
    {
        var expectations = new (string User, string[] Sees, string[] DoesNotSee)[]
        {
            ("thon1", ["Việc cần xử lý", "Hồ sơ đề nghị", "Lập hồ sơ"], ["Hội đồng TĐKT", "Ký quyết định", "Hangfire"]),
            ("bithudoan", ["Việc cần xử lý", "Hội đồng TĐKT"], ["Ký quyết định", "Hangfire"]),
            ("vanphong", ["Lập hồ sơ", "Hội đồng TĐKT", "Ký quyết định"], ["Hangfire", "Quy trình đang chạy"]),
            ("chutich", ["Hội đồng TĐKT", "Ký quyết định"], ["Lập hồ sơ", "Hangfire"]),
            ("admin", ["Hangfire", "Quy trình đang chạy"], []),
        };
        foreach (var (user, sees, doesNotSee) in expectations)
        {
            var page = await host.SignedInAsync(user);
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Trình đơn chính" });
            foreach (var item in sees) await Assertions.Expect(menu).ToContainTextAsync(item);
            foreach (var item in doesNotSee) await Assertions.Expect(menu).Not.ToContainTextAsync(item);
            await page.Context.CloseAsync();
        }

        // Two tabs of one browser: signing out in one signs out the other.
        var first = await host.SignedInAsync("vanphong");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/inbox");
        await Assertions.Expect(second).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
        await first.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Anh/chị đã đăng xuất.");
        await second.ReloadAsync();
        await Assertions.Expect(second).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
