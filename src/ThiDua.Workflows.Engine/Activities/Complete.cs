using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.Complete: completes the nearest composite — here the workflow — with the given <c>outcomes</c> (default
/// <c>Done</c>). When the workflow runs as a child activity, those outcomes are the ports its parent continues on.
/// </summary>
[Activity(TypeName, Category = "Primitives", Description = "Completes the workflow with outcomes.", Outcomes = [])]
public sealed class Complete : IActivity
{
    public const string TypeName = "Elsa.Complete";

    public static readonly Input<JsonNode> Outcomes = new("outcomes", null, "The outcomes to complete with (a list of names).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var outcomes = context.Get(Outcomes) switch
        {
            JsonArray array => array.Select(o => o?.ToString()).Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).ToList(),
            JsonValue v when v.TryGetValue(out string? text) && text.TrimStart().StartsWith('[') =>
                JsonNode.Parse(text) is JsonArray a ? a.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).ToList() : [],
            JsonValue v when v.TryGetValue(out string? text) && text.Length > 0 => [text],
            _ => [],
        };
        context.CompleteComposite(outcomes.Count == 0 ? [ActivityOutcomes.Done] : outcomes);
        return ValueTask.CompletedTask;
    }
}
