using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Notifications.Entities;
using Hangfire;

namespace ThiDua.Workflows.Notifications.Tasks;

/// <summary>Why a link cannot be used.</summary>
public enum LinkProblem
{
    None,

    /// <summary>No such token: mistyped, tampered with, or never issued.</summary>
    Unknown,

    /// <summary>The token belongs to another task.</summary>
    OtherTask,

    /// <summary>The token was sent to someone else than the signed-in user.</summary>
    OtherPerson,

    Expired,

    /// <summary>Revoked (the task was decided, reassigned or cancelled) — the page shows what happened.</summary>
    Revoked,
}

public sealed record LinkCheck(TaskRecord? Task, TaskLinkRecord? Link, LinkProblem Problem, IReadOnlyList<TaskAuditRecord> History);

public enum DecisionOutcome
{
    Decided,
    AlreadyDecided,
    InvalidLink,
    InvalidAction,
    CommentRequired,

    /// <summary>The step needs a signed-in user (council vote, chair's decision, province submission).</summary>
    SignInRequired,

    /// <summary>A one-time code was mailed to the link's recipient; the decision counts once it is entered.</summary>
    CodeSent,

    /// <summary>The one-time code is wrong or expired (a new one can be asked for).</summary>
    CodeInvalid,

    /// <summary>The domain refuses the decision as things stand (<see cref="TaskDecisions.RefusalAsync(string, string, CancellationToken)"/> says why).</summary>
    Refused,

    /// <summary>The signed-in user may not act on this task.</summary>
    NotAllowed,
}

/// <summary>
/// The task page's logic: checking a link (reading changes nothing) and deciding with it. The decision resumes the
/// workflow through the runtime, whose bookmark claim makes exactly one of any number of concurrent decisions count.
/// </summary>
public sealed class TaskDecisions(
    NotificationsContexts contexts,
    IWorkflowRuntime runtime,
    TimeProvider clock,
    Mail.MailTemplates templates,
    IUserDirectory directory,
    IBackgroundJobClient jobs,
    IEnumerable<ITaskDecisionGuard> guards)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The open task a workflow step (activity id) created for a correlation (e.g. a nomination), if any.</summary>
    public async Task<TaskRecord?> FindOpenTaskAsync(string correlationId, string activityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Tasks.AsNoTracking()
            .FirstOrDefaultAsync(t => t.CorrelationId == correlationId && t.ActivityId == activityId && t.Status == TaskStatuses.Open, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LinkCheck> CheckAsync(string taskId, string? token, string? signedInUser, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var hash = string.IsNullOrEmpty(token) ? "" : TaskLinkTokens.Hash(token);
        var link = hash.Length == 0 ? null : await db.TaskLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (link is null) return new LinkCheck(null, null, LinkProblem.Unknown, []);
        if (link.TaskId != taskId) return new LinkCheck(null, null, LinkProblem.OtherTask, []);
        var task = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        var history = await db.TaskAudit.AsNoTracking().Where(a => a.TaskId == taskId).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var problem =
            signedInUser is not null && !string.Equals(signedInUser, link.Recipient, StringComparison.OrdinalIgnoreCase) ? LinkProblem.OtherPerson
            : link.RevokedAt is not null ? LinkProblem.Revoked
            : link.ExpiresAt < clock.GetUtcNow() ? LinkProblem.Expired
            : LinkProblem.None;
        return new LinkCheck(task, link, problem, history);
    }

    public async Task<(DecisionOutcome Outcome, LinkCheck Check)> DecideAsync(
        string taskId, string? token, string? signedInUser, string action, string? comment, string? address, string? code = null, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(taskId, token, signedInUser, cancellationToken).ConfigureAwait(false);
        // A revoked link of an open task means a decision is being recorded right now (or the task moved on).
        if (check.Task is { Status: not TaskStatuses.Open } || check.Problem == LinkProblem.Revoked) return (DecisionOutcome.AlreadyDecided, check);
        if (check.Problem != LinkProblem.None) return (DecisionOutcome.InvalidLink, check);
        var task = check.Task!;
        var link = check.Link!;
        if (Validate(task, action, comment) is { } invalid) return (invalid, check);
        if (await RefusalAsync(task, action, cancellationToken).ConfigureAwait(false) is not null) return (DecisionOutcome.Refused, check);

        var verifiedBySignIn = signedInUser is not null && string.Equals(signedInUser, link.Recipient, StringComparison.OrdinalIgnoreCase);
        if (task.Verification == "signIn" && !verifiedBySignIn) return (DecisionOutcome.SignInRequired, check);
        if (task.Verification == "code" && !verifiedBySignIn)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                await SendCodeAsync(task, link, cancellationToken).ConfigureAwait(false);
                return (DecisionOutcome.CodeSent, check);
            }

            if (!await UseCodeAsync(link, code.Trim(), cancellationToken).ConfigureAwait(false)) return (DecisionOutcome.CodeInvalid, check);
        }

        var outcome = await ResumeAsync(task, link.Recipient, action, comment, "email-link", address, cancellationToken).ConfigureAwait(false);
        return (outcome, await CheckAsync(taskId, token, signedInUser, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A decision from the inbox by a signed-in user who is the assignee (or stands in), in the role, or in the unit.</summary>
    public async Task<DecisionOutcome> DecideSignedInAsync(string taskId, string user, string action, string? comment, string? address, CancellationToken cancellationToken = default)
    {
        TaskRecord? task;
        bool invited;
        await using (var db = contexts.Create())
        {
            task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
            invited = await db.TaskLinks.AnyAsync(l => l.TaskId == taskId && l.Recipient == user, cancellationToken).ConfigureAwait(false);
        }

        if (task is null) return DecisionOutcome.InvalidLink;
        if (task.Status != TaskStatuses.Open) return DecisionOutcome.AlreadyDecided;
        var person = directory.Find(user);
        var allowed = invited || task.Assignee == user
            || (task.Assignee is null && task.Role is { } role && person?.Roles.Contains(role) == true && (task.Unit is null || person.Unit == task.Unit))
            || (task.Assignee is null && task.Role is null && task.Unit is { } unit && person?.Unit == unit);
        if (!allowed) return DecisionOutcome.NotAllowed;
        if (Validate(task, action, comment) is { } invalid) return invalid;
        if (await RefusalAsync(task, action, cancellationToken).ConfigureAwait(false) is not null) return DecisionOutcome.Refused;
        return await ResumeAsync(task, user, action, comment, "web", address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why the domain refuses <paramref name="action"/> on the task now (shown with <see cref="DecisionOutcome.Refused"/>), or null.</summary>
    public async Task<string?> RefusalAsync(string taskId, string action, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        return task is null ? null : await RefusalAsync(task, action, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> RefusalAsync(TaskRecord task, string action, CancellationToken cancellationToken)
    {
        foreach (var guard in guards)
            if (await guard.RefusalAsync(task, action, cancellationToken).ConfigureAwait(false) is { } refusal) return refusal;
        return null;
    }

    private static DecisionOutcome? Validate(TaskRecord task, string action, string? comment)
    {
        var actions = JsonSerializer.Deserialize<string[]>(task.Actions) ?? [];
        if (!actions.Contains(action, StringComparer.Ordinal)) return DecisionOutcome.InvalidAction;
        var needsComment = task.CommentRequiredFor is { } c && (JsonSerializer.Deserialize<string[]>(c) ?? []).Contains(action, StringComparer.Ordinal);
        return needsComment && string.IsNullOrWhiteSpace(comment) ? DecisionOutcome.CommentRequired : null;
    }

    // The workflow decides who won: its bookmark claim lets exactly one decision resume it.
    private async Task<DecisionOutcome> ResumeAsync(TaskRecord task, string by, string action, string? comment, string channel, string? address, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["action"] = action, ["comment"] = comment, ["by"] = by, ["channel"] = channel, ["address"] = address };
        var results = await runtime.TriggerAsync(
            new Stimulus(UserTaskStimulus.Name, UserTaskStimulus.Payload(task.ActivityId)),
            new TriggerOptions(input, WorkflowInstanceId: task.WorkflowInstanceId), cancellationToken).ConfigureAwait(false);
        if (!results.Any(r => r.Outcome == ResumeOutcome.Resumed)) return DecisionOutcome.AlreadyDecided;

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Tasks.FirstAsync(t => t.Id == task.Id, cancellationToken).ConfigureAwait(false);
        await RecordDecisionAsync(db, row, input, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DecisionOutcome.Decided;
    }

    private async Task SendCodeAsync(TaskRecord task, TaskLinkRecord link, CancellationToken cancellationToken)
    {
        var code = System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var recipient = directory.Find(link.Recipient);
        if (recipient?.Email is not { Length: > 0 } email) return;
        var (subject, html, text) = templates.Render("code", new Dictionary<string, object?>
        {
            ["recipient"] = recipient.DisplayName,
            ["title"] = task.Title,
            ["code"] = code,
            ["minutes"] = (int)CodeLifetime.TotalMinutes,
        });
        await using var db = contexts.Create();
        await db.TaskLinks.Where(l => l.Id == link.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CodeHash, TaskLinkTokens.Hash(code)).SetProperty(l => l.CodeExpiresAt, now + CodeLifetime), cancellationToken)
            .ConfigureAwait(false);
        db.Mail.Add(new MailRecord { Id = Guid.CreateVersion7(now).ToString("N"), To = email, Subject = subject, HtmlBody = html, TextBody = text, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        jobs.Enqueue<Mail.MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None));
    }

    // A code works once: it is cleared by the same conditional update that checks it.
    private async Task<bool> UseCodeAsync(TaskLinkRecord link, string code, CancellationToken cancellationToken)
    {
        var hash = TaskLinkTokens.Hash(code);
        var now = clock.GetUtcNow();
        await using var db = contexts.Create();
        return await db.TaskLinks
            .Where(l => l.Id == link.Id && l.CodeHash == hash && l.CodeExpiresAt != null && l.CodeExpiresAt >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CodeHash, (string?)null), cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks a task decided (once: the page and the workflow's completion message both call this) and revokes its links.</summary>
    internal static async Task RecordDecisionAsync(NotificationsDbContext db, TaskRecord task, JsonObject? result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Status != TaskStatuses.Open) return;
        task.Status = TaskStatuses.Completed;
        task.Action = result?["action"]?.GetValue<string>();
        task.Comment = result?["comment"]?.GetValue<string>();
        task.DecidedBy = result?["by"]?.GetValue<string>();
        if (task.OnBehalfOf is null && task.Assignee is { } assignee && task.DecidedBy is { } by && !string.Equals(assignee, by, StringComparison.OrdinalIgnoreCase))
            task.OnBehalfOf = assignee;
        task.Channel = result?["channel"]?.GetValue<string>() ?? "web";
        task.DecidedAt = now;
        await db.TaskLinks.Where(l => l.TaskId == task.Id && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken).ConfigureAwait(false);
        db.TaskAudit.Add(TaskNotificationHandler.Audit(task.Id, "Decided: " + task.Action, task.DecidedBy, task.OnBehalfOf, task.Channel, now,
            result?["address"]?.GetValue<string>(), task.Comment));
    }
}
