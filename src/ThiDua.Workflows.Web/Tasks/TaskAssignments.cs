using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Tasks;

namespace ThiDua.Workflows.Web.Tasks;

public enum AssignmentOutcome
{
    Done,
    NotFound,
    NotAllowed,
    Conflict,
    UnknownUser,
}

/// <summary>Who holds an open task: claim a role's task, give it back, or give it to someone else (API and pages alike).</summary>
public sealed class TaskAssignments(NotificationsContexts contexts, IUserDirectory directory, IServiceProvider services, TimeProvider clock, IBackgroundJobClient jobs)
{
    /// <summary>Takes (or gives back) a role's open task: a conditional update, so of two people claiming at once one gets it.</summary>
    public async Task<AssignmentOutcome> SetClaimAsync(string id, ClaimsPrincipal user, bool claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var me = user.Identity!.Name!;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await using var db = contexts.Create();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (task is null) return AssignmentOutcome.NotFound;
        if (task.Role is null || !roles.Contains(task.Role)) return AssignmentOutcome.NotAllowed;
        var changed = claim
            ? await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.ClaimedBy == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, me), cancellationToken).ConfigureAwait(false)
            : await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.ClaimedBy == me)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, (string?)null), cancellationToken).ConfigureAwait(false);
        return changed == 1 ? AssignmentOutcome.Done : AssignmentOutcome.Conflict;
    }

    /// <summary>Gives an open task to another person: the old links stop working and the new person gets a mail.</summary>
    public async Task<AssignmentOutcome> ReassignAsync(string id, string toUser, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (directory.Find(toUser) is not { } to) return AssignmentOutcome.UnknownUser;
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (task is null) return AssignmentOutcome.NotFound;
        var me = user.Identity!.Name!;
        if (task.Assignee != me && !user.IsInRole(Roles.Office) && !user.IsInRole(Roles.OfficeHead) && !user.IsInRole(Roles.Administrator))
            return AssignmentOutcome.NotAllowed;
        var inviter = services.GetServices<Engine.Runtime.IOutboxHandler>().OfType<TaskNotificationHandler>().First();
        if (!await TaskNotificationHandler.ReassignAsync(db, task, to, me, inviter.InviteOne, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            return AssignmentOutcome.Conflict;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        jobs.Enqueue<Notifications.Mail.MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None));
        return AssignmentOutcome.Done;
    }
}
