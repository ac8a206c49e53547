using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Web.Queries;

public sealed record InstanceRow(string Id, string DefinitionId, int Version, string Status, string? Name, string? CorrelationId, int Incidents, DateTimeOffset UpdatedAt);

public sealed record InstanceDetail(WorkflowInstance Instance, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<Bookmark> Bookmarks);

/// <summary>The administrator's view of workflow instances: a filtered list, and one instance with its journal and bookmarks.</summary>
public sealed class InstanceQueries(IWorkflowDbContextFactory contexts, IWorkflowStore store)
{
    public const int PageSize = 50;

    public async Task<(IReadOnlyList<InstanceRow> Rows, int Total, IReadOnlyList<string> Definitions)> ListAsync(
        string? definitionId, string? status, int page, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.Instances.AsNoTracking();
        if (definitionId is { Length: > 0 }) query = query.Where(i => i.DefinitionId == definitionId);
        if (status is { Length: > 0 }) query = query.Where(i => i.Status == status);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query.OrderByDescending(i => i.UpdatedAt).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(i => new InstanceRow(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Name, i.CorrelationId, i.IncidentCount, i.UpdatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var definitions = await db.Definitions.AsNoTracking().Select(d => d.DefinitionId).Distinct().OrderBy(d => d).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (rows, total, definitions);
    }

    public async Task<InstanceDetail?> DetailAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null) return null;
        var journal = await store.ReadJournalAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var bookmarks = await store.FindBookmarksAsync(new BookmarkQuery(WorkflowInstanceId: instanceId), cancellationToken).ConfigureAwait(false);
        return new InstanceDetail(instance, journal, bookmarks);
    }
}
