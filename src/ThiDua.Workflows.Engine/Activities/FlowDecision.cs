namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.FlowDecision: continues on <c>True</c> or <c>False</c>.</summary>
[Activity(TypeName, Category = "Branching", DisplayName = "Decision", Description = "Chooses a path by a Boolean condition.", Outcomes = [True, False])]
public sealed class FlowDecision : IActivity
{
    public const string TypeName = "Elsa.FlowDecision";
    public const string True = "True";
    public const string False = "False";

    public static readonly Input<bool> Condition = new("condition", false, "The condition to evaluate.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete(context.Get(Condition) ? True : False);
        return ValueTask.CompletedTask;
    }
}
