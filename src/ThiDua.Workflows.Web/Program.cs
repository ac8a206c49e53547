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
using MudBlazor.Services;
using ThiDua.Workflows.Web.Components;
using ThiDua.Workflows.Web.Public;
using ThiDua.Workflows.Web.Queries;
using ThiDua.Workflows.Web.Hosting;
using ThiDua.Workflows.Web.Security;
using ThiDua.Workflows.Web.Designer;
using ThiDua.Workflows.Web.Documents;
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
builder.Services.AddSharedKeyRing(store);
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
        // A disabled user, or a session ended by "sign out everywhere" or a password change, is out on its next request.
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var name = ctx.Principal?.Identity?.Name;
            var users = ctx.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
            if (name is null || !await users.SessionValidAsync(name, AccountEndpoints.SignedInAt(ctx.Principal!), ctx.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            }
        };
    });
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
    .AddPolicy(Roles.Office, p => p.RequireRole(Roles.Office, Roles.OfficeHead, Roles.Administrator))
    // Pages, menus and these policies ask the same questions of Access, so a rule is written once.
    .AddPolicy(Policies.Council, p => p.RequireAssertion(c => Access.CanSeeCouncil(c.User.ToActor())))
    .AddPolicy(Policies.Decisions, p => p.RequireAssertion(c => Access.CanSeeDecisions(c.User.ToActor())))
    .AddPolicy(Policies.Settings, p => p.RequireAssertion(c => Access.CanOpenSettings(c.User.ToActor())))
    .AddPolicy(Policies.Propose, p => p.RequireAssertion(c => Access.CanPropose(c.User.ToActor())))
    .AddPolicy(Policies.Designer, p => p.RequireAssertion(c => Access.CanDesign(c.User.ToActor())))
    .AddPolicy(Policies.Register, p => p.RequireAssertion(c => c.User.ToActor() is var a && (a.Is(Roles.Clerk) || a.IsOffice)));
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddRazorComponents();
// Pages keep Vietnamese letters as they are (markup is still encoded), so page sources and tests read naturally.
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddMudServices();
builder.Services.AddScoped<InboxQueries>();
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddScoped<TwoFactor>();
builder.Services.AddScoped<PasswordReset>();
builder.Services.AddSingleton(configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions());
builder.Services.AddScoped<ThiDua.Workflows.Web.Tasks.TaskAssignments>();
builder.Services.AddScoped<ThiDua.Workflows.Web.Tasks.Delegations>();
builder.Services.AddScoped<DashboardQueries>();
builder.Services.AddScoped<NominationLookups>();
builder.Services.AddScoped<WorkflowDiagrams>();
builder.Services.AddScoped<InstanceQueries>();
builder.Services.AddScoped<DeadLetterQueries>();
builder.Services.AddScoped<AuditQueries>();
builder.Services.AddScoped<ThiDua.Workflows.Web.Documents.ExportQueries>();
builder.Services.AddSingleton<ThiDua.Workflows.Web.Designer.ActivityCatalog>();
builder.Services.AddSingleton<ThiDua.Workflows.Web.Designer.DefinitionChecks>();
builder.Services.AddScoped<ThiDua.Workflows.Web.Designer.DesignerService>();
builder.Services.AddSingleton<ThiDua.Workflows.Web.Hosting.HttpWorkflowTriggers>();
builder.Services.AddAntiforgery();
// The public opinion form is open to everyone: a few opinions per address per ten minutes.
// Requests in progress at once: past the point where the database and the cores are busy, more concurrency only adds
// contention (on PostgreSQL, 200 requests at once exhausted the connection pool and failed). The rest wait in order.
var maxConcurrentRequests = configuration.GetValue("Workflows:Web:MaxConcurrentRequests", Math.Max(8, Environment.ProcessorCount * 8));
// What one request may carry (a dossier of several files in one upload); forms and the server hold to the same.
var maxRequestBytes = configuration.GetValue("Workflows:Web:MaxRequestBytes", RequestBodyLimit.DefaultBytes);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxRequestBytes);
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxRequestBytes);
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(_ =>
        System.Threading.RateLimiting.RateLimitPartition.GetConcurrencyLimiter("requests", _ => new System.Threading.RateLimiting.ConcurrencyLimiterOptions
        {
            PermitLimit = maxConcurrentRequests,
            QueueLimit = 5_000,
            QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst,
        }));
    o.AddPolicy(OpinionEndpoints.RateLimitPolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) }));
    // Workflow HTTP endpoints are open to everyone: generous for a tool calling them, but not a flood.
    o.AddPolicy(ThiDua.Workflows.Web.Hosting.WorkflowHttpEndpoints.RateLimitPolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) }));
    o.OnRejected = async (context, token) =>
    {
        var opinion = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == OpinionEndpoints.RateLimitPolicy;
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(opinion
            ? "Anh/chị đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút."
            : "Hệ thống đang nhận quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.", token).ConfigureAwait(false);
    };
});
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestHandler>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
// Pages answer 403/404 with a page of their own; the API keeps its ProblemDetails.
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hangfire")
                    && !http.Request.Path.StartsWithSegments(ThiDua.Workflows.Web.Hosting.WorkflowHttpEndpoints.BasePath),
    branch => branch.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
app.UseRequestBodyLimit(maxRequestBytes);
// Routing after the status code pages, so a re-executed request is routed to the error page.
app.UseRouting();
app.UseAuthentication();
app.UseTwoFactorRequirement();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapStaticAssets();
app.MapOpenApi();
app.MapAccountEndpoints();
app.MapCampaignEndpoints();
app.MapInbox();
app.MapNominations();
app.MapProposals();
app.MapAnnualCalendar();
app.MapAwardDelivery();
app.MapDocuments();
app.MapCouncil();
app.MapDirectory();
app.MapPublicOpinions();
app.MapDesigner();
app.MapWorkflowHttpEndpoints();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new AdministratorsOnly()],
    DashboardTitle = "ThiDua.Workflows — Hangfire",
    DisplayStorageConnectionString = false,
});
app.MapRazorComponents<App>();

app.Run();

static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
{
    // A signed-in person without the role gets 403 (a page says so); the API and Hangfire never redirect.
    if (status == StatusCodes.Status403Forbidden || context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire"))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The web host's entry point (public for the integration tests' WebApplicationFactory).</summary>
public partial class Program;
