using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Nominations.Activities.Proposals;

[Activity(TypeName, Category = "Nominations", DisplayName = "Council votes on the list", Description = "Waits until the council has counted every nominee of the list sent to it (one ballot sheet); goes on to the chair when at least one passed.", Outcomes = ["Decision", "Closed"])]
public sealed class AwaitProposalCouncil : IActivity
{
    public const string TypeName = "ThiDua.Proposals.AwaitCouncil";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CreateBookmark(ProposalStimuli.CouncilDone, NominationStimuli.Payload(context.CorrelationId ?? ""), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var passed = (context.ResumeInput as JsonObject)?["passed"]?.GetValue<int>() ?? 0;
        context.Complete(passed > 0 ? "Decision" : "Closed");
        return ValueTask.CompletedTask;
    }
}
