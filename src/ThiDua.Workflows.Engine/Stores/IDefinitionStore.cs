using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>What a store knows of one version of a definition.</summary>
public sealed record DefinitionVersion(
    string Id,
    string DefinitionId,
    int Version,
    string? Name,
    bool IsPublished,
    bool IsLatest,
    string ContentHash,
    DateTimeOffset CreatedAt,
    string? CreatedBy = null);

/// <summary>How a definition is saved.</summary>
public enum DefinitionSaveMode
{
    /// <summary>Keep the definition's own version id and number (idempotent by id).</summary>
    AsIs,

    /// <summary>Save as a new draft: the store assigns the next version number and a new version id.</summary>
    NewDraft,
}

/// <summary>
/// Definition versions. An instance pins the version id it started with, so publishing a new version never
/// changes instances under way. At most one version of a definition is published at a time.
/// </summary>
public interface IDefinitionStore
{
    Task<WorkflowDefinition?> FindVersionAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>The published version of every definition (what triggers and palettes look at).</summary>
    Task<IReadOnlyList<DefinitionVersion>> ListPublishedAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of a definition, oldest first.</summary>
    Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<DefinitionVersion> SaveAsync(WorkflowDefinition definition, DefinitionSaveMode mode, CancellationToken cancellationToken = default);

    /// <summary>Publishes a version (retracting the one published before) or retracts it.</summary>
    Task SetPublishedAsync(string versionId, bool published, CancellationToken cancellationToken = default);
}
