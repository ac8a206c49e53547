using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>Definition versions kept in memory (the CLI and tests).</summary>
public sealed class InMemoryDefinitionStore(TimeProvider clock) : IDefinitionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkflowDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly List<DefinitionVersion> _versions = [];

    public Task<WorkflowDefinition?> FindVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_definitions.GetValueOrDefault(versionId));
    }

    public Task<IReadOnlyList<DefinitionVersion>> ListPublishedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<DefinitionVersion>>(_versions.Where(v => v.IsPublished).OrderBy(v => v.DefinitionId, StringComparer.Ordinal).ToList());
    }

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<DefinitionVersion>>(
                _versions.Where(v => v.DefinitionId == definitionId).OrderBy(v => v.Version).ToList());
    }

    public Task<DefinitionVersion> SaveAsync(WorkflowDefinition definition, DefinitionSaveMode mode, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (mode == DefinitionSaveMode.AsIs && _versions.Find(v => v.Id == definition.Id) is { } existing)
                return Task.FromResult(existing);

            var siblings = _versions.Where(v => v.DefinitionId == definition.DefinitionId).ToList();
            if (mode == DefinitionSaveMode.NewDraft)
            {
                var next = siblings.Count == 0 ? 1 : siblings.Max(v => v.Version) + 1;
                definition = definition.WithIdentity(DefinitionStoreExtensions.NewVersionId(definition.DefinitionId, next), next);
            }

            foreach (var sibling in siblings) Replace(sibling with { IsLatest = false });
            var version = new DefinitionVersion(definition.Id, definition.DefinitionId, definition.Version, definition.Name,
                false, true, DefinitionStoreExtensions.ContentHash(definition), clock.GetUtcNow());
            _versions.Add(version);
            _definitions[definition.Id] = definition;
            return Task.FromResult(version);
        }
    }

    public Task SetPublishedAsync(string versionId, bool published, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var version = _versions.Find(v => v.Id == versionId)
                ?? throw new KeyNotFoundException($"Definition version '{versionId}' does not exist.");
            if (published)
                foreach (var other in _versions.Where(v => v.DefinitionId == version.DefinitionId && v.IsPublished).ToList())
                    Replace(other with { IsPublished = false });
            Replace(_versions.Find(v => v.Id == versionId)! with { IsPublished = published });
            return Task.CompletedTask;
        }
    }

    private void Replace(DefinitionVersion version) => _versions[_versions.FindIndex(v => v.Id == version.Id)] = version;
}
