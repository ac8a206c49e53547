namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Correlate: sets the instance's correlation id (e.g. a nomination id), used to match stimuli.</summary>
[Activity(TypeName, Category = "Primitives", Description = "Sets the correlation id of the workflow instance.")]
public sealed class Correlate : IActivity
{
    public const string TypeName = "Elsa.Correlate";

    public static readonly Input<string> CorrelationId = new("correlationId", null, "The correlation id.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CorrelationId = context.Get(CorrelationId);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
