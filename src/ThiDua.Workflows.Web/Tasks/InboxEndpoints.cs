using ThiDua.Workflows.Nominations.Services;
using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Web.Nominations;

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
                DecisionOutcome.Refused => Results.ValidationProblem(new Dictionary<string, string[]>
                    { ["action"] = [await decisions.RefusalAsync(id, request.Action, ct).ConfigureAwait(false) ?? "Chưa thể thực hiện lựa chọn này."] }),
                _ => Results.NotFound(),
            };
        }).WithSummary("Decides a task from the inbox (channel web).");

        tasks.MapPost("/{id}/claim", async (string id, ClaimsPrincipal user, TaskAssignments assignments, CancellationToken ct) =>
            Claimed(id, await assignments.SetClaimAsync(id, user, claim: true, ct).ConfigureAwait(false), user.Identity!.Name))
            .WithSummary("Takes a role's open task (only one person holds it at a time).");

        tasks.MapPost("/{id}/release", async (string id, ClaimsPrincipal user, TaskAssignments assignments, CancellationToken ct) =>
            Claimed(id, await assignments.SetClaimAsync(id, user, claim: false, ct).ConfigureAwait(false), null))
            .WithSummary("Gives a claimed task back to the role.");

        tasks.MapPost("/{id}/reassign", async (string id, ReassignRequest request, ClaimsPrincipal user, TaskAssignments assignments, CancellationToken ct) =>
            await assignments.ReassignAsync(id, request.ToUser, user, ct).ConfigureAwait(false) switch
            {
                AssignmentOutcome.Done => Results.Ok(new { id, assignee = request.ToUser }),
                AssignmentOutcome.UnknownUser => Results.ValidationProblem(new Dictionary<string, string[]> { ["toUser"] = [$"Không có người dùng '{request.ToUser}'."] }),
                AssignmentOutcome.NotFound => Results.NotFound(),
                AssignmentOutcome.NotAllowed => Results.Problem("Chỉ người được giao hoặc Phòng Văn hóa - Xã hội được giao lại việc.", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("Việc này đã được xử lý.", statusCode: StatusCodes.Status409Conflict),
            }).WithSummary("Gives an open task to another person: the old links stop working and the new person gets a mail.");

        tasks.MapGet("/{id}/history", async (string id, ClaimsPrincipal user, NotificationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            // Only those who may see the task read its history; the address is kept for administrators alone.
            var office = user.IsInRole(Roles.Office) || user.IsInRole(Roles.OfficeHead) || user.IsInRole(Roles.Administrator);
            if (!office && !await Visible(db, user, "mine").AnyAsync(t => t.Id == id, ct).ConfigureAwait(false)
                && !await Visible(db, user, "role").AnyAsync(t => t.Id == id, ct).ConfigureAwait(false))
                return Results.NotFound();
            var admin = user.IsInRole(Roles.Administrator);
            var rows = await db.TaskAudit.AsNoTracking().Where(a => a.TaskId == id).OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
            return Results.Ok(rows.Select(a => new { a.Event, a.Actor, a.OnBehalfOf, a.Channel, Address = admin ? a.Address : null, a.Detail, a.At }));
        }).WithSummary("Who did what to a task, on whose behalf, through which channel, when (the address for administrators only).");

        var delegations = app.MapGroup("/api/delegations").WithTags("Tasks").RequireAuthorization();
        delegations.MapGet("/", async (ClaimsPrincipal user, Delegations service, CancellationToken ct) =>
            Results.Ok(await service.MineAsync(user.Identity!.Name!, ct).ConfigureAwait(false)))
            .WithSummary("My delegations, newest first.");
        delegations.MapPost("/", async (DelegationRequest request, ClaimsPrincipal user, Delegations service, CancellationToken ct) =>
            (await service.CreateAsync(user.Identity!.Name!, request, ct).ConfigureAwait(false))
                .ToHttp(row => Results.Created($"/api/delegations/{row.Id}", new { row.Id, row.FromUser, row.ToUser, row.StartsOn, row.EndsOn })))
            .WithSummary("While I am away (dates inclusive), my new tasks go to another user, who acts on my behalf.");
        delegations.MapPost("/{id:long}/end", async (long id, ClaimsPrincipal user, Delegations service, CancellationToken ct) =>
            (await service.EndAsync(user.Identity!.Name!, id, ct).ConfigureAwait(false)).ToHttp(_ => Results.Ok(new { id, ended = true })))
            .WithSummary("Ends one of my delegations today (a future one is removed).");
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

    private static IResult Claimed(string id, AssignmentOutcome outcome, string? claimedBy) => outcome switch
    {
        AssignmentOutcome.Done => Results.Ok(new { id, claimedBy }),
        AssignmentOutcome.NotFound => Results.NotFound(),
        AssignmentOutcome.NotAllowed => Results.Problem("Chỉ thành viên của vai trò được giao mới nhận việc này.", statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(claimedBy is null ? "Anh/chị không giữ việc này." : "Việc đã có người nhận hoặc đã xử lý.", statusCode: StatusCodes.Status409Conflict),
    };
}
