using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Serialization;

/// <summary>Writes a definition back as Elsa 3 workflow JSON (current connection format; unknown keys verbatim).</summary>
public static class ElsaJsonWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Vietnamese text stays readable in the file instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(WorkflowDefinition definition) => ToJson(definition).ToJsonString(Indented);

    public static JsonObject ToJson(WorkflowDefinition definition)
    {
        var top = new JsonObject
        {
            ["id"] = definition.Id,
            ["definitionId"] = definition.DefinitionId,
        };
        if (definition.Name is not null) top["name"] = definition.Name;
        top["version"] = definition.Version;
        top["variables"] = new JsonArray(definition.Variables.Select(v => (JsonNode)v.Raw.DeepClone()).ToArray());
        foreach (var (key, value) in definition.Extra)
            top[key] = value?.DeepClone();
        top["root"] = ToJson(definition.Root);
        return top;
    }

    public static JsonObject ToJson(ActivityNode node)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in node.Properties)
            obj[key] = value?.DeepClone();
        foreach (var (key, port) in node.Ports)
            obj[key] = ToJson(port);

        obj["id"] = node.Id;
        if (node.NodeId is not null) obj["nodeId"] = node.NodeId;
        if (node.Name is not null) obj["name"] = node.Name;
        obj["type"] = node.Type;
        obj["version"] = node.Version;
        if (node.CustomProperties is not null) obj["customProperties"] = node.CustomProperties.DeepClone();
        if (node.Metadata is not null) obj["metadata"] = node.Metadata.DeepClone();
        if (node.StartActivityId is not null) obj["start"] = node.StartActivityId;
        if (node.HasActivities || node.Activities.Count > 0)
            obj["activities"] = new JsonArray(node.Activities.Select(a => (JsonNode)ToJson(a)).ToArray());
        if (node.HasConnections || node.Connections.Count > 0)
            obj["connections"] = new JsonArray(node.Connections.Select(c => (JsonNode)ToJson(c)).ToArray());
        return obj;
    }

    private static JsonObject ToJson(Connection connection)
    {
        var obj = new JsonObject
        {
            ["source"] = ToJson(connection.Source),
            ["target"] = ToJson(connection.Target),
        };
        foreach (var (key, value) in connection.Extra)
            obj[key] = value?.DeepClone();
        return obj;
    }

    private static JsonObject ToJson(Endpoint endpoint)
    {
        var obj = new JsonObject { ["activity"] = endpoint.ActivityId };
        if (endpoint.Port is not null) obj["port"] = endpoint.Port;
        return obj;
    }
}
