using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Nominations.Activities.Proposals;

[Activity(TypeName, Category = "Nominations", DisplayName = "Advance the list", Description = "After the office's review: the accepted nominees go to the council (when their award is voted on) or straight to the chair; none accepted closes the list.", Outcomes = ["Council", "Decision", "Closed"])]
public sealed class AdvanceProposal : IActivity
{
    public const string TypeName = "ThiDua.Proposals.Advance";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(ProposalMessages.Advance, ProposalMessages.Of(context));
        context.CreateBookmark(ProposalStimuli.Routed, NominationStimuli.Payload(context.CorrelationId!), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var route = (context.ResumeInput as JsonObject)?["route"]?.GetValue<string>();
        context.Complete(route is "Council" or "Decision" ? route : "Closed");
        return ValueTask.CompletedTask;
    }
}
