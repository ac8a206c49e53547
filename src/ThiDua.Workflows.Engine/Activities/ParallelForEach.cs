using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.ParallelForEach: starts its <c>body</c> for every element of <c>items</c> at once and completes when all
/// have completed. Each branch sees its own element as the variable <c>CurrentValue</c> (and in the variable the
/// <c>currentValue</c> output is bound to), so branches that wait do not overwrite each other's element.
/// </summary>
[Activity(TypeName, Category = "Looping", DisplayName = "Parallel For Each", Description = "Runs its body for every item of a list at once.")]
public sealed class ParallelForEach : IActivity, ILoopActivity
{
    public const string TypeName = "Elsa.ParallelForEach";
    public const string BodyPort = "body";

    public static readonly Input<JsonNode> Items = new("items", null, "The list to go through.");

    /// <summary>The most branches one ParallelForEach starts: more would make one burst too large to keep.</summary>
    public const int MaxBranches = 1_000;

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var items = ItemList.From(context.Get(Items), context.Node.Id);
        if (items.Count > MaxBranches)
            throw new InvalidOperationException($"ParallelForEach '{context.Node.Id}' has {items.Count} items; at most {MaxBranches} run in parallel (use ForEach).");
        if (items.Count == 0 || !context.Node.Ports.TryGetValue(BodyPort, out var body))
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        var bound = BoundVariable(context);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var locals = new JsonObject { [ForEach.CurrentValueVariable] = item?.DeepClone(), [ForEach.CurrentIndexVariable] = index };
            if (bound is not null) locals[bound] = item?.DeepClone();
            context.ScheduleChild(body, locals);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (context.ActiveChildCount == 0) context.Complete();
        return ValueTask.CompletedTask;
    }

    // The variable Elsa binds the currentValue output to becomes a per-branch variable.
    private static string? BoundVariable(ActivityContext context) =>
        context.Node.Properties[ForEach.CurrentValueOutput] is JsonObject output
        && output["memoryReference"]?["id"] is JsonValue id && id.TryGetValue(out string? variable)
            ? variable
            : null;
}
