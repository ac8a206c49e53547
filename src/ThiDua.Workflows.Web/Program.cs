using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Scheduling;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Web.Campaigns;
using ThiDua.Workflows.Web.Nominations;
using ThiDua.Workflows.Web.Pages;
using ThiDua.Workflows.Web.Hosting;
using ThiDua.Workflows.Web.Security;
using ThiDua.Workflows.Web.Tasks;

var builder = WebApplication.CreateBuilder(args);

// Settings live in the repository's appsettings/ folder; environment variables and the command line, added again
// after them, still override them.
if (AppFolders.Find(builder.Environment.ContentRootPath, "appsettings") is { } settings)
{
    builder.Configuration
        .AddJsonFile(Path.Combine(settings, "appsettings.json"), optional: false, reloadOnChange: false)
        .AddJsonFile(Path.Combine(settings, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
        .AddEnvironmentVariables()
        .AddCommandLine(args);
}

var configuration = builder.Configuration;
// Each section binds straight into the options its module registers: no property is copied by hand (and forgotten).
var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
var campaign = configuration.GetSection(CampaignOptions.SectionName).Get<CampaignOptions>() ?? new CampaignOptions();
var seedUsers = configuration.GetSection("Workflows:Users").Get<List<SeedUser>>() ?? [];

builder.Services.AddWorkflowEngine()
    .AddEfCoreStore(o => configuration.GetSection(StoreOptions.SectionName).Bind(o))
    .AddHangfireScheduling(
        o =>
        {
            configuration.GetSection(SchedulingOptions.SectionName).Bind(o);
            // Jobs follow the workflow store to PostgreSQL unless told otherwise.
            if (store.Provider == StoreProvider.PostgreSql && o.Storage == JobStorageKind.Sqlite) o.Storage = JobStorageKind.PostgreSql;
            o.ConnectionString ??= store.ConnectionString;
        },
        c => configuration.GetSection(WorkingCalendarOptions.SectionName).Bind(c))
    .AddNotifications(o => configuration.GetSection(MailOptions.SectionName).Bind(o))
    .AddNominations(o =>
    {
        o.SeedDemoData = builder.Environment.IsDevelopment();
        configuration.GetSection(NominationOptions.SectionName).Bind(o);
    });
builder.Services.AddSingleton(campaign);
builder.Services.AddSingleton<CampaignService>();
builder.Services.AddSingleton<IReadOnlyList<SeedUser>>(seedUsers);
builder.Services.AddHostedService<WorkflowStartup>();

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/account/login";
        o.Cookie.Name = "thidua.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.SlidingExpiration = true;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        // APIs answer 401/403 instead of redirecting to the sign-in page.
        o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
    });
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
    .AddPolicy(Roles.Office, p => p.RequireRole(Roles.Office, Roles.OfficeHead, Roles.Administrator));
builder.Services.AddAntiforgery();
// The public opinion form is open to everyone: a few opinions per address per ten minutes.
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(PublicPostingPages.RateLimitPolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) }));
    o.OnRejected = async (context, token) =>
    {
        context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(HtmlPage.Shell("Quá nhiều ý kiến", "<p class=\"error\" role=\"alert\">Anh/chị đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút.</p>"), token).ConfigureAwait(false);
    };
});
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapOpenApi();
app.MapAccountEndpoints();
app.MapCampaignEndpoints();
app.MapTaskPages();
app.MapInbox();
app.MapNominations();
app.MapCouncil();
app.MapDirectory();
app.MapUnitPages();
app.MapCouncilPages();
app.MapPeoplePages();
app.MapPublicPosting();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new AdministratorsOnly()],
    DashboardTitle = "ThiDua.Workflows — Hangfire",
    DisplayStorageConnectionString = false,
});
app.MapGet("/", () => Results.Content("""
    <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Thi đua, khen thưởng — xã Trường Lưu</title></head>
    <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
    <h1>Thi đua, khen thưởng — xã Trường Lưu</h1>
    <p>Phong trào thi đua “Đổi mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh” 2026–2030.</p>
    <ul><li><a href="/public-posting">Công khai danh sách đề nghị khen thưởng (lấy ý kiến Nhân dân)</a></li><li><a href="/inbox">Việc cần xử lý của tôi</a></li><li><a href="/nominations">Hồ sơ đề nghị khen thưởng</a></li>
    <li><a href="/nominations/new">Lập hồ sơ đề nghị (đơn vị)</a></li><li><a href="/council-sessions">Phiên họp Hội đồng Thi đua - Khen thưởng</a></li>
    <li><a href="/decisions/new">Ký quyết định khen thưởng (Chủ tịch UBND xã)</a></li>
    <li><a href="/api/campaign/plans">Tình hình nộp kế hoạch triển khai của các đơn vị</a></li>
    <li><a href="/hangfire">Hangfire (quản trị viên)</a></li><li><a href="/openapi/v1.json">API (OpenAPI)</a></li>
    <li><a href="/account/login">Đăng nhập</a></li></ul></body></html>
    """, "text/html; charset=utf-8"));

app.Run();

static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire"))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The web host's entry point (public for the integration tests' WebApplicationFactory).</summary>
public partial class Program;
