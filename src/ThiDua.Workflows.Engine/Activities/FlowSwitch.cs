using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Expressions;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>How a FlowSwitch picks its cases.</summary>
public enum SwitchMode
{
    /// <summary>The first case whose condition holds.</summary>
    MatchFirst,

    /// <summary>Every case whose condition holds.</summary>
    MatchAny,
}

/// <summary>
/// Elsa.FlowSwitch: <c>cases</c> is <c>[{label, condition}]</c>; it continues on the matched case labels
/// (the first, or all of them in MatchAny mode), else on <c>Default</c>.
/// </summary>
[Activity(TypeName, Category = "Branching", DisplayName = "Switch", Description = "Chooses paths by case conditions.", Outcomes = [Default])]
public sealed class FlowSwitch : IActivity
{
    public const string TypeName = "Elsa.FlowSwitch";
    public const string Default = "Default";

    public static readonly Input<SwitchMode> Mode = new("mode", SwitchMode.MatchFirst, "MatchFirst or MatchAny.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var mode = context.Get(Mode);
        var matched = new List<string>();
        foreach (var (label, condition) in ReadCases(context.Node.Properties["cases"]))
        {
            if (!context.Session.EvaluateCondition(condition)) continue;
            matched.Add(label);
            if (mode == SwitchMode.MatchFirst) break;
        }

        context.Complete(matched.Count > 0 ? [.. matched] : [Default]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the cases; a condition is an expression <c>{type, value}</c> or an input <c>{typeName, expression}</c>.</summary>
    internal static IEnumerable<(string Label, Expression? Condition)> ReadCases(JsonNode? cases)
    {
        if (cases is JsonObject wrapped && InputValue.Read(wrapped) is { } expression)
            cases = expression.Type == Expression.LiteralType ? expression.Value : null; // cases given as a literal input
        if (cases is not JsonArray array) yield break;
        foreach (var item in array.OfType<JsonObject>())
        {
            var label = item["label"] is JsonValue l && l.TryGetValue(out string? s) ? s : "";
            var condition = item["condition"] switch
            {
                JsonObject c when c.ContainsKey("expression") => InputValue.Read(c),
                JsonObject c => new Expression(c["type"] is JsonValue t && t.TryGetValue(out string? type) ? type : Expression.LiteralType, c["value"]),
                JsonValue v => new Expression(Expression.LiteralType, v),
                _ => null,
            };
            yield return (label, condition);
        }
    }
}
