using ThiDua.Workflows.Nominations.Services;
using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;

namespace ThiDua.Workflows.Web.Tasks;

public sealed record CompleteTaskRequest(string Action, string? Comment);

public sealed record ReassignRequest(string ToUser);

public sealed record DelegationRequest(string ToUser, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>The task inbox API: my tasks and my role's, a decision from the inbox, a task's history, out-of-office delegation.</summary>
public static class InboxEndpoints
{
    public static void MapInbox(this WebApplication app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();

        tasks.MapGet("/", async (ClaimsPrincipal user, NotificationsContexts contexts, TimeProvider clock, string? scope, string? status, bool? overdue, string? correlationId, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            var query = Visible(db, user, scope);
            if (correlationId is { Length: > 0 }) query = query.Where(t => t.CorrelationId == correlationId);
            if (status is { Length: > 0 }) query = query.Where(t => t.Status == status);
            var now = clock.GetUtcNow();
            if (overdue == true) query = query.Where(t => t.Status == TaskStatuses.Open && t.DueAt != null && t.DueAt < now);
            return (await query.OrderBy(t => t.CreatedAt).Take(500).ToListAsync(ct).ConfigureAwait(false)).Select(Summary);
        }).WithSummary("My tasks (scope=mine, the default) or my role's unassigned tasks (scope=role); filter by status and overdue.");

        tasks.MapPost("/{id}/complete", async (string id, CompleteTaskRequest request, ClaimsPrincipal user, HttpContext http, TaskDecisions decisions, CancellationToken ct) =>
        {
            var outcome = await decisions.DecideSignedInAsync(id, user.Identity!.Name!, request.Action, request.Comment, http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false);
            return outcome switch
            {
                DecisionOutcome.Decided => Results.Ok(new { id, decided = true }),
                DecisionOutcome.AlreadyDecided => Results.Problem("Việc này đã được xử lý.", statusCode: StatusCodes.Status409Conflict),
                DecisionOutcome.InvalidAction => Results.ValidationProblem(new Dictionary<string, string[]> { ["action"] = [$"'{request.Action}' không phải là lựa chọn của việc này."] }),
                DecisionOutcome.CommentRequired => Results.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = ["Cần ghi ý kiến cho lựa chọn này."] }),
                DecisionOutcome.NotAllowed => Results.Problem("Anh/chị không được giao việc này.", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.NotFound(),
            };
        }).WithSummary("Decides a task from the inbox (channel web).");

        tasks.MapPost("/{id}/claim", (string id, ClaimsPrincipal user, NotificationsContexts contexts, CancellationToken ct) =>
            SetClaimAsync(contexts, id, user, claim: true, ct)).WithSummary("Takes a role's open task (only one person holds it at a time).");

        tasks.MapPost("/{id}/release", (string id, ClaimsPrincipal user, NotificationsContexts contexts, CancellationToken ct) =>
            SetClaimAsync(contexts, id, user, claim: false, ct)).WithSummary("Gives a claimed task back to the role.");

        tasks.MapPost("/{id}/reassign", async (string id, ReassignRequest request, ClaimsPrincipal user, IUserDirectory directory, NotificationsContexts contexts,
            IServiceProvider services, TimeProvider clock, IBackgroundJobClient jobs, CancellationToken ct) =>
        {
            if (directory.Find(request.ToUser) is not { } to)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["toUser"] = [$"Không có người dùng '{request.ToUser}'."] });
            await using var db = contexts.Create();
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
            if (task is null) return Results.NotFound();
            var me = user.Identity!.Name!;
            if (task.Assignee != me && !user.IsInRole(Roles.Office) && !user.IsInRole(Roles.OfficeHead) && !user.IsInRole(Roles.Administrator))
                return Results.Problem("Chỉ người được giao hoặc Phòng Văn hóa - Xã hội được giao lại việc.", statusCode: StatusCodes.Status403Forbidden);
            var inviter = services.GetServices<ThiDua.Workflows.Engine.Runtime.IOutboxHandler>().OfType<TaskNotificationHandler>().First();
            if (!await TaskNotificationHandler.ReassignAsync(db, task, to, me, inviter.InviteOne, clock.GetUtcNow(), ct).ConfigureAwait(false))
                return Results.Problem("Việc này đã được xử lý.", statusCode: StatusCodes.Status409Conflict);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            jobs.Enqueue<ThiDua.Workflows.Notifications.Mail.MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None));
            return Results.Ok(new { id, assignee = to.UserName });
        }).WithSummary("Gives an open task to another person: the old links stop working and the new person gets a mail.");

        tasks.MapGet("/{id}/history", async (string id, NotificationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            return await db.TaskAudit.AsNoTracking().Where(a => a.TaskId == id).OrderBy(a => a.Id)
                .Select(a => new { a.Event, a.Actor, a.OnBehalfOf, a.Channel, a.Address, a.Detail, a.At }).ToListAsync(ct).ConfigureAwait(false);
        }).WithSummary("Who did what to a task, on whose behalf, through which channel, when, from where.");

        var delegations = app.MapGroup("/api/delegations").WithTags("Tasks").RequireAuthorization();
        delegations.MapPost("/", async (DelegationRequest request, ClaimsPrincipal user, IUserDirectory directory, NotificationsContexts contexts, TimeProvider clock, CancellationToken ct) =>
        {
            if (directory.Find(request.ToUser) is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["toUser"] = [$"Không có người dùng '{request.ToUser}'."] });
            if (request.EndsOn < request.StartsOn)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["endsOn"] = ["Ngày kết thúc phải sau ngày bắt đầu."] });
            await using var db = contexts.Create();
            var row = new DelegationRecord { FromUser = user.Identity!.Name!, ToUser = request.ToUser, StartsOn = request.StartsOn, EndsOn = request.EndsOn, CreatedAt = clock.GetUtcNow() };
            db.Delegations.Add(row);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return Results.Created($"/api/delegations/{row.Id}", new { row.Id, row.FromUser, row.ToUser, row.StartsOn, row.EndsOn });
        }).WithSummary("While I am away (dates inclusive), my new tasks go to another user, who acts on my behalf.");
    }

    /// <summary>
    /// The tasks a user sees: assigned to, claimed by or mailed to them (<c>mine</c>, the default); their roles' unassigned
    /// tasks within their unit (<c>role</c>); every task (<c>all</c>, the office).
    /// </summary>
    public static IQueryable<TaskRecord> Visible(ThiDua.Workflows.Notifications.NotificationsDbContext db, ClaimsPrincipal user, string? scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var me = user.Identity!.Name!;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var unit = user.FindFirstValue("unit");
        var invited = db.TaskLinks.Where(l => l.Recipient == me).Select(l => l.TaskId);
        var query = db.Tasks.AsNoTracking();
        return scope switch
        {
            "role" => query.Where(t => t.Assignee == null && t.Role != null && roles.Contains(t.Role) && (t.Unit == null || t.Unit == unit)),
            // All tasks of one nomination (its correlation id): the office sees the whole path.
            "all" when user.IsInRole(Roles.Office) || user.IsInRole(Roles.OfficeHead) || user.IsInRole(Roles.Administrator) => query,
            _ => query.Where(t => t.Assignee == me || t.ClaimedBy == me || invited.Contains(t.Id)),
        };
    }

    private static object Summary(TaskRecord t) => new
    {
        t.Id, t.ActivityId, t.Title, t.Summary, t.Assignee, t.Role, t.Unit, t.Status, t.DueAt, t.ClaimedBy, t.Action, t.DecidedBy, t.OnBehalfOf, t.DecidedAt, t.CorrelationId,
        Actions = System.Text.Json.JsonSerializer.Deserialize<string[]>(t.Actions),
    };

    // A conditional update: of two people claiming at once, one gets it.
    private static async Task<IResult> SetClaimAsync(NotificationsContexts contexts, string id, ClaimsPrincipal user, bool claim, CancellationToken ct)
    {
        var me = user.Identity!.Name!;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await using var db = contexts.Create();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        if (task is null) return Results.NotFound();
        if (task.Role is null || !roles.Contains(task.Role))
            return Results.Problem("Chỉ thành viên của vai trò được giao mới nhận việc này.", statusCode: StatusCodes.Status403Forbidden);
        var changed = claim
            ? await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.ClaimedBy == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, me), ct).ConfigureAwait(false)
            : await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.ClaimedBy == me)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, (string?)null), ct).ConfigureAwait(false);
        return changed == 1
            ? Results.Ok(new { id, claimedBy = claim ? me : null })
            : Results.Problem(claim ? "Việc đã có người nhận hoặc đã xử lý." : "Anh/chị không giữ việc này.", statusCode: StatusCodes.Status409Conflict);
    }
}
