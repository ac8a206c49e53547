namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Break: ends the nearest enclosing loop (While, ForEach, ParallelForEach); outside a loop it faults.</summary>
[Activity(TypeName, Category = "Looping", Description = "Leaves the enclosing loop.", Outcomes = [])]
public sealed class Break : IActivity
{
    public const string TypeName = "Elsa.Break";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.BreakLoop();
        return ValueTask.CompletedTask;
    }
}
