using ThiDua.Workflows.Nominations.Entities;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Web.Tasks;

namespace ThiDua.Workflows.Web.Queries;

/// <summary>A council ballot that waits for a member: it belongs in their inbox like any task.</summary>
public sealed record BallotWaiting(string SessionId, string Title, DateTimeOffset ScheduledAt, int Pending);

/// <summary>What waits for a person: their tasks, their role's unclaimed tasks, and ballots they have not cast.</summary>
public sealed class InboxQueries(NotificationsContexts notifications, NominationsContexts nominations, TimeProvider clock)
{
    /// <summary>Open tasks the user may act on, soonest due first.</summary>
    public async Task<IReadOnlyList<TaskRecord>> OpenTasksAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = notifications.Create();
        var mine = await InboxEndpoints.Visible(db, user, "mine").Where(t => t.Status == TaskStatuses.Open).ToListAsync(cancellationToken).ConfigureAwait(false);
        var role = await InboxEndpoints.Visible(db, user, "role").Where(t => t.Status == TaskStatuses.Open).ToListAsync(cancellationToken).ConfigureAwait(false);
        return mine.Concat(role).DistinctBy(t => t.Id).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt).ToList();
    }

    /// <summary>Open council sessions in which the user is a member and still has items to vote on.</summary>
    public async Task<IReadOnlyList<BallotWaiting>> BallotsAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = nominations.Create();
        var sessions = await db.CouncilSessions.AsNoTracking().Include(s => s.Items)
            .Where(s => s.Status == nameof(CouncilSessionStatus.Open) && s.Members.Any(m => m.UserName == userName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = sessions.Select(s => s.Id).ToList();
        var cast = await db.BallotReceipts.AsNoTracking().Where(r => ids.Contains(r.SessionId) && r.UserName == userName)
            .GroupBy(r => r.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        return sessions.Select(s => new BallotWaiting(s.Id, s.Title, s.ScheduledAt, s.Items.Count - cast.GetValueOrDefault(s.Id)))
            .Where(b => b.Pending > 0).OrderBy(b => b.ScheduledAt).ToList();
    }

    public bool IsOverdue(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.DueAt is { } due && due < clock.GetUtcNow();
    }
}
