namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.FlowFork: continues on every branch named in <c>branches</c> at once.</summary>
[Activity(TypeName, Category = "Flow", DisplayName = "Fork", Description = "Starts several branches in parallel.", Outcomes = [])]
public sealed class FlowFork : IActivity
{
    public const string TypeName = "Elsa.FlowFork";

    public static readonly Input<string[]> Branches = new("branches", [], "The names of the branches (outcomes).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var branches = context.Get(Branches) ?? [];
        context.Complete(branches.Length > 0 ? branches : [ActivityOutcomes.Done]);
        return ValueTask.CompletedTask;
    }
}
