using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Web.Designer;

/// <summary>What changed between two versions: activities and connections added, removed or changed.</summary>
public sealed record DefinitionChanges(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Moved,
    IReadOnlyList<string> ConnectionsAdded,
    IReadOnlyList<string> ConnectionsRemoved);

/// <summary>
/// Compares the root flowcharts of two versions by activity id. A move on the canvas is not a change of the path,
/// so positions are compared apart (<see cref="DefinitionChanges.Moved"/>) and only counted when asked.
/// </summary>
public static class DefinitionDiff
{
    public static DefinitionChanges Compare(WorkflowDefinition from, WorkflowDefinition to, bool layout = false)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = from.Root.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = to.Root.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = after.Keys.Where(id => !before.ContainsKey(id)).ToList();
        var removed = before.Keys.Where(id => !after.ContainsKey(id)).ToList();
        var changed = new List<string>();
        var moved = new List<string>();
        foreach (var (id, node) in after)
        {
            if (!before.TryGetValue(id, out var old)) continue;
            if (!JsonNode.DeepEquals(Content(old), Content(node))) changed.Add(id);
            else if (old.Position != node.Position)
            {
                moved.Add(id);
                if (layout) changed.Add(id);
            }
        }

        var connectionsBefore = from.Root.Connections.Select(Key).ToHashSet(StringComparer.Ordinal);
        var connectionsAfter = to.Root.Connections.Select(Key).ToHashSet(StringComparer.Ordinal);
        return new DefinitionChanges(
            added, removed, changed, moved,
            connectionsAfter.Where(c => !connectionsBefore.Contains(c)).ToList(),
            connectionsBefore.Where(c => !connectionsAfter.Contains(c)).ToList());
    }

    /// <summary>A connection named as the designer names it: source/port→target.</summary>
    public static string Key(Connection connection) => $"{connection.Source.ActivityId}/{connection.SourcePort}→{connection.Target.ActivityId}";

    // What the activity does: its JSON without the designer's position and size.
    private static JsonObject Content(ActivityNode node)
    {
        var json = ElsaJsonWriter.ToJson(node);
        if (json["metadata"] is JsonObject metadata)
        {
            var designer = metadata["designer"] as JsonObject;
            designer?.Remove("position");
            designer?.Remove("size");
            if (designer is { Count: 0 }) metadata.Remove("designer");
            if (metadata.Count == 0) json.Remove("metadata");
        }

        return json;
    }
}
