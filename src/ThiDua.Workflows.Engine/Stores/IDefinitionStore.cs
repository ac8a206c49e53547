using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>Definition versions: an instance pins the version id it started with.</summary>
public interface IDefinitionStore
{
    Task<WorkflowDefinition?> FindVersionAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>The published version of a definition, if any.</summary>
    Task<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Saves a version (idempotent by version id); with <paramref name="publish"/> it becomes the published one.</summary>
    Task SaveAsync(WorkflowDefinition definition, bool publish, CancellationToken cancellationToken = default);
}
