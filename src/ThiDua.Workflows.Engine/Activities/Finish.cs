namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Finish: finishes the whole workflow at once and clears every bookmark.</summary>
[Activity(TypeName, Category = "Flow", Description = "Finishes the workflow and clears all bookmarks.", Outcomes = [])]
public sealed class Finish : IActivity
{
    public const string TypeName = "Elsa.Finish";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.FinishWorkflow();
        return ValueTask.CompletedTask;
    }
}
