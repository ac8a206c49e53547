using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Model;

/// <summary>
/// One activity of a definition: Elsa's flat activity object. Reserved keys are typed; every other key
/// (inputs, outputs, unknown properties) stays raw in <see cref="Properties"/>. Embedded child activities
/// (ports such as <c>Elsa.FlowNode.body</c>) are parsed into <see cref="Ports"/>; a flowchart's children
/// and connections into <see cref="Activities"/> and <see cref="Connections"/>.
/// </summary>
public sealed class ActivityNode
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public string? Name { get; init; }

    public int Version { get; init; } = 1;

    /// <summary>The <c>nodeId</c> as written in the file, if any. The runtime computes its own paths.</summary>
    public string? NodeId { get; init; }

    public JsonObject? Metadata { get; init; }

    public JsonObject? CustomProperties { get; init; }

    /// <summary>Inputs, outputs and every unknown key, verbatim and in file order.</summary>
    public JsonObject Properties { get; init; } = [];

    /// <summary>Embedded single child activities by property name (e.g. <c>body</c>).</summary>
    public IReadOnlyDictionary<string, ActivityNode> Ports { get; init; } = new Dictionary<string, ActivityNode>();

    /// <summary>Children of a flowchart; empty for other activities.</summary>
    public IReadOnlyList<ActivityNode> Activities { get; init; } = [];

    /// <summary>Connections of a flowchart; empty for other activities.</summary>
    public IReadOnlyList<Connection> Connections { get; init; } = [];

    /// <summary>True when the JSON object carried an <c>activities</c> array (a flowchart container).</summary>
    public bool HasActivities { get; init; }

    /// <summary>True when the JSON object carried a <c>connections</c> array.</summary>
    public bool HasConnections { get; init; }

    /// <summary>Legacy flowchart <c>start</c> property: the id of the activity to start with.</summary>
    public string? StartActivityId { get; init; }

    /// <summary>True when the file marks this activity as one that starts new instances (<c>customProperties.canStartWorkflow</c>).</summary>
    public bool CanStartWorkflow =>
        (CustomProperties?["canStartWorkflow"] ?? CustomProperties?[nameof(CanStartWorkflow)]) is JsonValue flag && flag.TryGetValue(out bool yes) && yes;

    /// <summary>This node and every node inside it (ports, flowchart children), depth first.</summary>
    public IEnumerable<ActivityNode> Descendants()
    {
        var stack = new Stack<ActivityNode>([this]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var port in node.Ports.Values) stack.Push(port);
            for (var i = node.Activities.Count - 1; i >= 0; i--) stack.Push(node.Activities[i]);
        }
    }

    /// <summary>Designer position, when the file has one.</summary>
    public (double X, double Y)? Position =>
        Metadata?["designer"]?["position"] is JsonObject p
        && p["x"] is JsonValue x && x.TryGetValue(out double dx)
        && p["y"] is JsonValue y && y.TryGetValue(out double dy)
            ? (dx, dy)
            : null;
}
