using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Expressions;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Declares one input of an activity type: its JSON key and default. Declared once as a static field and used
/// by the code (<c>context.Get(Text)</c>) and by descriptors, so the name is written in one place.
/// </summary>
public sealed class Input<T>(string name, T? defaultValue = default, string? description = null) : IInputDescriptor
{
    public string Name { get; } = name;

    public T? DefaultValue { get; } = defaultValue;

    public string? Description { get; } = description;

    public Type ValueType => typeof(T);
}

/// <summary>The untyped view of an <see cref="Input{T}"/>, for descriptors and the designer.</summary>
public interface IInputDescriptor
{
    string Name { get; }

    string? Description { get; }

    Type ValueType { get; }
}

/// <summary>How an input's raw JSON is read: an expression, a bare literal, or nothing.</summary>
internal static class InputValue
{
    /// <summary>Returns the expression stored under an input key, or null when the key is absent or unbound.</summary>
    public static Expression? Read(JsonNode? raw) => raw switch
    {
        null => null,
        JsonObject o when o["expression"] is JsonObject e => new Expression(
            e["type"] is JsonValue t && t.TryGetValue(out string? type) ? type : Expression.LiteralType, e["value"]),
        // {typeName, memoryReference} without an expression: an unbound input or an output binding.
        JsonObject o when o.ContainsKey("typeName") => null,
        // A bare JSON primitive (or a plain property such as FlowSwitch.cases) is a literal.
        _ => new Expression(Expression.LiteralType, raw),
    };
}
