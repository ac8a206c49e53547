using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Expressions;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.ForEach: runs its <c>body</c> once per element of <c>items</c>, in order. The element is the
/// <c>currentValue</c> output (bound to a variable as Elsa binds it); the body also sees the variables
/// <c>CurrentValue</c> and <c>CurrentIndex</c>.
/// Elsa.Break inside the body ends the loop.
/// </summary>
[Activity(TypeName, Category = "Looping", DisplayName = "For Each", Description = "Runs its body for each item of a list.")]
public sealed class ForEach : IActivity, ILoopActivity
{
    public const string TypeName = "Elsa.ForEach";
    public const string BodyPort = "body";
    public const string CurrentValueOutput = "currentValue";
    public const string CurrentValueVariable = "CurrentValue";
    public const string CurrentIndexVariable = "CurrentIndex";
    private const string NextKey = "next";
    private const string ItemsKey = "items";

    public static readonly Input<JsonNode> Items = new("items", null, "The list to go through (an array, or an object's values).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.State[ItemsKey] = ItemList.From(context.Get(Items), context.Node.Id);
        Next(context, 0);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        Next(context, context.State[NextKey]?.GetValue<int>() ?? int.MaxValue);
        return ValueTask.CompletedTask;
    }

    private static void Next(ActivityContext context, int index)
    {
        var items = (JsonArray)context.State[ItemsKey]!;
        context.Node.Ports.TryGetValue(BodyPort, out var body);
        // Without a body the items are only walked (currentValue ends on the last one), in a loop, not recursion.
        for (; index < items.Count; index++)
        {
            var item = items[index];
            context.State[NextKey] = index + 1;
            context.SetOutput(CurrentValueOutput, item?.DeepClone());
            if (body is null) continue;
            context.ScheduleChild(body, new JsonObject { [CurrentValueVariable] = item?.DeepClone(), [CurrentIndexVariable] = index });
            return;
        }

        context.State.Remove(ItemsKey); // the list is not kept once the loop is over
        context.Complete();
    }
}

/// <summary>Turns an <c>items</c> input into a list: an array as it is, an object's values, a single value as one item.</summary>
internal static class ItemList
{
    public static JsonArray From(JsonNode? value, string activityId) => value switch
    {
        null => [],
        JsonArray array => (JsonArray)array.DeepClone(),
        JsonObject obj => new JsonArray(obj.Select(p => p.Value?.DeepClone()).ToArray()),
        JsonValue v when v.TryGetValue(out string? text) && text.TrimStart().StartsWith('[') => Parse(text, activityId),
        _ => [value.DeepClone()],
    };

    private static JsonArray Parse(string text, string activityId)
    {
        try
        {
            return JsonNode.Parse(text) as JsonArray ?? [];
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ExpressionException($"items of activity '{activityId}' are not a JSON list: {ex.Message}", ex);
        }
    }
}
