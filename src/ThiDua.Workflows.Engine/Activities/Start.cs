namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Start: marks where a flowchart begins.</summary>
[Activity(TypeName, Category = "Flow", Description = "Where the flowchart starts.")]
public sealed class Start : IActivity
{
    public const string TypeName = "Elsa.Start";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
