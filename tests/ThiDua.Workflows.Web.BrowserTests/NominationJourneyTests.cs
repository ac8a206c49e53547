using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ThiDua.Workflows.Web.BrowserTests;

/// <summary>
/// One nomination from a thôn's draft to the chair's decision, done in Chromium as people do it: forms, buttons,
/// confirmations, two phones for the council. Each page is saved as a screenshot and checked with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NominationJourneyTests(BrowserHost host)
{
    private const string Nominee = "Nguyễn Thị Minh Hằng";

    private static FilePayload Pdf(string name, string text) =>
        new() { Name = name, MimeType = "application/pdf", Buffer = ThiDua.Workflows.Testing.TestFiles.Pdf(text) };

    /// <summary>Reloads until the page shows the text (the workflow takes its next step just after a decision commits).</summary>
    private static async Task ReloadUntilAsync(IPage page, string text, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!(await page.ContentAsync()).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, $"'{text}' did not appear on {page.Url}; the page says: {await page.Locator("main").InnerTextAsync()}");
            await Task.Delay(300);
            await page.ReloadAsync();
        }
    }

    private static async Task DecideInInboxAsync(IPage office, string taskTitlePart, string button, string? comment = null)
    {
        await office.GotoAsync("/inbox");
        await ReloadUntilAsync(office, taskTitlePart);
        // The demo data has tasks of the same kind: the card must name this nominee too.
        var card = office.Locator(".task-card", new() { HasText = taskTitlePart }).Filter(new() { HasText = Nominee }).First;
        if (comment is not null) await card.Locator("textarea[name=comment]").FillAsync(comment);
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await office.WaitForURLAsync(new Regex("done=decided"));
        await Assertions.Expect(office.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi nhận quyết định");
    }

    [Fact]
    public async Task AThonProposes_TheOfficeReturnsAndAccepts_TheCouncilVotesOnPhones_TheChairDecides()
    {
        // The thôn drafts a nomination (a new person), adds three files in one go, sees what is missing, submits.
        var thon = await host.SignedInAsync("thon1");
        await Assertions.Expect(thon.GetByRole(AriaRole.Navigation, new() { Name = "Trình đơn chính" })).Not.ToContainTextAsync("Ký quyết định");
        await thon.GotoAsync("/nominations/new?kind=Individual");
        await PageChecks.LookAsync(thon, host, "nomination-new");
        await thon.SelectOptionAsync("#awardCode", "LDTT");
        await thon.FillAsync("#newPerson", Nominee);
        await thon.FillAsync("#position", "Thôn đội trưởng");
        await thon.SelectOptionAsync("#performanceRating", "Good");
        await thon.FillAsync("#achievementSummary", "Vận động 100% hộ cài đặt ứng dụng định danh điện tử; dẫn đầu phong trào chuyển đổi số của thôn.");
        await thon.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ (dự thảo)" }).ClickAsync();
        await thon.WaitForURLAsync(new Regex("/nominations/[0-9a-f]{32}"));
        var nominationUrl = thon.Url.Split('?')[0];
        await thon.SelectOptionAsync("#documentType", "AchievementReport");
        await thon.SetInputFilesAsync("#files", [Pdf("bao-cao-thanh-tich.pdf", "1"), Pdf("bang-tong-hop.pdf", "2"), Pdf("xac-nhan.pdf", "3")]);
        await thon.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(thon.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm 3 tệp vào hồ sơ.");
        await Assertions.Expect(thon.Locator(".flag", new() { HasText = "Hồ sơ còn thiếu" })).ToBeVisibleAsync();
        await PageChecks.LookAsync(thon, host, "nomination-draft");
        await thon.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ về Phòng Văn hóa - Xã hội" }).ClickAsync();
        await Assertions.Expect(thon.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nộp hồ sơ");

        // The office returns it for supplement with a comment.
        var office = await host.SignedInAsync("vanphong");
        await DecideInInboxAsync(office, $"Kiểm tra tính đầy đủ của hồ sơ: Lao động tiên tiến năm 2026 — {Nominee}", "Yêu cầu bổ sung (một lần)", "Thiếu biên bản họp bình xét của thôn.");

        // The thôn sees the comment, adds the minutes, resubmits.
        await thon.GotoAsync(nominationUrl);
        await ReloadUntilAsync(thon, "Bị trả lại để bổ sung");
        await Assertions.Expect(thon.Locator(".timeline")).ToContainTextAsync("Thiếu biên bản họp bình xét của thôn.");
        await thon.SelectOptionAsync("#documentType", "MeetingMinutes");
        await thon.SetInputFilesAsync("#files", [Pdf("bien-ban-binh-xet.pdf", "4")]);
        await thon.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(thon.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm 1 tệp");
        await thon.GetByRole(AriaRole.Button, new() { Name = "Nộp lại hồ sơ đã bổ sung" }).ClickAsync();
        await Assertions.Expect(thon.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nộp hồ sơ");

        // The office accepts (the legal due date appears) and finds it eligible.
        await DecideInInboxAsync(office, $"Kiểm tra tính đầy đủ của hồ sơ: Lao động tiên tiến năm 2026 — {Nominee}", "Hồ sơ đầy đủ, tiếp nhận");
        await DecideInInboxAsync(office, "Thẩm định", "Đủ điều kiện");
        await office.GotoAsync(nominationUrl);
        await ReloadUntilAsync(office, "Chờ Hội đồng xét");
        await Assertions.Expect(office.Locator("dl.facts")).ToContainTextAsync("Hạn giải quyết");
        await PageChecks.LookAsync(office, host, "nomination-office");

        // The secretary calls a session and takes attendance by name.
        var secretary = await host.SignedInAsync("thuky");
        await secretary.GotoAsync("/council-sessions");
        await PageChecks.LookAsync(secretary, host, "council-sessions");
        await secretary.FillAsync("#title", "Phiên họp xét danh hiệu năm 2026");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Triệu tập và gửi thư mời các thành viên" }).ClickAsync();
        await secretary.WaitForURLAsync(new Regex("/council-sessions/[0-9a-z]+"));
        var sessionUrl = secretary.Url.Split('?')[0];
        foreach (var present in await secretary.Locator("input[type=radio][value=Present]").AllAsync()) await present.CheckAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm danh" }).ClickAsync();
        await Assertions.Expect(secretary.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã lưu điểm danh");
        await Assertions.Expect(secretary.Locator("table.data")).ToContainTextAsync("Bí thư Đoàn xã — Ủy viên");

        // Members vote: two on phones, the others on computers; a majority of all seven members is needed.
        string[] members = ["bithudoan", "chutichhpn", "phochutich", "chutichmttq", "truongphongkt"];
        for (var i = 0; i < members.Length; i++)
        {
            var member = await host.SignedInAsync(members[i], i < 2 ? 390 : 1280);
            await member.GotoAsync(sessionUrl);
            foreach (var approve in await member.Locator("input[type=radio][value=Approve]").AllAsync()) await approve.CheckAsync();
            if (i < 2) await PageChecks.LookAsync(member, host, $"ballot-phone-{i + 1}");
            await member.GetByRole(AriaRole.Button, new() { Name = "Gửi phiếu" }).ClickAsync();
            await Assertions.Expect(member.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã ghi nhận phiếu");
            Assert.False(await PageChecks.ScrollsSidewaysAsync(member), $"{members[i]}'s ballot scrolls sideways");
            if (i == 1)
            {
                await secretary.GotoAsync(sessionUrl);
                await Assertions.Expect(secretary.GetByText("2/7 thành viên đã bỏ phiếu")).ToBeVisibleAsync();
            }

            await member.Context.CloseAsync();
        }

        // The secretary closes the vote, confirming first.
        await secretary.GotoAsync(sessionUrl);
        await secretary.GetByText("Kết thúc bỏ phiếu và kiểm phiếu", new() { Exact = true }).ClickAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Xác nhận kết thúc bỏ phiếu" }).ClickAsync();
        await Assertions.Expect(secretary.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã kiểm phiếu; biên bản số");
        await Assertions.Expect(secretary.Locator("a", new() { HasText = "Biên bản họp và kết quả kiểm phiếu" })).ToBeVisibleAsync();
        await PageChecks.LookAsync(secretary, host, "council-session-closed");

        // The chair signs one decision for the list; the document link is on the result page.
        var chair = await host.SignedInAsync("chutich");
        await chair.GotoAsync("/decisions/new");
        await ReloadUntilAsync(chair, Nominee);
        await PageChecks.LookAsync(chair, host, "decisions-new");
        await chair.GetByText("Ký một quyết định cho các hồ sơ đã chọn", new() { Exact = true }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ký quyết định" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã ký Quyết định số");
        var number = Regex.Match(await chair.GetByRole(AriaRole.Status).First.InnerTextAsync(), @"số (\d+/QĐ-UBND)").Groups[1].Value;
        Assert.NotEmpty(number);
        await Assertions.Expect(chair.Locator("a", new() { HasText = "Tải Quyết định vừa ký" })).ToBeVisibleAsync();

        // The decision shows on the dashboard; the nomination's diagram shows the path taken, through the supplement.
        await chair.GotoAsync("/");
        await ReloadUntilAsync(chair, $"Quyết định số {number}");
        await PageChecks.LookAsync(chair, host, "dashboard-chair");
        await office.GotoAsync(nominationUrl);
        await ReloadUntilAsync(office, "Đã khen thưởng");
        await Assertions.Expect(office.Locator("g[data-step=unitSupplement]")).ToHaveAttributeAsync("data-state", "Done");
        await Assertions.Expect(office.Locator("g[data-step=council]")).ToHaveAttributeAsync("data-state", "Done");
        await Assertions.Expect(office.Locator("g[data-step=endDecided]")).ToHaveAttributeAsync("data-state", "Done");
        await Assertions.Expect(office.Locator("g[data-step=endRejectedAtIntake]")).ToHaveAttributeAsync("data-state", "NotReached");
        await PageChecks.LookAsync(office, host, "nomination-decided");
    }
}
