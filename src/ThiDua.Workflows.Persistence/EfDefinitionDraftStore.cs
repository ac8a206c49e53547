using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence.Entities;

namespace ThiDua.Workflows.Persistence;

/// <summary>Designer drafts in the workflow database, and publishing a draft as a version in one transaction.</summary>
public sealed class EfDefinitionDraftStore(IWorkflowDbContextFactory contexts, TimeProvider clock) : IDefinitionDraftStore
{
    public async Task<DefinitionDraft?> FindDraftAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.DefinitionDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToDraft(record);
    }

    public async Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var records = await db.DefinitionDrafts.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return records.Select(ToDraft).ToList();
    }

    public async Task<(DraftSaveOutcome Outcome, DefinitionDraft? Draft)> SaveDraftAsync(
        string definitionId, string json, int baseVersion, long expectedRevision, string? by, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = clock.GetUtcNow();
        if (expectedRevision == 0)
        {
            var record = new DefinitionDraftRecord { DefinitionId = definitionId, Json = json, BaseVersion = baseVersion, Revision = 1, UpdatedBy = by, UpdatedAt = now };
            db.DefinitionDrafts.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return (DraftSaveOutcome.Saved, ToDraft(record));
            }
            catch (DbUpdateException)
            {
                return (DraftSaveOutcome.Conflict, null);
            }
        }

        // A conditional update: of two editors saving on the same revision exactly one wins.
        var updated = await db.DefinitionDrafts
            .Where(d => d.DefinitionId == definitionId && d.Revision == expectedRevision)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Json, json)
                .SetProperty(d => d.BaseVersion, baseVersion)
                .SetProperty(d => d.Revision, expectedRevision + 1)
                .SetProperty(d => d.UpdatedBy, by)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        return updated == 1
            ? (DraftSaveOutcome.Saved, new DefinitionDraft(definitionId, json, baseVersion, expectedRevision + 1, by, now))
            : (DraftSaveOutcome.Conflict, null);
    }

    public async Task<bool> DiscardDraftAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.DefinitionDrafts.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<DefinitionVersion> PublishAsync(WorkflowDefinition definition, string? by, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Only the numbers and flags of the earlier versions are touched, never their JSON.
        var siblings = db.Definitions.Where(d => d.DefinitionId == definition.DefinitionId);
        var next = (await siblings.MaxAsync(d => (int?)d.Version, cancellationToken).ConfigureAwait(false) ?? 0) + 1;
        definition = definition.WithIdentity(DefinitionStoreExtensions.NewVersionId(definition.DefinitionId, next), next);
        await siblings.Where(d => d.IsLatest || d.IsPublished)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.IsLatest, false).SetProperty(d => d.IsPublished, false), cancellationToken).ConfigureAwait(false);

        var record = new DefinitionRecord
        {
            Id = definition.Id,
            DefinitionId = definition.DefinitionId,
            Version = next,
            Name = definition.Name,
            IsLatest = true,
            IsPublished = true,
            ContentHash = DefinitionStoreExtensions.ContentHash(definition),
            Json = ElsaJsonWriter.Write(definition),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = by,
        };
        db.Definitions.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.DefinitionDrafts.Where(d => d.DefinitionId == definition.DefinitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DefinitionVersion(record.Id, record.DefinitionId, record.Version, record.Name, true, true, record.ContentHash, record.CreatedAt, by);
    }

    private static DefinitionDraft ToDraft(DefinitionDraftRecord d) => new(d.DefinitionId, d.Json, d.BaseVersion, d.Revision, d.UpdatedBy, d.UpdatedAt);
}
