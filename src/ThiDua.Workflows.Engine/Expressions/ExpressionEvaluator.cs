using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>Evaluates an expression of any supported syntax to the engine's value form (<see cref="JsonNode"/>).</summary>
internal sealed class ExpressionEvaluator
{
    private readonly JavaScriptEvaluator _javaScript = new();
    private readonly LiquidEvaluator _liquid = new();

    public JsonNode? Evaluate(Expression expression, IExpressionScope scope) => expression.Type switch
    {
        Expression.LiteralType => expression.Value?.DeepClone(),
        Expression.ObjectType or Expression.JsonType => ParseObject(expression.Value),
        Expression.VariableType => scope.GetVariable(VariableName(expression.Value)),
        Expression.JavaScriptType => _javaScript.Evaluate(expression.Text, scope),
        Expression.LiquidType => JsonValue.Create(_liquid.Render(expression.Text, scope)),
        _ => throw new ExpressionException($"unknown expression type '{expression.Type}'"),
    };

    /// <summary>Returns a syntax problem of an expression, or null when it is fine.</summary>
    public static string? CheckSyntax(Expression expression) => expression.Type switch
    {
        Expression.LiteralType or Expression.VariableType => null,
        Expression.ObjectType or Expression.JsonType => CheckObject(expression.Value),
        Expression.JavaScriptType => JavaScriptEvaluator.CheckSyntax(expression.Text) is { } e ? $"JavaScript syntax error: {e}" : null,
        Expression.LiquidType => LiquidEvaluator.CheckSyntax(expression.Text) is { } e ? $"Liquid syntax error: {e}" : null,
        _ => $"unknown expression type '{expression.Type}' (supported: {string.Join(", ", Expression.SupportedTypes)})",
    };

    /// <summary>The value of an <c>Object</c> expression: its JSON text parsed (text that is not JSON stays text).</summary>
    internal static JsonNode? ParseObject(JsonNode? value)
    {
        // The Object syntax keeps its JSON as a string ("[\"GET\"]"); a bare JSON value is taken as it is.
        if (value is JsonValue v && v.TryGetValue(out string? text))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return value?.DeepClone();
    }

    private static string? CheckObject(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue(out string? text) || string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            JsonNode.Parse(text);
            return null;
        }
        catch (JsonException ex)
        {
            return $"the Object expression is not valid JSON: {ex.Message}";
        }
    }

    private static string VariableName(JsonNode? value) => value switch
    {
        JsonObject o => (o["name"] ?? o["id"])?.GetValue<string>() ?? "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => "",
    };
}
