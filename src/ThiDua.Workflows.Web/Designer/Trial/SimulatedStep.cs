using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;

namespace ThiDua.Workflows.Web.Designer.Trial;

/// <summary>
/// Stands in for a step that touches the world (a task, a council vote, a mail, a timer) when the designer tries a
/// draft in memory: it leaves by the outcome the person chose, or waits when none was chosen. A step reached a second
/// time waits too, so a return loop drawn in the path shows once instead of running on.
/// </summary>
[Activity(TypeName, Category = "Designer", Description = "A simulated step of a trial run.", Outcomes = [])]
public sealed class SimulatedStep : IActivity
{
    public const string TypeName = "ThiDua.Designer.Simulated";
    public const string WaitBookmark = "ThiDua.Designer.Waiting";
    private const string VisitsVariable = "__trialVisits";

    public static readonly Input<string> Outcome = new("outcome", null, "The outcome to leave by; empty: wait.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var visits = context.GetVariable(VisitsVariable) as JsonObject ?? [];
        var seen = visits[context.Node.Id]?.GetValue<int>() ?? 0;
        visits[context.Node.Id] = seen + 1;
        context.SetVariable(VisitsVariable, visits);

        var outcome = context.Get(Outcome);
        if (seen > 0 || string.IsNullOrEmpty(outcome))
            context.CreateBookmark(WaitBookmark, new JsonObject { ["step"] = context.Node.Id });
        else
            context.Complete(outcome);
        return ValueTask.CompletedTask;
    }
}
