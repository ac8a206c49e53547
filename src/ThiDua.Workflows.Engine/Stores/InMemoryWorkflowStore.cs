using System.Text.Json;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>
/// An in-process store with the same contract as the durable one: commits are atomic under a lock and
/// checked against the revision, and instances are copied in and out so bursts never share state.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _instances = new();
    private readonly Dictionary<string, Bookmark> _bookmarks = new();
    private readonly Dictionary<string, List<JournalEntry>> _journal = new();
    private readonly List<OutboxMessage> _outbox = [];

    /// <summary>Every outbox message committed so far (the in-memory runtime delivers them right after commit).</summary>
    public IReadOnlyList<OutboxMessage> Outbox
    {
        get
        {
            lock (_gate) return _outbox.ToList();
        }
    }

    public Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_instances.TryGetValue(instanceId, out var json)
                ? JsonSerializer.Deserialize<WorkflowInstance>(json, EngineJson.Options)
                : null);
    }

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_bookmarks.TryGetValue(bookmarkId, out var b) ? Clone(b) : null);
    }

    public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Bookmark> found = _bookmarks.Values
                .Where(b => query.Hash is null || b.Hash == query.Hash)
                .Where(b => query.WorkflowInstanceId is null || b.WorkflowInstanceId == query.WorkflowInstanceId)
                .Where(b => query.CorrelationId is null || b.CorrelationId == query.CorrelationId)
                .Where(b => query.Name is null || b.Name == query.Name)
                .Where(b => query.DueBy is null || (b.ResumeAt is { } at && at <= query.DueBy))
                .OrderBy(b => b.ResumeAt ?? b.CreatedAt)
                .Take(query.Limit)
                .Select(Clone)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<CommitOutcome> CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var instance = commit.Instance;
            if (commit.ExpectedRevision is { } expected)
            {
                if (!_instances.TryGetValue(instance.Id, out var current)
                    || JsonSerializer.Deserialize<WorkflowInstance>(current, EngineJson.Options)!.Revision != expected)
                    return Task.FromResult(CommitOutcome.Conflict);
            }
            else if (_instances.ContainsKey(instance.Id))
            {
                return Task.FromResult(CommitOutcome.Conflict);
            }

            if (commit.ClaimedBookmarkId is { } claimed && !_bookmarks.ContainsKey(claimed))
                return Task.FromResult(CommitOutcome.Conflict);

            instance.Revision = (commit.ExpectedRevision ?? 0) + 1;
            _instances[instance.Id] = JsonSerializer.Serialize(instance, EngineJson.Options);
            foreach (var id in commit.RemovedBookmarkIds) _bookmarks.Remove(id);
            if (commit.ClaimedBookmarkId is { } c) _bookmarks.Remove(c);
            foreach (var b in commit.AddedBookmarks) _bookmarks[b.Id] = Clone(b);
            if (commit.CorrelationChanged)
                foreach (var b in _bookmarks.Values.Where(b => b.WorkflowInstanceId == instance.Id))
                    b.CorrelationId = instance.CorrelationId;
            if (!_journal.TryGetValue(instance.Id, out var journal)) _journal[instance.Id] = journal = [];
            journal.AddRange(commit.Journal);
            _outbox.AddRange(commit.Outbox);
            return Task.FromResult(CommitOutcome.Committed);
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalEntry>>(_journal.TryGetValue(instanceId, out var j) ? j.ToList() : []);
    }

    public Task<IReadOnlyList<string>> FindInstanceIdsAsync(WorkflowStatus status, int limit = 1000, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>(_instances.Values
                .Select(json => JsonSerializer.Deserialize<WorkflowInstance>(json, EngineJson.Options)!)
                .Where(i => i.Status == status)
                .Take(limit)
                .Select(i => i.Id)
                .ToList());
    }

    private static Bookmark Clone(Bookmark b) =>
        JsonSerializer.Deserialize<Bookmark>(JsonSerializer.Serialize(b, EngineJson.Options), EngineJson.Options)!;
}
