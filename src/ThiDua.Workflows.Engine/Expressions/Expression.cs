using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>An Elsa expression: <c>{type, value}</c>. A missing type means Literal.</summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    public const string LiteralType = "Literal";
    public const string ObjectType = "Object";
    public const string JsonType = "Json";
    public const string VariableType = "Variable";
    public const string JavaScriptType = "JavaScript";
    public const string LiquidType = "Liquid";

    public static IReadOnlyList<string> SupportedTypes { get; } = [LiteralType, ObjectType, JsonType, VariableType, JavaScriptType, LiquidType];

    /// <summary>The expression's source text (JavaScript, Liquid) or literal text.</summary>
    public string Text => Value is JsonValue v && v.TryGetValue(out string? s) ? s : Value?.ToJsonString() ?? "";
}

/// <summary>Thrown when an expression cannot be evaluated (syntax, runtime error, unknown type).</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
