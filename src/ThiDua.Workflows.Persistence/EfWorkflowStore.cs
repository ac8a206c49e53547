using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence.Entities;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// The durable <see cref="IWorkflowStore"/>: each burst commits in one transaction — a conditional update of the
/// instance on its revision, the claim of the resumed bookmark (a conditional delete), bookmark changes, journal,
/// incidents and outbox rows. A lost race changes nothing and answers <see cref="CommitOutcome.Conflict"/>.
/// </summary>
public sealed class EfWorkflowStore(IWorkflowDbContextFactory contexts) : IWorkflowStore
{
    public async Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var row = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.State, i.Revision })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        var instance = JsonSerializer.Deserialize<WorkflowInstance>(row.State, EngineJson.Options)!;
        instance.Revision = row.Revision;
        return instance;
    }

    public async Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var row = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToBookmark(row);
    }

    public async Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var rows = db.Bookmarks.AsNoTracking();
        if (query.Hash is not null) rows = rows.Where(b => b.Hash == query.Hash);
        if (query.WorkflowInstanceId is not null) rows = rows.Where(b => b.WorkflowInstanceId == query.WorkflowInstanceId);
        if (query.CorrelationId is not null) rows = rows.Where(b => b.CorrelationId == query.CorrelationId);
        if (query.DueBy is { } dueBy) rows = rows.Where(b => b.ResumeAt != null && b.ResumeAt <= dueBy).OrderBy(b => b.ResumeAt);
        else rows = rows.OrderBy(b => b.CreatedAt);
        var found = await rows.Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Select(ToBookmark).ToList();
    }

    public async Task<CommitOutcome> CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        var instance = commit.Instance;
        var revision = (commit.ExpectedRevision ?? 0) + 1;
        var previousRevision = instance.Revision;
        instance.Revision = revision;
        var state = JsonSerializer.Serialize(instance, EngineJson.Options);

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (commit.ExpectedRevision is not { } expected)
            {
                db.Instances.Add(ToRecord(instance, state));
            }
            else
            {
                var updated = await db.Instances
                    .Where(i => i.Id == instance.Id && i.Revision == expected)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(i => i.Revision, revision)
                        .SetProperty(i => i.Status, instance.Status.ToString())
                        .SetProperty(i => i.CorrelationId, instance.CorrelationId)
                        .SetProperty(i => i.Name, instance.Name)
                        .SetProperty(i => i.IncidentCount, instance.Incidents.Count)
                        .SetProperty(i => i.State, state)
                        .SetProperty(i => i.UpdatedAt, instance.UpdatedAt)
                        .SetProperty(i => i.FinishedAt, instance.FinishedAt), cancellationToken)
                    .ConfigureAwait(false);
                if (updated == 0) return await ConflictAsync(transaction, instance, previousRevision).ConfigureAwait(false);
            }

            if (commit.ClaimedBookmarkId is { } claimed
                && await db.Bookmarks.Where(b => b.Id == claimed).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
                return await ConflictAsync(transaction, instance, previousRevision).ConfigureAwait(false);

            if (commit.RemovedBookmarkIds.Count > 0)
            {
                var removed = commit.RemovedBookmarkIds.ToList();
                await db.Bookmarks.Where(b => removed.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            db.Bookmarks.AddRange(commit.AddedBookmarks.Select(ToRecord));
            db.Journal.AddRange(commit.Journal.Select(ToRecord));
            db.Incidents.AddRange(commit.Incidents.Select(i => ToRecord(instance.Id, i)));
            db.Outbox.AddRange(commit.Outbox.Select(ToRecord));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return CommitOutcome.Committed;
        }
        catch (DbUpdateException) when (commit.ExpectedRevision is null)
        {
            // The instance id exists already: another start won.
            return await ConflictAsync(transaction, instance, previousRevision).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var rows = await db.Journal.AsNoTracking()
            .Where(j => j.WorkflowInstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new JournalEntry(
            r.WorkflowInstanceId, r.Sequence, r.Timestamp, r.EventName, r.ActivityId, r.ActivityType, r.ActivityNodePath,
            r.ActivityInstanceId, r.Message,
            r.Outcomes is null ? null : JsonSerializer.Deserialize<List<string>>(r.Outcomes))).ToList();
    }

    public async Task<IReadOnlyList<string>> FindInstanceIdsAsync(WorkflowStatus status, int limit = 1000, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var name = status.ToString();
        return await db.Instances.AsNoTracking().Where(i => i.Status == name).OrderBy(i => i.CreatedAt)
            .Take(limit).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommitOutcome> ConflictAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, WorkflowInstance instance, long previousRevision)
    {
        await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        instance.Revision = previousRevision;
        return CommitOutcome.Conflict;
    }

    private static InstanceRecord ToRecord(WorkflowInstance instance, string state) => new()
    {
        Id = instance.Id,
        DefinitionId = instance.DefinitionId,
        DefinitionVersionId = instance.DefinitionVersionId,
        DefinitionVersion = instance.DefinitionVersion,
        Status = instance.Status.ToString(),
        CorrelationId = instance.CorrelationId,
        Name = instance.Name,
        Revision = instance.Revision,
        IncidentCount = instance.Incidents.Count,
        State = state,
        CreatedAt = instance.CreatedAt,
        UpdatedAt = instance.UpdatedAt,
        FinishedAt = instance.FinishedAt,
    };

    private static BookmarkRecord ToRecord(Bookmark b) => new()
    {
        Id = b.Id,
        WorkflowInstanceId = b.WorkflowInstanceId,
        Name = b.Name,
        Hash = b.Hash,
        ActivityInstanceId = b.ActivityInstanceId,
        ActivityNodePath = b.ActivityNodePath,
        ActivityId = b.ActivityId,
        CorrelationId = b.CorrelationId,
        Payload = b.Payload.ToJsonString(),
        ResumeAt = b.ResumeAt,
        CreatedAt = b.CreatedAt,
    };

    private static Bookmark ToBookmark(BookmarkRecord r) => new()
    {
        Id = r.Id,
        WorkflowInstanceId = r.WorkflowInstanceId,
        Name = r.Name,
        Hash = r.Hash,
        ActivityInstanceId = r.ActivityInstanceId,
        ActivityNodePath = r.ActivityNodePath,
        ActivityId = r.ActivityId,
        CorrelationId = r.CorrelationId,
        Payload = System.Text.Json.Nodes.JsonNode.Parse(r.Payload)!.AsObject(),
        ResumeAt = r.ResumeAt,
        CreatedAt = r.CreatedAt,
    };

    private static JournalRecord ToRecord(JournalEntry j) => new()
    {
        WorkflowInstanceId = j.WorkflowInstanceId,
        Sequence = j.Sequence,
        Timestamp = j.Timestamp,
        EventName = j.EventName,
        ActivityId = j.ActivityId,
        ActivityType = j.ActivityType,
        ActivityNodePath = j.ActivityNodePath,
        ActivityInstanceId = j.ActivityInstanceId,
        Message = j.Message,
        Outcomes = j.Outcomes is null ? null : JsonSerializer.Serialize(j.Outcomes),
    };

    private static IncidentRecord ToRecord(string instanceId, Incident i) => new()
    {
        WorkflowInstanceId = instanceId,
        ActivityId = i.ActivityId,
        ActivityNodePath = i.ActivityNodePath,
        ActivityType = i.ActivityType,
        Message = i.Message,
        ExceptionType = i.ExceptionType,
        Timestamp = i.Timestamp,
    };

    private static OutboxRecord ToRecord(OutboxMessage m) => new()
    {
        Id = m.Id,
        WorkflowInstanceId = m.WorkflowInstanceId,
        Kind = m.Kind,
        Payload = m.Payload.ToJsonString(),
        CreatedAt = m.CreatedAt,
        NextAttemptAt = m.CreatedAt + EfOutboxDispatcher.InlineLease, // the committing process delivers it first
    };
}
