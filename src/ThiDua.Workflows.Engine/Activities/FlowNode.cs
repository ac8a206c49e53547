namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.FlowNode: a container that runs the activity in its <c>body</c> port (often a nested flowchart) and completes after it.</summary>
[Activity(TypeName, Category = "Flow", DisplayName = "Container", Description = "Runs the activity in its body.")]
public sealed class FlowNode : IActivity
{
    public const string TypeName = "Elsa.FlowNode";
    public const string BodyPort = "body";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Node.Ports.TryGetValue(BodyPort, out var body))
            context.ScheduleChild(body);
        else
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
