using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>
/// Everything one burst changes, committed in one transaction: the instance, bookmark changes, journal and
/// outbox. The store accepts it only if the instance is still at <see cref="ExpectedRevision"/> and the claimed
/// bookmark still exists; otherwise it answers <see cref="CommitOutcome.Conflict"/> and changes nothing.
/// </summary>
public sealed record WorkflowCommit(
    WorkflowInstance Instance,
    long? ExpectedRevision,
    IReadOnlyList<Bookmark> AddedBookmarks,
    IReadOnlyList<string> RemovedBookmarkIds,
    string? ClaimedBookmarkId,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<OutboxMessage> Outbox,
    IReadOnlyList<Incident> Incidents,
    bool CorrelationChanged = false);

public enum CommitOutcome
{
    Committed,

    /// <summary>Another burst committed first (or the claimed bookmark is gone): nothing was written.</summary>
    Conflict,
}

/// <summary>Which bookmarks to find: by stimulus hash, by instance, by stimulus name, or timers due by a moment.</summary>
public sealed record BookmarkQuery(
    string? Hash = null,
    string? WorkflowInstanceId = null,
    string? CorrelationId = null,
    DateTimeOffset? DueBy = null,
    int Limit = 1000,
    string? Name = null);

/// <summary>The runtime's view of persistence: instances, bookmarks, journal; one transaction per burst.</summary>
public interface IWorkflowStore
{
    Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken = default);

    Task<CommitOutcome> CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Ids of instances in a status (recovery looks for <see cref="WorkflowStatus.Running"/> ones).</summary>
    Task<IReadOnlyList<string>> FindInstanceIdsAsync(WorkflowStatus status, int limit = 1000, CancellationToken cancellationToken = default);
}
