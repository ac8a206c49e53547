using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Timers;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The web host on a clock the test moves through 2027 (the demo data is seeded for that year).</summary>
public sealed class CalendarWebHost : WebHost
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.FromHours(7)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workflows:Scheduling:PollInterval", "00:00:00.200");
        builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

[CollectionDefinition(Name)]
public sealed class CalendarCollection : ICollectionFixture<CalendarWebHost>
{
    public const string Name = "WebCalendar";
}

/// <summary>
/// The commune's year as data: walking 2027 day by day through the windows of the six deadlines, each opens its tasks
/// on a working day, reminds on the working days set before its date and tells the office head after it — and a unit
/// that has done what the deadline asks (marked it done, sent its report or its list) gets nothing more.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class AnnualCalendarTests(CalendarWebHost host)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task ThroughAYear_EachDeadlineRemindsAndEscalatesOnItsWorkingDays_AndUnitsThatActedGetNothingMore()
    {
        _ = host.Server;
        var started = host.Clock.GetUtcNow();
        var days = host.Services.GetRequiredService<WorkingCalendar>();

        // What each unit does, and when (Vietnam dates).
        var acts = new Dictionary<DateOnly, Func<Task>>
        {
            // Thôn 1 registers its goals before any reminder: the task is marked done in the inbox.
            [new(2027, 3, 19)] = () => CompleteOwnTaskAsync("thon1", "Đăng ký thi đua đầu năm"),
            // Thôn 1 sends its GĐVH list between the two reminders; Thôn 2's list of the demo data was sent in January.
            [new(2027, 11, 19)] = () => SendHouseholdListAsync("thon1"),
            // The school reports on the movement before the first reminder.
            [new(2027, 11, 22)] = () => SendUnitReportAsync("hieutruong"),
            // The yearly inspection is done only with its findings.
            [new(2027, 10, 27)] = InspectAsync,
            // The office marks its provincial dossier sent after the first reminder.
            [new(2027, 12, 6)] = () => CompleteOwnTaskAsync("vanphong", "Gửi hồ sơ đề nghị khen thưởng cấp tỉnh hằng năm"),
        };

        foreach (var (from, to) in new[] { (new DateOnly(2027, 2, 12), new DateOnly(2027, 4, 1)), (new(2027, 5, 24), new(2027, 6, 16)), (new(2027, 10, 25), new(2027, 12, 16)) })
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                await AtAsync(day, new TimeOnly(8, 5), sync: true);
                if (acts.TryGetValue(day, out var act)) await act();
                await AtAsync(day, new TimeOnly(17, 5), sync: false);
            }
        }

        var mail = await MailSinceAsync(started);
        List<DateOnly> Sent(string to, string prefix, string title) =>
            mail.Where(m => m.To == to + "@truongluu.local" && m.Subject.StartsWith(prefix + title, StringComparison.Ordinal)).Select(m => m.Day).Order().ToList();
        const string Remind = "[Nhắc việc] ";
        const string Late = "[Quá hạn] ";

        // Đăng ký thi đua, due Wed 31/3: opens 45 days before (Sun 14/2 → Mon 15/2), reminders 5 and 1 working days
        // before (24/3, 30/3), the office head told at 17:00 on the date of each unit that has not acted.
        var register = "Đăng ký thi đua đầu năm, năm 2027 — ";
        var opened = FirstWorkingDayFrom(days, new DateOnly(2027, 2, 14));
        Assert.Equal([opened], Sent("htx", "", register + "Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([new(2027, 3, 24), new(2027, 3, 30)], Sent("htx", Remind, register + "Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([new(2027, 3, 31)], Sent("truongphong", Late, register + "Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([opened], Sent("thon1", "", register + "Thôn 1"));
        Assert.Empty(Sent("thon1", Remind, register + "Thôn 1"));
        Assert.Empty(Sent("truongphong", Late, register + "Thôn 1"));

        // Sơ kết 6 tháng, due Tue 15/6: reminders 3 and 1 working days before (Thu 10/6, Mon 14/6).
        Assert.Equal([new(2027, 6, 10), new(2027, 6, 14)], Sent("htx", Remind, "Báo cáo sơ kết 6 tháng, năm 2027 — Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([new(2027, 6, 15)], Sent("truongphong", Late, "Báo cáo sơ kết 6 tháng, năm 2027 — Hợp tác xã dịch vụ nông nghiệp"));

        // GĐVH bình xét, due Thu 25/11, thôn only: reminders 5 and 2 working days before (Thu 18/11, Tue 23/11).
        // Thôn 1 sent its list on 19/11: the first reminder only. Thôn 2 had sent it: no task at all.
        var households = "Bình xét Gia đình văn hóa, năm 2027 — ";
        Assert.Equal([new(2027, 11, 18)], Sent("thon1", Remind, households + "Thôn 1"));
        Assert.Empty(Sent("truongphong", Late, households + "Thôn 1"));
        Assert.Empty(mail.Where(m => m.Subject.Contains(households + "Thôn 2", StringComparison.Ordinal)));
        Assert.Equal([new(2027, 11, 25)], Sent("truongphong", Late, households + "Thôn 3"));
        Assert.Empty(mail.Where(m => m.Subject.Contains(households + "Hợp tác xã", StringComparison.Ordinal))); // not a thôn

        // The year's report on the movement, due Tue 30/11: reminders Tue 23/11 and Mon 29/11; the school reported on 22/11.
        var report = "Báo cáo kết quả thực hiện phong trào trong năm, năm 2027 — ";
        Assert.Equal([new(2027, 11, 23), new(2027, 11, 29)], Sent("htx", Remind, report + "Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([new(2027, 11, 30)], Sent("truongphong", Late, report + "Hợp tác xã dịch vụ nông nghiệp"));
        Assert.Equal([FirstWorkingDayFrom(days, new DateOnly(2027, 10, 31))], Sent("hieutruong", "", report + "Trường THCS xã Trường Lưu"));
        Assert.Empty(Sent("hieutruong", Remind, report + "Trường THCS xã Trường Lưu"));
        Assert.Empty(Sent("truongphong", Late, report + "Trường THCS xã Trường Lưu"));

        // The office's own: the dossier to the province (Fri 10/12; reminded Fri 3/12, marked sent on 6/12) and the
        // statistical report (Wed 15/12; reminded Fri 10/12 and Tue 14/12, escalated that day).
        Assert.Equal([new(2027, 12, 3)], Sent("vanphong", Remind, "Gửi hồ sơ đề nghị khen thưởng cấp tỉnh hằng năm, năm 2027"));
        Assert.Empty(Sent("truongphong", Late, "Gửi hồ sơ đề nghị khen thưởng cấp tỉnh hằng năm, năm 2027"));
        var statistics = "Báo cáo thống kê thi đua, khen thưởng (biểu 0602.N/BNV-TĐKT), năm 2027 — Phòng Văn hóa - Xã hội";
        Assert.Equal([new(2027, 12, 10), new(2027, 12, 14)], Sent("vanphong", Remind, statistics));
        Assert.Equal([new(2027, 12, 15)], Sent("truongphong", Late, statistics));

        // The yearly inspection: done on 27/10 with its findings, before its reminder (28/10).
        Assert.Empty(Sent("vanphong", Remind, "Kiểm tra việc thực hiện phong trào tại các đơn vị, năm 2027"));

        // Nothing reminds on a day off.
        Assert.All(mail.Where(m => m.Subject.StartsWith(Remind, StringComparison.Ordinal)), m => Assert.True(days.IsWorkingDay(m.Day), $"{m.Subject} on {m.Day}"));

        // The mails went through the SMTP server, and the office's page shows who acted and who is late.
        await host.Mail.WaitForAsync("truongphong@", Late + statistics);
        var page = await (await host.SignedInAsync("vanphong")).GetStringAsync("/calendar?year=2027");
        Assert.Contains("Bình xét Gia đình văn hóa — hạn 25/11/2027", page);
        Assert.Contains("Quá hạn, chưa thực hiện", page);
        Assert.Contains("Đã thực hiện — Đã kiểm tra Thôn 1, Thôn 3, Trường THCS: thực hiện tốt; Thôn 3 chưa có báo cáo 6 tháng.", page);
        var api = await (await host.SignedInAsync("vanphong")).GetFromJsonAsync<JsonArray>("/api/calendar?year=2027");
        var gdvh = api!.Single(d => d!["id"]!.GetValue<string>() == "binh-xet-gdvh")!["units"]!.AsArray();
        Assert.Equal(["Done", "Done", "Overdue"], gdvh.OrderBy(u => u!["unitId"]!.GetValue<string>()).Select(u => u!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheOfficeMovesADeadline_BadInputNamesTheFieldAndChangesNothing_AndOthersMayNotTouchIt()
    {
        var office = await host.SignedInAsync("vanphong");
        var bad = await office.PutAsJsonAsync("/api/calendar/bao-cao-thong-ke", new { dueDate = "31/02", reminders = "3, x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("dueDate", problem);
        Assert.Contains("reminders", problem);
        var unit = await host.SignedInAsync("thon1");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PutAsJsonAsync("/api/calendar/bao-cao-thong-ke", new { dueDate = "20/12" })).StatusCode);

        var moved = await office.PutAsJsonAsync("/api/calendar/so-ket-6-thang", new { dueDate = "30/06", reminders = "5,2,1" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var row = (await office.GetFromJsonAsync<JsonArray>("/api/calendar?year=2028"))!.Single(d => d!["id"]!.GetValue<string>() == "so-ket-6-thang")!;
        Assert.Equal("2028-06-30", row["dueDate"]!.GetValue<string>());
        Assert.Equal([5, 2, 1], row["reminders"]!.AsArray().Select(r => r!.GetValue<int>()));
        var statistics = (await office.GetFromJsonAsync<JsonArray>("/api/calendar?year=2028"))!.Single(d => d!["id"]!.GetValue<string>() == "bao-cao-thong-ke")!;
        Assert.Equal("2028-12-15", statistics["dueDate"]!.GetValue<string>());
    }

    private async Task AtAsync(DateOnly day, TimeOnly time, bool sync)
    {
        host.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(time), Vietnam));
        if (sync) await host.Services.GetRequiredService<AnnualCalendar>().SyncAsync();
        var report = await host.Services.GetRequiredService<TimerReconciler>().ReconcileAsync();
        if (report.Enqueued > 0 || sync) await SettleAsync();
    }

    /// <summary>Waits until Hangfire has run what was enqueued and the outbox has nothing due.</summary>
    private async Task SettleAsync()
    {
        var monitoring = host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var quiet = 0;
        while (quiet < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "Hangfire did not settle within 60 s");
            await Task.Delay(100);
            var busy = monitoring.Queues().Sum(q => q.Length) + monitoring.ProcessingCount();
            quiet = busy == 0 ? quiet + 1 : 0;
        }

        await host.Services.GetRequiredService<OutboxDrainJob>().DrainAsync(CancellationToken.None);
    }

    private async Task<List<(string To, string Subject, DateOnly Day)>> MailSinceAsync(DateTimeOffset since)
    {
        await using var db = host.Services.GetRequiredService<NotificationsContexts>().Create();
        var rows = await db.Mail.AsNoTracking().Select(m => new { m.To, m.Subject, m.CreatedAt }).ToListAsync();
        return rows.Where(m => m.CreatedAt >= since).Select(m => (m.To, m.Subject, DateOnly.FromDateTime(m.CreatedAt.ToOffset(Vietnam).DateTime))).ToList();
    }

    private static DateOnly FirstWorkingDayFrom(WorkingCalendar days, DateOnly date)
    {
        while (!days.IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    private async Task CompleteOwnTaskAsync(string user, string title)
    {
        var client = await host.SignedInAsync(user);
        var open = await client.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open");
        var task = open!.Single(t => t!["title"]!.GetValue<string>().StartsWith(title, StringComparison.Ordinal))!;
        var done = await client.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/complete", new { action = "Submitted", comment = "Đã gửi." });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await SettleAsync();
    }

    private async Task InspectAsync()
    {
        var client = await host.SignedInAsync("vanphong");
        var open = await client.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role&status=Open");
        var task = open!.Single(t => t!["title"]!.GetValue<string>().StartsWith("Kiểm tra việc thực hiện phong trào", StringComparison.Ordinal))!;
        var url = $"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/complete";
        var bare = await client.PostAsJsonAsync(url, new { action = "Submitted" });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var done = await client.PostAsJsonAsync(url, new { action = "Submitted", comment = "Đã kiểm tra Thôn 1, Thôn 3, Trường THCS: thực hiện tốt; Thôn 3 chưa có báo cáo 6 tháng." });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await SettleAsync();
    }

    private async Task SendHouseholdListAsync(string user)
    {
        var api = new NominationApi(host);
        var created = await api.PostAsync(user, "/api/proposals", new
        {
            year = 2027, title = "Đề nghị công nhận Gia đình văn hóa năm 2027", postedFrom = "2027-11-05", postedTo = "2027-11-15",
            nominees = Enumerable.Range(1, 3).Select(i => new { nomineeKind = "Household", householdName = $"Hộ bà Lê Thị Hoa {i}", awardCode = "GDVH", achievementSummary = "Gia đình văn hóa tiêu biểu." }),
        }, HttpStatusCode.Created);
        await api.PostAsync(user, $"/api/proposals/{created["id"]!.GetValue<string>()}/submit", new { });
        await SettleAsync();
    }

    private async Task SendUnitReportAsync(string user)
    {
        var api = new NominationApi(host);
        var content = (await api.GetAsync(user, "/api/campaigns")).AsArray().Single(c => c!["id"]!.GetValue<string>() == "phong-trao-2026-2030")!["contents"]!.AsArray()[0]!["id"]!.GetValue<long>();
        await api.PostAsync(user, "/api/campaigns/phong-trao-2026-2030/reports", new
        {
            year = 2027, items = new Dictionary<string, string> { [content.ToString(System.Globalization.CultureInfo.InvariantCulture)] = "Tổ chức 4 buổi tập huấn kỹ năng số cho giáo viên." },
        });
        await SettleAsync();
    }
}
