namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.While: runs its <c>body</c> as long as <c>condition</c> holds, checked before each round; Elsa.Break inside
/// the body ends it. Each round is a step, so a loop that never waits is stopped by the burst's step limit.
/// </summary>
[Activity(TypeName, Category = "Looping", Description = "Runs its body while a condition holds.")]
public sealed class While : IActivity, ILoopActivity
{
    public const string TypeName = "Elsa.While";
    public const string BodyPort = "body";

    public static readonly Input<bool> Condition = new("condition", false, "Checked before each round.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        Round(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        Round(context);
        return ValueTask.CompletedTask;
    }

    private static void Round(ActivityContext context)
    {
        if (!context.Get(Condition))
        {
            context.Complete();
            return;
        }

        if (!context.Node.Ports.TryGetValue(BodyPort, out var body))
            throw new InvalidOperationException($"While '{context.Node.Id}' has no body: its condition would hold forever.");
        context.ScheduleChild(body);
    }
}
