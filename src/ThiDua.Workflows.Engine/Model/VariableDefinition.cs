using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Model;

/// <summary>
/// A workflow variable (Elsa's <c>VariableDefinition</c>). The JSON object is kept whole so unknown keys
/// (storage driver, isArray, ...) round-trip; the engine reads only what it needs.
/// </summary>
public sealed class VariableDefinition(JsonObject raw)
{
    public JsonObject Raw { get; } = raw;

    public string? Id => Raw["id"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public string Name => Raw["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : Id ?? "";

    /// <summary>Elsa type alias such as <c>String</c>, <c>Int32</c>, <c>Boolean</c>, <c>Object</c>.</summary>
    public string TypeName => Raw["typeName"] is JsonValue v && v.TryGetValue(out string? s) ? s : "Object";

    public JsonNode? DefaultValue => Raw["value"];
}
