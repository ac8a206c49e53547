namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.End: completes the flowchart it stands in, cancelling whatever else is still active there.</summary>
[Activity(TypeName, Category = "Flow", Description = "Ends the flowchart.", Outcomes = [])]
public sealed class End : IActivity
{
    public const string TypeName = "Elsa.End";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
