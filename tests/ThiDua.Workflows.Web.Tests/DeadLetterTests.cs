using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Mail;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// The web host with a mail server that refuses one mailbox, at most three attempts per outbox row, and a clock the
/// test moves (so the backoff between attempts passes at once).
/// </summary>
public sealed class DeadLetterWebHost : WebHost
{
    public const int MaxAttempts = 3;

    public RefusingSmtpServer Smtp { get; } = new("khongco");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workflows:Mail:SmtpPort", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Workflows:Store:OutboxMaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.Dispose();
    }


}

[CollectionDefinition(Name)]
public sealed class DeadLetterCollection : ICollectionFixture<DeadLetterWebHost>
{
    public const string Name = "WebDeadLetters";
}

/// <summary>A mail that always fails ends dead after N attempts, shows on the administrator's page, and is retried or discarded there.</summary>
[Collection(DeadLetterCollection.Name)]
public sealed class DeadLetterTests(DeadLetterWebHost host)
{
    [Fact]
    public async Task AMailThatAlwaysFails_EndsDeadAfterNAttempts_ShowsOnTheAdministratorsPage_AndARetrySendsItOnce()
    {
        var retried = await QueueMailAsync("khongco.thon9@truongluu.local", "[Thi đua] Thư tới hộp thư chưa có");
        var discarded = await QueueMailAsync("khongco.thon8@truongluu.local", "[Thi đua] Thư sẽ bỏ qua");
        var fine = await QueueMailAsync("kiemtra.hangdoi@truongluu.local", "[Thi đua] Thư bình thường");

        // Three attempts, the backoff passing between them: refused each time, then dead (no fourth attempt).
        for (var attempt = 1; attempt <= DeadLetterWebHost.MaxAttempts + 1; attempt++)
        {
            await host.Services.GetRequiredService<MailOutboxJob>().SendPendingAsync(CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal(DeadLetterWebHost.MaxAttempts * 2, host.Smtp.Refused);
        Assert.Single(host.Smtp.Delivered, to => to == "kiemtra.hangdoi@truongluu.local");
        var row = await MailAsync(retried);
        Assert.Equal((DeadLetterWebHost.MaxAttempts, true, (DateTimeOffset?)null), (row.Attempts, row.DeadAt is not null, row.SentAt));
        Assert.Contains("No such mailbox here", row.LastError, StringComparison.Ordinal);
        Assert.NotNull((await MailAsync(fine)).SentAt);

        // The administrator sees both, in Vietnamese, with the server's answer; nobody else may open the page.
        var admin = await host.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/admin/outbox");
        Assert.Contains("Hàng đợi gửi đi", page);
        Assert.Contains("[Thi đua] Thư tới hộp thư chưa có", page);
        Assert.Contains("khongco.thon9@truongluu.local", page);
        Assert.Contains("No such mailbox here", page);
        Assert.Matches("<td>Thư điện tử</td><td class=\"num\">[0-9.]+</td><td class=\"num\">2</td>", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.SignedInAsync("vanphong")).GetAsync("/admin/outbox")).StatusCode);

        // The mailbox now exists: "Gửi lại" sends the mail once, through the host's own background job.
        host.Smtp.Refusing = false;
        var retry = await PageForms.PostAsync(admin, "/admin/outbox", "outbox", new Dictionary<string, string> { ["box"] = "mail", ["id"] = retried, ["act"] = "retry" });
        Assert.Contains("Đã đưa lại vào hàng đợi", await PageForms.FollowAsync(admin, retry));
        await WaitUntilAsync(async () => (await MailAsync(retried)).SentAt is not null);
        Assert.Single(host.Smtp.Delivered, to => to == "khongco.thon9@truongluu.local");

        // "Bỏ qua" keeps the row for the record and never sends it; a second click finds nothing to do.
        var discard = await PageForms.PostAsync(admin, "/admin/outbox", "outbox", new Dictionary<string, string> { ["box"] = "mail", ["id"] = discarded, ["act"] = "discard" });
        Assert.Contains("Đã bỏ qua mục này", await PageForms.FollowAsync(admin, discard));
        var again = await PageForms.PostAsync(admin, "/admin/outbox", "outbox", new Dictionary<string, string> { ["box"] = "mail", ["id"] = discarded, ["act"] = "retry" });
        Assert.Contains("Mục này không còn trong danh sách lỗi", await PageForms.FollowAsync(admin, again));
        await host.Services.GetRequiredService<MailOutboxJob>().SendPendingAsync(CancellationToken.None);
        Assert.DoesNotContain(host.Smtp.Delivered, to => to == "khongco.thon8@truongluu.local");
        Assert.NotNull((await MailAsync(discarded)).DiscardedAt);

        page = await admin.GetStringAsync("/admin/outbox");
        Assert.Contains("Không có mục nào gửi lỗi.", page);
    }

    [Fact]
    public async Task AMailServerThatIsDown_PostponesMailWithoutKillingIt_AndThePageSaysSo()
    {
        var options = host.Services.GetRequiredService<MailOptions>();
        var port = options.SmtpPort;
        var id = await QueueMailAsync("vanphong@truongluu.local", "[Thi đua] Thư chờ máy chủ");
        using (var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            // A port nobody listens on: taken and released, so connecting is refused at once.
            closed.Start();
            options.SmtpPort = ((IPEndPoint)closed.LocalEndpoint).Port;
            closed.Stop();
            try
            {
                for (var i = 0; i < DeadLetterWebHost.MaxAttempts + 2; i++)
                {
                    await host.Services.GetRequiredService<MailOutboxJob>().SendPendingAsync(CancellationToken.None);
                    host.Clock.Advance(TimeSpan.FromHours(2));
                }

                var row = await MailAsync(id);
                Assert.Equal((0, (DateTimeOffset?)null, (DateTimeOffset?)null), (row.Attempts, row.DeadAt, row.SentAt));
                var page = await (await host.SignedInAsync("admin")).GetStringAsync("/admin/outbox");
                Assert.Contains("Không kết nối được máy chủ thư", page);
            }
            finally
            {
                options.SmtpPort = port;
            }
        }

        // Back up: a run after the wait sends it. The host's own recurring run may have tried in between, while the
        // port was still closed, and postponed it again from the fake clock's now: each try waits the delay out.
        await WaitUntilAsync(async () =>
        {
            host.Clock.Advance(MailOutboxJob.ServerDownRetry);
            await host.Services.GetRequiredService<MailOutboxJob>().SendPendingAsync(CancellationToken.None);
            return (await MailAsync(id)).SentAt is not null;
        });
        Assert.DoesNotContain("Không kết nối được máy chủ thư", await (await host.SignedInAsync("admin")).GetStringAsync("/admin/outbox"));
    }

    private async Task<string> QueueMailAsync(string to, string subject)
    {
        var id = Guid.CreateVersion7().ToString("N");
        await using var db = host.Services.GetRequiredService<NotificationsContexts>().Create();
        db.Mail.Add(new MailRecord { Id = id, To = to, Subject = subject, HtmlBody = "<p>Nội dung</p>", TextBody = "Nội dung", CreatedAt = host.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<MailRecord> MailAsync(string id)
    {
        await using var db = host.Services.GetRequiredService<NotificationsContexts>().Create();
        return await db.Mail.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not done within 30 s");
            await Task.Delay(200);
        }
    }
}
