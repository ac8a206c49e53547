using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Nominations.Activities.Proposals;

[Activity(TypeName, Category = "Nominations", DisplayName = "Decide the list", Description = "The chair's one decision for the list: a number in the yearly series, every nominee waiting for it awarded in the annexed list, the awards register and prize money.")]
public sealed class DecideProposal : IActivity
{
    public const string TypeName = "ThiDua.Proposals.Decide";

    public static readonly Input<string> SignedBy = new("signedBy", null, "Who signed (user name).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(ProposalMessages.Decide, ProposalMessages.Of(context, ("signedBy", context.Get(SignedBy))));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
