using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence.Entities;

namespace ThiDua.Workflows.Persistence;

/// <summary>Definition versions in the database; each row keeps the version's Elsa JSON whole.</summary>
public sealed class EfDefinitionStore(IWorkflowDbContextFactory contexts, TimeProvider clock) : IDefinitionStore
{
    public async Task<WorkflowDefinition?> FindVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var json = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => d.Json)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? null : ElsaJsonReader.ReadOrThrow(json);
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListPublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Definitions.AsNoTracking()
            .Where(d => d.IsPublished)
            .OrderBy(d => d.DefinitionId)
            .Select(d => new DefinitionVersion(d.Id, d.DefinitionId, d.Version, d.Name, d.IsPublished, d.IsLatest, d.ContentHash, d.CreatedAt, d.CreatedBy))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .OrderBy(d => d.Version)
            .Select(d => new DefinitionVersion(d.Id, d.DefinitionId, d.Version, d.Name, d.IsPublished, d.IsLatest, d.ContentHash, d.CreatedAt, d.CreatedBy))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DefinitionVersion> SaveAsync(WorkflowDefinition definition, DefinitionSaveMode mode, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (mode == DefinitionSaveMode.AsIs
            && await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definition.Id, cancellationToken).ConfigureAwait(false) is { } existing)
            return ToVersion(existing);

        var siblings = await db.Definitions.Where(d => d.DefinitionId == definition.DefinitionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (mode == DefinitionSaveMode.AsIs && siblings.Find(d => d.Id == definition.Id) is { } justStored)
            return ToVersion(justStored); // stored by a concurrent caller since the check above
        if (mode == DefinitionSaveMode.NewDraft)
        {
            var next = siblings.Count == 0 ? 1 : siblings.Max(d => d.Version) + 1;
            definition = definition.WithIdentity(DefinitionStoreExtensions.NewVersionId(definition.DefinitionId, next), next);
        }

        foreach (var sibling in siblings) sibling.IsLatest = false;
        var record = new DefinitionRecord
        {
            Id = definition.Id,
            DefinitionId = definition.DefinitionId,
            Version = definition.Version,
            Name = definition.Name,
            IsLatest = true,
            ContentHash = DefinitionStoreExtensions.ContentHash(definition),
            Json = ElsaJsonWriter.Write(definition),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Definitions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (mode == DefinitionSaveMode.AsIs)
        {
            // Another caller stored the same version at the same moment (two first starts): that one stands.
            await using var again = contexts.Create();
            var stored = await again.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definition.Id, cancellationToken).ConfigureAwait(false);
            if (stored is null) throw;
            return ToVersion(stored);
        }

        return ToVersion(record);
    }

    public async Task SetPublishedAsync(string versionId, bool published, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var version = await db.Definitions.FirstOrDefaultAsync(d => d.Id == versionId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Definition version '{versionId}' does not exist.");
        if (published)
            await db.Definitions.Where(d => d.DefinitionId == version.DefinitionId && d.Id != versionId && d.IsPublished)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.IsPublished, false), cancellationToken).ConfigureAwait(false);
        version.IsPublished = published;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DefinitionVersion ToVersion(DefinitionRecord d) =>
        new(d.Id, d.DefinitionId, d.Version, d.Name, d.IsPublished, d.IsLatest, d.ContentHash, d.CreatedAt, d.CreatedBy);
}
