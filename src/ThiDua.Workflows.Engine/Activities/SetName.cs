namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.SetName: sets the instance's name.</summary>
[Activity(TypeName, Category = "Primitives", Description = "Sets the name of the workflow instance.")]
public sealed class SetName : IActivity
{
    public const string TypeName = "Elsa.SetName";

    public static readonly Input<string> Value = new("value", null, "The new name.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.InstanceName = context.Get(Value);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
