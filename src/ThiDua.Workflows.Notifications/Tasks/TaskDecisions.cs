using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Scheduling.Tasks;

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
}

/// <summary>
/// The task page's logic: checking a link (reading changes nothing) and deciding with it. The decision resumes the
/// workflow through the runtime, whose bookmark claim makes exactly one of any number of concurrent decisions count.
/// </summary>
public sealed class TaskDecisions(NotificationsContexts contexts, IWorkflowRuntime runtime, TimeProvider clock)
{
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
        string taskId, string? token, string? signedInUser, string action, string? comment, string? address, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(taskId, token, signedInUser, cancellationToken).ConfigureAwait(false);
        // A revoked link of an open task means a decision is being recorded right now (or the task moved on).
        if (check.Task is { Status: not TaskStatuses.Open } || check.Problem == LinkProblem.Revoked) return (DecisionOutcome.AlreadyDecided, check);
        if (check.Problem != LinkProblem.None) return (DecisionOutcome.InvalidLink, check);
        var task = check.Task!;
        var actions = JsonSerializer.Deserialize<string[]>(task.Actions) ?? [];
        if (!actions.Contains(action, StringComparer.Ordinal)) return (DecisionOutcome.InvalidAction, check);
        var needsComment = task.CommentRequiredFor is { } c && (JsonSerializer.Deserialize<string[]>(c) ?? []).Contains(action, StringComparer.Ordinal);
        if (needsComment && string.IsNullOrWhiteSpace(comment)) return (DecisionOutcome.CommentRequired, check);

        var input = new JsonObject { ["action"] = action, ["comment"] = comment, ["by"] = check.Link!.Recipient, ["channel"] = "email-link", ["address"] = address };
        var results = await runtime.TriggerAsync(
            new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(task.ActivityId)),
            new TriggerOptions(input, WorkflowInstanceId: task.WorkflowInstanceId), cancellationToken).ConfigureAwait(false);
        if (!results.Any(r => r.Outcome == ResumeOutcome.Resumed))
            return (DecisionOutcome.AlreadyDecided, await CheckAsync(taskId, token, signedInUser, cancellationToken).ConfigureAwait(false));

        await using (var db = contexts.Create())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var row = await db.Tasks.FirstAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
            await RecordDecisionAsync(db, row, input, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (DecisionOutcome.Decided, await CheckAsync(taskId, token, signedInUser, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Marks a task decided (once: the page and the workflow's completion message both call this) and revokes its links.</summary>
    internal static async Task RecordDecisionAsync(NotificationsDbContext db, TaskRecord task, JsonObject? result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Status != TaskStatuses.Open) return;
        task.Status = TaskStatuses.Completed;
        task.Action = result?["action"]?.GetValue<string>();
        task.Comment = result?["comment"]?.GetValue<string>();
        task.DecidedBy = result?["by"]?.GetValue<string>();
        task.Channel = result?["channel"]?.GetValue<string>() ?? "web";
        task.DecidedAt = now;
        await db.TaskLinks.Where(l => l.TaskId == task.Id && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken).ConfigureAwait(false);
        db.TaskAudit.Add(TaskNotificationHandler.Audit(task.Id, "Decided: " + task.Action, task.DecidedBy, task.OnBehalfOf, task.Channel, now,
            result?["address"]?.GetValue<string>(), task.Comment));
    }
}
