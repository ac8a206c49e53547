using System.Security.Cryptography;
using System.Text;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>Versioning operations built on <see cref="IDefinitionStore"/>.</summary>
public static class DefinitionStoreExtensions
{
    /// <summary>The published version of a definition, if any.</summary>
    public static async Task<WorkflowDefinition?> FindPublishedAsync(this IDefinitionStore store, string definitionId, CancellationToken cancellationToken = default)
    {
        var published = (await store.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false)).LastOrDefault(v => v.IsPublished);
        return published is null ? null : await store.FindVersionAsync(published.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports a definition (a file of workflows/) as the published version: unchanged content keeps its version;
    /// changed content becomes a new version, and instances already running stay on theirs.
    /// </summary>
    public static async Task<DefinitionVersion> ImportAsync(this IDefinitionStore store, WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var hash = ContentHash(definition);
        var versions = await store.ListVersionsAsync(definition.DefinitionId, cancellationToken).ConfigureAwait(false);
        // A file already stored as some version was imported before: versions published since (the office's, from
        // the designer) stay in force. Only a file whose content changed becomes a new published version.
        var known = versions.LastOrDefault(v => v.ContentHash == hash);
        if (known is not null && !known.IsLatest) return known;
        var version = known ?? await store.SaveAsync(definition, DefinitionSaveMode.NewDraft, cancellationToken).ConfigureAwait(false);
        if (!version.IsPublished)
        {
            await store.SetPublishedAsync(version.Id, true, cancellationToken).ConfigureAwait(false);
            version = version with { IsPublished = true };
        }

        return version;
    }

    /// <summary>A hash of what a definition does (its JSON without version identity), to tell a changed file.</summary>
    public static string ContentHash(WorkflowDefinition definition)
    {
        var json = ElsaJsonWriter.ToJson(definition);
        foreach (var identity in new[] { "id", "version", "isLatest", "isPublished", "createdAt" })
            json.Remove(identity);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())));
    }

    /// <summary>A new version id for a definition's version number.</summary>
    public static string NewVersionId(string definitionId, int version) => $"{definitionId}:v{version}";
}
