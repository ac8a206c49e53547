using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Sequence: runs the activities of its <c>activities</c> list one after another, then completes.</summary>
[Activity(TypeName, Category = "Workflows", Description = "Runs activities one after another.")]
public sealed class Sequence : IActivity
{
    public const string TypeName = "Elsa.Sequence";
    private const string NextKey = "next";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        ScheduleNext(context, 0);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        ScheduleNext(context, context.State[NextKey]?.GetValue<int>() ?? context.Node.Activities.Count);
        return ValueTask.CompletedTask;
    }

    private static void ScheduleNext(ActivityContext context, int index)
    {
        var children = context.Node.Activities;
        if (index >= children.Count)
        {
            context.Complete();
            return;
        }

        context.State[NextKey] = JsonValue.Create(index + 1);
        context.ScheduleChild(children[index]);
    }
}
