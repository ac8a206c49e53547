namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.If: evaluates <c>condition</c> and runs the activity in its <c>then</c> or <c>else</c> port. In a flowchart,
/// where the ports are usually empty, it completes with <c>True</c> or <c>False</c> (and <c>Done</c>), so connections
/// can follow either.
/// </summary>
[Activity(TypeName, Category = "Branching", Description = "Runs 'then' or 'else' by a Boolean condition.", Outcomes = [True, False, ActivityOutcomes.Done])]
public sealed class If : IActivity
{
    public const string TypeName = "Elsa.If";
    public const string True = "True";
    public const string False = "False";
    public const string ThenPort = "then";
    public const string ElsePort = "else";
    private const string ResultKey = "result";

    public static readonly Input<bool> Condition = new("condition", false, "The condition to evaluate.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var result = context.Get(Condition);
        context.State[ResultKey] = result;
        if (context.Node.Ports.TryGetValue(result ? ThenPort : ElsePort, out var branch))
            context.ScheduleChild(branch);
        else
            Finish(context, result);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        Finish(context, context.State[ResultKey]?.GetValue<bool>() == true);
        return ValueTask.CompletedTask;
    }

    private static void Finish(ActivityContext context, bool result) =>
        context.Complete(result ? True : False, ActivityOutcomes.Done);
}
