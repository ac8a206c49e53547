using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>The designer's unpublished draft of a definition (Elsa 3 JSON as the designer saved it).</summary>
public sealed record DefinitionDraft(string DefinitionId, string Json, int BaseVersion, long Revision, string? UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>What a draft save did.</summary>
public enum DraftSaveOutcome
{
    Saved,

    /// <summary>Someone saved the draft since the revision the caller read; nothing was written.</summary>
    Conflict,
}

/// <summary>
/// Drafts live beside the versions, not as versions: opening, autosaving or abandoning a draft never adds a version
/// (Elsa Studio's "opening creates a draft" complaint), and running instances only ever see published versions.
/// </summary>
public interface IDefinitionDraftStore
{
    Task<DefinitionDraft?> FindDraftAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the draft. <paramref name="expectedRevision"/> is the revision the caller last read (0 for none).</summary>
    Task<(DraftSaveOutcome Outcome, DefinitionDraft? Draft)> SaveDraftAsync(
        string definitionId, string json, int baseVersion, long expectedRevision, string? by, CancellationToken cancellationToken = default);

    Task<bool> DiscardDraftAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: stores the definition as the next version, publishes it (retracting the one before) and
    /// removes the draft. Instances already running keep the version they started on.
    /// </summary>
    Task<DefinitionVersion> PublishAsync(WorkflowDefinition definition, string? by, CancellationToken cancellationToken = default);
}
