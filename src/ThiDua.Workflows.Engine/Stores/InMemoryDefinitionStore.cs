using System.Collections.Concurrent;
using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>Definition versions kept in memory (the CLI and tests).</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _versions = new();
    private readonly ConcurrentDictionary<string, string> _published = new();

    public Task<WorkflowDefinition?> FindVersionAsync(string versionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.GetValueOrDefault(versionId));

    public Task<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_published.TryGetValue(definitionId, out var id) ? _versions.GetValueOrDefault(id) : null);

    public Task SaveAsync(WorkflowDefinition definition, bool publish, CancellationToken cancellationToken = default)
    {
        _versions.TryAdd(definition.Id, definition);
        if (publish) _published[definition.DefinitionId] = definition.Id;
        return Task.CompletedTask;
    }
}
