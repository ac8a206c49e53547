using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Model;

/// <summary>
/// One version of a workflow definition, as read from (and written to) Elsa 3 workflow JSON.
/// Keys the engine does not interpret are kept in <see cref="Extra"/> so that a file round-trips.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Id of this version (Elsa's <c>id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Stable id shared by all versions (Elsa's <c>definitionId</c>).</summary>
    public required string DefinitionId { get; init; }

    public string? Name { get; init; }

    public int Version { get; init; } = 1;

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    public required ActivityNode Root { get; init; }

    /// <summary>Every other top-level key (createdAt, inputs, options, isPublished, ...), verbatim.</summary>
    public JsonObject Extra { get; init; } = [];

    /// <summary>Returns a copy with other identity fields (used when a changed file becomes a new version).</summary>
    public WorkflowDefinition WithIdentity(string id, int version) => new()
    {
        Id = id,
        DefinitionId = DefinitionId,
        Name = Name,
        Version = version,
        Variables = Variables,
        Root = Root,
        Extra = Extra,
    };
}
