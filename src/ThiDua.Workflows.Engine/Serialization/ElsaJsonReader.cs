using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Serialization;

/// <summary>The outcome of reading a definition: the model (null when the file is unusable) and the problems met.</summary>
public sealed record ReadResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool Succeeded => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// Reads Elsa 3 workflow definition JSON by the rules of elsa-3-reference.md §1.10: flat activity objects,
/// both connection formats, a legacy <c>start</c> property; unknown activity types and keys kept verbatim.
/// The reader is lenient (it keeps what it can and reports the rest); <c>WorkflowValidator</c> judges whether it can run.
/// </summary>
public static class ElsaJsonReader
{
    private static readonly HashSet<string> ReservedActivityKeys =
        ["id", "nodeId", "name", "type", "version", "customProperties", "metadata"];

    private static readonly HashSet<string> KnownTopLevelKeys = ["id", "definitionId", "name", "version", "variables", "root"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads a definition, throwing <see cref="InvalidDefinitionException"/> when there is any problem.</summary>
    public static WorkflowDefinition ReadOrThrow(string json)
    {
        var result = Read(json);
        return result.Succeeded ? result.Definition! : throw new InvalidDefinitionException(result.Problems);
    }

    public static ReadResult Read(string json)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
            var detail = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
            return new ReadResult(null, [new DefinitionProblem(ex.Path ?? "$", $"malformed JSON{where}: {detail}")]);
        }

        if (document is not JsonObject top)
            return new ReadResult(null, [new DefinitionProblem("$", "a workflow definition must be a JSON object")]);

        var problems = new List<DefinitionProblem>();
        var id = GetString(top, "id");
        var definitionId = GetString(top, "definitionId");
        if (id is null && definitionId is null)
            id = definitionId = "def-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        id ??= definitionId;
        definitionId ??= id;

        var version = 1;
        if (top["version"] is JsonValue versionValue && !TryGetInt(versionValue, out version))
            problems.Add(new DefinitionProblem("$.version", "must be a whole number"));

        var variables = ReadVariables(top["variables"], "$.variables", problems);

        ActivityNode? root = null;
        if (!top.TryGetPropertyValue("root", out var rootNode) || rootNode is null)
            problems.Add(new DefinitionProblem("$.root", "the definition has no root activity"));
        else if (rootNode is not JsonObject rootObject)
            problems.Add(new DefinitionProblem("$.root", "the root must be an activity object"));
        else
            root = ReadActivity(rootObject, "$.root", problems, isRoot: true);

        var extra = new JsonObject();
        foreach (var (key, value) in top)
        {
            // "$schema" marks an export: strip it on import (rule 6).
            if (KnownTopLevelKeys.Contains(key) || key == "$schema") continue;
            extra[key] = value?.DeepClone();
        }

        if (root is null)
            return new ReadResult(null, problems);

        var definition = new WorkflowDefinition
        {
            Id = id!,
            DefinitionId = definitionId!,
            Name = GetString(top, "name"),
            Version = version,
            Variables = variables,
            Root = root,
            Extra = extra,
        };
        return new ReadResult(definition, problems);
    }

    /// <summary>Reads one activity object (also used by the designer API for single nodes).</summary>
    internal static ActivityNode ReadActivity(JsonObject obj, string path, List<DefinitionProblem> problems, bool isRoot = false)
    {
        var id = GetString(obj, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            if (isRoot) id = "Flowchart1"; // Elsa generates a root id when missing.
            else problems.Add(new DefinitionProblem(path + ".id", "the activity has no id"));
        }

        var type = GetString(obj, "type");
        if (string.IsNullOrWhiteSpace(type))
            problems.Add(new DefinitionProblem(path + ".type", "the activity has no type"));

        var version = 1;
        if (obj["version"] is JsonValue v && !TryGetInt(v, out version))
            problems.Add(new DefinitionProblem(path + ".version", "must be a whole number"));

        var properties = new JsonObject();
        var ports = new Dictionary<string, ActivityNode>();
        var children = new List<ActivityNode>();
        var connections = new List<Connection>();
        bool hasActivities = false, hasConnections = false;
        string? start = null;
        JsonObject? metadata = null, customProperties = null;
        var isFlowchart = obj["activities"] is JsonArray;

        foreach (var (key, value) in obj)
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "metadata" when value is JsonObject m:
                    metadata = (JsonObject)m.DeepClone();
                    continue;
                case "customProperties" when value is JsonObject c:
                    customProperties = (JsonObject)c.DeepClone();
                    continue;
                case "id" or "nodeId" or "name" or "type" or "version" when value is null or JsonValue:
                    continue;
                case "activities" when value is JsonArray array:
                    hasActivities = true;
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject child)
                            children.Add(ReadActivity(child, $"{keyPath}[{i}]", problems));
                        else
                            problems.Add(new DefinitionProblem($"{keyPath}[{i}]", "an activity must be a JSON object"));
                    }
                    continue;
                case "connections" when value is JsonArray array:
                    hasConnections = true;
                    for (var i = 0; i < array.Count; i++)
                    {
                        var connection = ReadConnection(array[i], $"{keyPath}[{i}]", problems);
                        if (connection is not null) connections.Add(connection);
                    }
                    continue;
                case "start" when isFlowchart && value is JsonValue sv && sv.TryGetValue(out string? s):
                    start = s;
                    continue;
            }

            if (!ReservedActivityKeys.Contains(key) && value is JsonObject nested && IsEmbeddedActivity(nested))
                ports[key] = ReadActivity(nested, keyPath, problems);
            else
                properties[key] = value?.DeepClone();
        }

        return new ActivityNode
        {
            Id = id ?? "",
            Type = type ?? "",
            Name = GetString(obj, "name"),
            Version = version,
            NodeId = GetString(obj, "nodeId"),
            Metadata = metadata,
            CustomProperties = customProperties,
            Properties = properties,
            Ports = ports,
            Activities = children,
            Connections = connections,
            HasActivities = hasActivities,
            HasConnections = hasConnections,
            StartActivityId = start,
        };
    }

    // An embedded activity (a port such as FlowNode.body) is an object with a string type and id; inputs carry
    // typeName/expression instead, and SetVariable's variable object has no type.
    private static bool IsEmbeddedActivity(JsonObject value) =>
        GetString(value, "type") is not null && GetString(value, "id") is not null && !value.ContainsKey("expression");

    private static Connection? ReadConnection(JsonNode? node, string path, List<DefinitionProblem> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add(new DefinitionProblem(path, "a connection must be a JSON object"));
            return null;
        }

        Endpoint? source, target;
        HashSet<string> consumed;
        if (obj["sourcePort"] is JsonValue sp && sp.TryGetValue(out string? sourcePort))
        {
            // Legacy format: {source, target, sourcePort, targetPort} with ids as strings.
            source = GetString(obj, "source") is { } s ? new Endpoint(s, sourcePort) : null;
            target = GetString(obj, "target") is { } t ? new Endpoint(t, GetString(obj, "targetPort")) : null;
            consumed = ["source", "target", "sourcePort", "targetPort"];
        }
        else
        {
            source = ReadEndpoint(obj["source"]);
            target = ReadEndpoint(obj["target"]);
            consumed = ["source", "target"];
        }

        if (source is null)
            problems.Add(new DefinitionProblem(path + ".source", "the connection has no source activity"));
        if (target is null)
            problems.Add(new DefinitionProblem(path + ".target", "the connection has no target activity"));
        if (source is null || target is null)
            return null;

        var extra = new JsonObject();
        foreach (var (key, value) in obj)
            if (!consumed.Contains(key)) extra[key] = value?.DeepClone();

        return new Connection { Source = source, Target = target, Extra = extra };
    }

    private static Endpoint? ReadEndpoint(JsonNode? node) => node switch
    {
        JsonObject o when GetString(o, "activity") is { } activity => new Endpoint(activity, GetString(o, "port")),
        JsonValue v when v.TryGetValue(out string? s) => new Endpoint(s, null),
        _ => null,
    };

    private static List<VariableDefinition> ReadVariables(JsonNode? node, string path, List<DefinitionProblem> problems)
    {
        var list = new List<VariableDefinition>();
        if (node is null) return list;
        if (node is not JsonArray array)
        {
            problems.Add(new DefinitionProblem(path, "variables must be an array"));
            return list;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject v && (GetString(v, "name") ?? GetString(v, "id")) is not null)
                list.Add(new VariableDefinition((JsonObject)v.DeepClone()));
            else
                problems.Add(new DefinitionProblem($"{path}[{i}]", "a variable must be an object with a name"));
        }

        return list;
    }

    internal static string? GetString(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static bool TryGetInt(JsonValue value, out int result)
    {
        if (value.TryGetValue(out result)) return true;
        if (value.TryGetValue(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            result = (int)d;
            return true;
        }

        return value.TryGetValue(out string? s) && int.TryParse(s, out result);
    }
}
