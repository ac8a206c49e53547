using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Mail;

namespace ThiDua.Workflows.Notifications.Tasks;

/// <summary>
/// Turns the task messages a burst wrote into task rows, personal links and mail rows, in one transaction, after the
/// burst committed. Each message is handled at least once; the task id makes a repeat change nothing.
/// </summary>
public sealed class TaskNotificationHandler(
    string kind,
    NotificationsContexts contexts,
    IUserDirectory directory,
    MailTemplates templates,
    MailOptions mail,
    IBackgroundJobClient jobs,
    TimeProvider clock) : IOutboxHandler
{
    public string Kind => kind;

    public static string TaskId(JsonObject payload) =>
        $"{payload["workflowInstanceId"]!.GetValue<string>()}:{payload["activityInstanceId"]!.GetValue<string>()}";

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        var payload = message.Payload;
        var id = TaskId(payload);
        await using var db = contexts.Create();
        // Links are revoked with a direct update: keep it and the row changes in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var mails = 0;
        switch (kind)
        {
            case TaskMessages.Created when task is null:
                task = NewTask(id, payload, now);
                task.OnBehalfOf = await AwayAssigneeAsync(db, task, now, cancellationToken).ConfigureAwait(false);
                db.Tasks.Add(task);
                db.TaskAudit.Add(Audit(id, "Created", null, null, "workflow", now));
                foreach (var (recipient, onBehalfOf) in await RecipientsAsync(db, task, now, cancellationToken).ConfigureAwait(false))
                    mails += Invite(db, task, recipient, onBehalfOf, "created", null, now);
                break;
            case TaskMessages.Reminder when task is { Status: TaskStatuses.Open }:
                foreach (var (recipient, onBehalfOf) in await RecipientsAsync(db, task, now, cancellationToken).ConfigureAwait(false))
                    mails += Invite(db, task, recipient, onBehalfOf, "reminder", payload["daysBefore"]?.GetValue<int>(), now);
                db.TaskAudit.Add(Audit(id, "Reminded", null, null, "workflow", now));
                break;
            case TaskMessages.Escalation when task is { Status: TaskStatuses.Open }:
                foreach (var head in directory.InRole(payload["escalateTo"]?.GetValue<string>() ?? ""))
                    mails += Invite(db, task, head, null, "escalation", null, now);
                db.TaskAudit.Add(Audit(id, "Escalated", null, null, "workflow", now));
                break;
            case TaskMessages.Cancelled when task is { Status: TaskStatuses.Open }:
                task.Status = TaskStatuses.Cancelled;
                await Revoke(db, task.Id, now, cancellationToken).ConfigureAwait(false);
                db.TaskAudit.Add(Audit(id, "Cancelled", null, null, "workflow", now));
                break;
            case TaskMessages.Completed when task is not null:
                await TaskDecisions.RecordDecisionAsync(db, task, payload["result"] as JsonObject, now, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (mails > 0) jobs.Enqueue<MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None));
    }

    private static TaskRecord NewTask(string id, JsonObject p, DateTimeOffset now) => new()
    {
        Id = id,
        WorkflowInstanceId = p["workflowInstanceId"]!.GetValue<string>(),
        ActivityId = p["task"]!.GetValue<string>(),
        CorrelationId = p["correlationId"]?.GetValue<string>(),
        Title = p["title"]?.GetValue<string>() ?? "",
        Summary = p["summary"]?.GetValue<string>(),
        Assignee = p["assignee"]?.GetValue<string>(),
        Role = p["role"]?.GetValue<string>(),
        Unit = p["unit"]?.GetValue<string>(),
        Actions = p["actions"]?.ToJsonString() ?? "[\"Done\"]",
        CommentRequiredFor = p["commentRequiredFor"]?.ToJsonString(),
        Verification = p["verification"]?.GetValue<string>() ?? "none",
        DueAt = p["dueAt"]?.GetValue<DateTimeOffset>(),
        Status = TaskStatuses.Open,
        CreatedAt = now,
    };

    // The assignee if named (or their delegate while they are away), else the role's members, else the unit's members.
    private async Task<IEnumerable<(DirectoryUser Recipient, string? OnBehalfOf)>> RecipientsAsync(NotificationsDbContext db, TaskRecord task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Assignee is { Length: > 0 } && directory.Find(task.Assignee) is { } assignee)
        {
            var delegate_ = await DelegateOfAsync(db, assignee.UserName, now, cancellationToken).ConfigureAwait(false);
            return delegate_ is not null && directory.Find(delegate_) is { } stand ? [(stand, assignee.UserName)] : [(assignee, null)];
        }

        var people = task.Role is { Length: > 0 } ? directory.InRole(task.Role) : [];
        if (task.Unit is { Length: > 0 })
            people = people.Count > 0 ? people.Where(p => p.Unit == task.Unit).ToList() : directory.InUnit(task.Unit);
        return people.Select(p => (p, (string?)null));
    }

    /// <summary>Gives a task to another person: the old links stop working, the new person gets a mail.</summary>
    public static async Task<bool> ReassignAsync(
        NotificationsDbContext db, TaskRecord task, DirectoryUser to, string by, Func<NotificationsDbContext, TaskRecord, DirectoryUser, int> invite,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Status != TaskStatuses.Open) return false;
        var from = task.Assignee ?? task.Role ?? task.Unit;
        task.Assignee = to.UserName;
        task.OnBehalfOf = null;
        await Revoke(db, task.Id, now, cancellationToken).ConfigureAwait(false);
        db.TaskAudit.Add(Audit(task.Id, "Reassigned", by, null, "web", now, detail: $"{from} → {to.UserName}"));
        invite(db, task, to);
        return true;
    }

    /// <summary>Writes a personal link and the invitation mail for one person (used when a task is reassigned).</summary>
    public int InviteOne(NotificationsDbContext db, TaskRecord task, DirectoryUser recipient) =>
        Invite(db, task, recipient, null, "created", null, clock.GetUtcNow());

    private static Task<int> Revoke(NotificationsDbContext db, string taskId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.TaskLinks.Where(l => l.TaskId == taskId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);

    private int Invite(NotificationsDbContext db, TaskRecord task, DirectoryUser recipient, string? onBehalfOf, string what, int? daysBefore, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(recipient.Email)) return 0;
        var token = TaskLinkTokens.NewToken();
        db.TaskLinks.Add(new TaskLinkRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            TaskId = task.Id,
            Recipient = recipient.UserName,
            TokenHash = TaskLinkTokens.Hash(token),
            ExpiresAt = (task.DueAt is { } due && due > now ? due : now) + mail.LinkGrace,
        });
        var link = $"{mail.BaseUrl.TrimEnd('/')}/tasks/{Uri.EscapeDataString(task.Id)}?t={token}";
        var (subject, html, text) = templates.Render("task", new Dictionary<string, object?>
        {
            ["kind"] = what,
            ["recipient"] = recipient.DisplayName,
            ["title"] = task.Title,
            ["summary"] = task.Summary,
            ["assignee"] = task.Assignee,
            ["onBehalfOf"] = onBehalfOf,
            ["dueAt"] = task.DueAt?.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture),
            ["daysBefore"] = daysBefore,
            ["link"] = link,
        });
        db.Mail.Add(new MailRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            To = recipient.Email,
            Subject = subject,
            HtmlBody = html,
            TextBody = text,
            CreatedAt = now,
        });
        return 1;
    }

    private static async Task<string?> AwayAssigneeAsync(NotificationsDbContext db, TaskRecord task, DateTimeOffset now, CancellationToken cancellationToken) =>
        task.Assignee is { Length: > 0 } && await DelegateOfAsync(db, task.Assignee, now, cancellationToken).ConfigureAwait(false) is not null ? task.Assignee : null;

    /// <summary>Who stands in for a user today (Vietnam date), if anyone.</summary>
    internal static async Task<string?> DelegateOfAsync(NotificationsDbContext db, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        return await db.Delegations.AsNoTracking()
            .Where(d => d.FromUser == userName && d.StartsOn <= today && d.EndsOn >= today)
            .OrderByDescending(d => d.Id).Select(d => d.ToUser)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static TaskAuditRecord Audit(string taskId, string what, string? actor, string? onBehalfOf, string channel, DateTimeOffset at, string? address = null, string? detail = null) => new()
    {
        TaskId = taskId,
        Event = what,
        Actor = actor,
        OnBehalfOf = onBehalfOf,
        Channel = channel,
        Address = address,
        Detail = detail,
        At = at,
    };
}

public static class TaskStatuses
{
    public const string Open = "Open";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
}
